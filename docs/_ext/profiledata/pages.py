"""An area's own pages: Markdown files in the profile's ``pages/`` folder, checked.

A local administrator writes these, so they are held to every promise a profile keeps: no
file outside the folder is read, every size is bounded, and only a small subset of MyST is
allowed (``BLOCKS``, ``INLINES``, ``DIRECTIVES``, ``ROLES``, ``SCHEMES``). The subset is judged on the parsed tokens (markdown-it, with the
plug-ins MyST uses), never by scanning text, so ``python -m guide check`` refuses exactly what
the build would and needs neither Sphinx nor docutils. The build adds docutils' own switches
(``raw_enabled``, ``file_insertion_enabled``) and checks the parsed page again
(``localpages/safe.py``).
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from . import fields, files, schema
from .fields import Invalid
from .problems import Problem, shown_path
from .services import _Loader

FOLDER = "pages"
PAGE_LIMIT = 256 * files.KIB  # each page
PAGES_LIMIT = 100  # pages in a profile
WELSH = ".cy"
RESERVED = {"index"}  # local/index.html is the "Local pathway" list of pages
IMAGE_SUFFIXES = files.LOGO_SUFFIXES

# What a page may hold. Block and inline tokens as markdown-it names them; directives and
# roles by name; links by scheme.
BLOCKS = {
    "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
    "list_item_open", "list_item_close", "blockquote_open", "blockquote_close",
    "table_open", "table_close", "thead_open", "thead_close", "tbody_open", "tbody_close",
    "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close", "hr",
    "front_matter",
}  # fmt: skip
INLINES = {
    "text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open", "strong_close",
    "link_open", "link_close", "image", "myst_role",
}  # fmt: skip
ADMONITIONS = ("note", "warning")
DIRECTIVES = ("note", "warning", "signposting")
ROLES = ("profile", "directory")
SCHEMES = {"http", "https", "mailto", "tel"}
# What a refused token is, in words an administrator knows.
NAMES = {
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "code_inline": "code",
    "code_block": "an indented code block",
    "fence": "a code block",
    "colon_fence": "a ::: block",
    "myst_target": "a target, (name)=",
    "myst_line_comment": "a % comment",
    "myst_block_break": "a +++ break",
    "dl_open": "a definition list",
    "s_open": "strikethrough",
}
_ATTRIBUTES = {"href", "src", "alt", "title"}
GUIDE_PATH = re.compile(r"^/(?P<doc>[a-z0-9][a-z0-9/_-]*?)(?:\.md)?(?:#[A-Za-z0-9_-]*)?$")
SLUG_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
OPTION = re.compile(r"^:(?P<name>[A-Za-z][\w-]*):(?:\s+(?P<value>.*))?$")


def either(names):
    """``{note}, {warning} and {signposting}``: what an administrator may write instead."""
    braced = [f"{{{name}}}" for name in names]
    return ", ".join(braced[:-1]) + " and " + braced[-1]


def parser():
    """markdown-it as MyST configures it for this guide (conf.py's myst_enable_extensions),
    but making a link of every address, so a ``javascript:`` one is refused by name rather
    than left as text."""
    md = (
        MarkdownIt("commonmark", {"typographer": False})
        .enable("table")
        .use(front_matter_plugin)
        .use(myst_block_plugin)
        .use(myst_role_plugin)
        .use(colon_fence_plugin)
        .use(deflist_plugin)
        .use(attrs_plugin)
        .use(attrs_block_plugin)
    )
    md.validateLink = lambda url: True
    return md


@dataclass
class Page:
    """One of the area's pages: its English file, and its Welsh one if there is one."""

    stem: str
    path: Path
    title: str
    summary: str = ""
    last_reviewed: dt.date | None = None
    owner: str = ""
    needs_review: bool = False
    welsh: Path | None = None
    title_cy: str = ""
    summary_cy: str = ""
    images: list[Path] = field(default_factory=list)

    @property
    def docname(self):
        return f"local/{self.stem}"

    def source(self, welsh):
        """The file a build in this language reads."""
        return self.welsh if welsh and self.welsh else self.path


def front_matter(text):
    """(front matter text, its first line, the body's first line) of a page."""
    if not text.startswith("---"):
        return "", 0, 1
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---":
            return "\n".join(lines[1 : number - 1]), 2, number + 1
    return None, 2, 1


def read_front_matter(raw, shown, first_line, day):
    """The front matter's values, checked against ``schema.PAGE``, and problems with lines."""
    if raw is None:
        return {}, [Problem(shown, 1, "front matter opens with --- but never closes")]
    try:
        data = yaml.load(raw, Loader=_Loader) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(exc, "problem", None) or "it cannot be read"
        return {}, [Problem(shown, line, f"front matter is not valid YAML: {reason}")]
    if not isinstance(data, dict):
        return {}, [
            Problem(
                shown,
                first_line or 1,
                "needs front matter: lines of key: value between --- lines, with a title",
            )
        ]
    lines = {}
    for offset, line in enumerate(raw.split("\n")):
        key = line.split(":", 1)[0].strip()
        if key and ":" in line and not line.startswith((" ", "\t")):
            lines.setdefault(key, first_line + offset)
    data = {str(key): value for key, value in data.items()}
    clean, _welsh, issues = schema.validate(schema.PAGE, data, schema.Context(today=day))
    problems = [
        Problem(
            shown,
            lines.get(issue.key, first_line or 1),
            f"{issue.key}: {issue.message}" if issue.named and issue.key else issue.message,
        )
        for issue in issues
    ]
    return clean, problems


def _directive(token):
    info = token.info.strip()
    match = re.match(r"^\{(?P<name>[^}\s]*)\}\s*(?P<argument>.*)$", info)
    return (match["name"], match["argument"]) if match else (None, info)


def _split_options(body):
    """A directive's ``:name: value`` lines and the content after them, with the number of
    lines the options took."""
    lines = body.split("\n")
    options, count = {}, 0
    for line in lines:
        match = OPTION.match(line.strip()) if line.strip() else None
        if not match:
            break
        options[match["name"]] = match["value"] or ""
        count += 1
    return options, "\n".join(lines[count:]), count


class _Check:
    """Walks a page's tokens and collects what is not allowed, with lines."""

    def __init__(self, page_path, shown, body_line, folder):
        self.page_path = page_path
        self.shown = shown
        self.folder = folder
        self.body_line = body_line
        self.problems = []
        self.images = []

    def refuse(self, line, what, hint=""):
        self.problems.append(Problem(self.shown, line, f"{what} is not allowed here{hint}"))

    def tokens(self, tokens, offset):
        line = offset
        for token in tokens:
            if token.map:
                line = offset + token.map[0]
            kind = token.type
            if kind in ("fence", "colon_fence"):
                self.directive(token, line)
            elif kind not in BLOCKS:
                self.refuse(line, self.named(token))
            elif kind == "front_matter" and line != 1:
                self.refuse(line, "front matter after the start of the page")
            elif kind == "heading_open" and token.tag == "h1":
                self.problems.append(
                    Problem(
                        self.shown,
                        line,
                        "a page's title comes from its front matter (title:): "
                        "start its headings at ##",
                    )
                )
            elif kind == "inline":
                self.inline(token.children or [], line)
            self.attributes(token, line)

    @staticmethod
    def named(token):
        """What a refused token is, with the start of what was written for raw HTML."""
        what = NAMES.get(token.type, token.type.replace("_open", "").replace("_", " "))
        if token.type.startswith("html_"):
            what += (
                f" ({token.content.strip().splitlines()[0][:40]})" if token.content.strip() else ""
            )
        return what

    def attributes(self, token, line):
        extra = sorted(set(token.attrs or {}) - _ATTRIBUTES)
        if extra and token.type not in ("th_open", "td_open"):  # alignment of table cells
            self.refuse(line, f"the attribute {extra[0]}")

    def inline(self, children, line):
        html_seen = False
        for child in children:
            kind = child.type
            if kind not in INLINES:
                if kind != "html_inline" or not html_seen:  # <b>...</b> is one problem
                    self.refuse(line, self.named(child))
                html_seen = html_seen or kind == "html_inline"
                continue
            self.attributes(child, line)
            if kind == "link_open":
                self.link(child.attrs.get("href", ""), line)
            elif kind == "image":
                self.image(child.attrs.get("src", ""), line)
            elif kind == "myst_role":
                name = child.meta.get("name", "")
                if name not in ROLES:
                    self.refuse(line, f"the role {{{name}}}", f": allowed are {either(ROLES)}")
            if kind == "image" and child.children:
                self.inline(child.children, line)

    def link(self, href, line):
        href = href.strip()
        scheme = fields.scheme(href)
        if scheme:
            if scheme not in SCHEMES:
                self.refuse(
                    line,
                    f"a {scheme}: link",
                    ": links may be http, https, mailto or tel, or a guide page by its path",
                )
            return
        if href.startswith("#") or GUIDE_PATH.match(href):
            return
        self.refuse(
            line,
            f"the link {href[:80]!r}",
            ": link to a guide page by its path from the top, such as /framework/step-3.md",
        )

    def image(self, src, line):
        """An image is a PNG, JPEG or static SVG in the pages folder, judged as a logo is."""
        if fields.scheme(src):
            self.refuse(line, "an image from another site", ": put the file in the pages folder")
            return
        try:
            real = files.inside(self.page_path.parent, src, IMAGE_SUFFIXES, "the pages folder")
            files.logo(real)
        except Invalid as exc:
            self.problems.append(Problem(self.shown, line, f"image: {exc}"))
            return
        self.images.append(real)

    def directive(self, token, line):
        name, argument = _directive(token)
        if name is None:
            self.refuse(line, NAMES.get(token.type, "a code block"))
            return
        if name not in DIRECTIVES:
            self.refuse(line, f"the directive {{{name}}}", f": allowed are {either(DIRECTIVES)}")
            return
        options, content, used = _split_options(token.content)
        if name in ADMONITIONS:
            if argument or options:
                self.refuse(line, f"a title or option on {{{name}}}")
            # The box's content is MyST again: the same rules, at its own lines.
            self.tokens(parser().parse(content), line + 1 + used)
        elif content.strip():
            blank = len(content) - len(content.lstrip("\n"))
            self.refuse(
                line + 1 + used + blank, f"text inside {{{name}}}", ": it takes only options"
            )


def check_page(path, shown, folder, day):
    """A checked ``Page`` (or None) and every problem with it."""
    try:
        raw = files.read_bounded(path, PAGE_LIMIT, "a page")
    except Invalid as exc:
        return None, [Problem(shown, 0, str(exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            Problem(shown, raw[: exc.start].count(b"\n") + 1, "is not UTF-8 text: save it as UTF-8")
        ]
    text = text.replace("\r\n", "\n")
    matter, first_line, body_line = front_matter(text)
    values, problems = read_front_matter(matter, shown, first_line, day)
    check = _Check(path, shown, body_line, folder)
    try:
        tokens = parser().parse(text)
    except RecursionError:
        return None, [*problems, Problem(shown, 1, "is nested too deeply to read")]
    check.tokens(tokens, 1)
    problems += check.problems
    if problems or "title" not in values:
        return None, problems
    return Page(stem="", path=path, images=check.images, **values), []


def read_pages(folder, day):
    """Every page in ``folder/pages``, checked, in title order: (pages, problems)."""
    folder = Path(folder)
    where = folder / FOLDER
    if not where.exists() and not where.is_symlink():
        return [], []
    shown_folder = shown_path(where)
    try:
        real = where.resolve(strict=True)
    except (OSError, RuntimeError):
        return [], [Problem(shown_folder, 0, "cannot be read")]
    if not real.is_relative_to(folder.resolve()) or not real.is_dir():
        return [], [Problem(shown_folder, 0, "must be a folder inside the profile folder")]
    names = sorted(p.name for p in where.iterdir() if p.name.lower().endswith(".md"))
    if len(names) > PAGES_LIMIT:
        return [], [Problem(shown_folder, 0, f"holds {len(names)} pages; at most {PAGES_LIMIT}")]
    pages, welsh, problems = {}, {}, []
    for name in names:
        shown = shown_path(where / name)
        stem = name[:-3]
        is_welsh = stem.endswith(WELSH)
        stem = stem.removesuffix(WELSH)
        if not SLUG_NAME.match(stem) or name != name.lower():
            problems.append(
                Problem(
                    shown,
                    0,
                    "a page's file name must be lower-case words joined by hyphens, "
                    "such as referral-pathway.md (or referral-pathway.cy.md in Welsh)",
                )
            )
            continue
        if stem in RESERVED:
            problems.append(
                Problem(
                    shown,
                    0,
                    f"{name!r} is the name of the guide's own list of local pages: choose another",
                )
            )
            continue
        try:
            path = files.inside(where, name, (".md",))
        except Invalid as exc:
            problems.append(Problem(shown, 0, str(exc)))
            continue
        page, trouble = check_page(path, shown, folder, day)
        problems += trouble
        if page is not None:
            page.stem = stem
            (welsh if is_welsh else pages)[stem] = page
    for stem, page in welsh.items():
        if stem not in pages:
            problems.append(
                Problem(
                    shown_path(page.path), 0, f"is a Welsh page without its English page {stem}.md"
                )
            )
            continue
        english = pages[stem]
        english.welsh, english.title_cy, english.summary_cy = page.path, page.title, page.summary
        english.images += page.images
    return sorted(pages.values(), key=lambda p: p.title.lower()), problems
