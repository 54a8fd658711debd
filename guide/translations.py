"""``translations``: the translator's workflow. Extract every page's text and the interface's
words into ``locales/<language>/LC_MESSAGES/`` with sphinx-intl, keeping what is translated.

- each page's catalogue (``framework/step-1.po``...) from Sphinx's gettext builder;
- each extension's catalogue (``checklist.po``, ``signposting.po``...) from its ``_()`` calls
  and, for the directory, from the words and labels declared in ``schema.py``;
- ``sphinx.po``: the theme's words, and the words of Sphinx itself that our pages show but
  Sphinx's own catalogue for the language leaves untranslated (headings' link titles, search).

Quoted wording is never offered for translation (``{wording}`` marks it untranslatable).
"""

import itertools
import json
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import DOCS, EXT, ROOT

NAME = "translations"
HELP = "extract the pages' and the interface's words into locales/cy (keeping translations)"
LOCALES = ROOT / "locales"
KEYWORDS = {"_": None, "ngettext": (1, 2), "tr": None}  # words.tr("...") in signposting
EXTENSIONS = (
    "attribution",
    "checklist",
    "languages",
    "signposting",
    "localpages",
    "cards",
    "offline",
)
THEME = EXT / "theme" / "practice-guide"


def arguments(parser):
    parser.add_argument("--language", default="cy", help="the language to extract for")
    parser.add_argument("--builddir", default="_build", help="where the extraction builds go")
    parser.add_argument("--locales", default=str(LOCALES), help="where the catalogues are kept")


def add(catalog, message, location):
    if message and message not in catalog:
        catalog.add(message, locations=[location])


def extension_catalog(name):
    """Every ``_()`` and ``ngettext()`` message in an extension's Python code."""
    catalog = Catalog(project="parent-infant-guide", domain=name)
    folder = EXT / name
    for filename, line, message, _comments, _context in extract_from_dir(
        str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, locations=[(f"docs/_ext/{name}/{filename}", line)])
    if name == "signposting":
        declared(catalog)
    return catalog


def declared(catalog):
    """The directory's words and labels, as ``schema.py`` and ``vocabulary.py`` declare them."""
    from profiledata import schema, vocabulary
    from signposting import directives

    where = ("docs/_ext/profiledata/schema.py", 0)
    for f in schema.SERVICE.fields:
        for text in (f.label, f.unstated):
            add(catalog, text, where)
        if f.filter:
            add(catalog, f.filter.label, where)
            add(catalog, f.filter.any, where)
        if isinstance(f.kind.labels, dict):
            for label in f.kind.labels.values():
                add(catalog, label, ("docs/_ext/profiledata/vocabulary.py", 0))
    for table in schema.PROFILE:
        for f in table.fields:
            add(catalog, f.label, where)
    add(catalog, schema.SERVICE.by_name["cost"].kind.label("free"), where)
    nations = list(vocabulary.UK_NATIONS)
    for size in range(1, len(nations) + 1):
        for chosen in itertools.combinations(nations, size):
            add(catalog, schema.where(list(chosen)), where)
    add(catalog, directives.PRACTITIONERS_HEADING, ("docs/_ext/signposting/directives.py", 0))


def sphinx_catalog(language, html):
    """The theme's words, and Sphinx's own words that our pages show untranslated."""
    catalog = Catalog(project="parent-infant-guide", domain="sphinx")
    conf = runpy.run_path(str(ROOT / "conf.py"))
    for key in ("html_title", "html_short_title"):  # the guide's name, in the page's language
        add(catalog, conf.get(key), ("conf.py", 0))
    for filename, line, message, _comments, _context in extract_from_dir(
        str(THEME.parent), method_map=[("*.py", "python")], keywords=KEYWORDS
    ):
        add(catalog, message, (f"docs/_ext/theme/{filename}", line))
    for template in sorted(THEME.glob("*.html")):
        with open(template, "rb") as handle:
            for line, message in _jinja(handle):
                add(catalog, message, (f"docs/_ext/theme/practice-guide/{template.name}", line))
    builtin = Path(sys.modules["sphinx"].__file__).parent / "locale" / language / "LC_MESSAGES"
    if (builtin / "sphinx.po").exists():
        with open(builtin / "sphinx.po", encoding="utf-8") as handle:
            known = read_po(handle, language)
        shown = "\n".join(p.read_text(encoding="utf-8") for p in html.rglob("*.html"))
        script = (
            (builtin / "sphinx.js").read_text(encoding="utf-8")
            if (builtin / "sphinx.js").exists()
            else ""
        )
        for message in known:
            if isinstance(message.id, tuple):  # a plural message for the search script
                untranslated = not any(message.string)
                if untranslated and json_key(message.id[0]) + ": [" in script:
                    catalog.add(message.id, locations=[("sphinx", 0)])
                continue
            text = message.id
            if not text or message.string or len(text) < 3:
                continue
            # Sphinx's words in our pages are in attributes (a heading's link title); text
            # between tags is the pages' own, which their catalogues carry.
            if f'="{text}"' in shown or f'"{text}": ""' in script:
                add(catalog, text, ("sphinx", 0))
    return catalog


def json_key(text):
    return json.dumps(text, ensure_ascii=True)


def _jinja(handle):
    """Messages in a Jinja template: ``_('...')`` and ``{% trans %}...{% endtrans %}``."""
    from jinja2 import Environment

    environment = Environment(extensions=["jinja2.ext.i18n"])
    source = handle.read().decode("utf-8")
    for line, _function, message in environment.extract_translations(source):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            yield line, message


def write_pot(catalog, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, width=76)


def from_root(pot):
    """Each page's catalogue names its source as ``docs/...md:line``, as the interface's do,
    not relative to wherever the extraction was built (``../../../home/.../docs``), so the
    catalogues read the same from any checkout."""
    for path in sorted(pot.rglob("*.pot")):
        with open(path, "rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            message.locations = [
                (Path(os.path.relpath(pot / where, ROOT)).as_posix(), line)
                for where, line in message.locations
            ]
        with open(path, "wb") as handle:  # in the page's order, as Sphinx wrote it
            write_po(handle, catalog, omit_header=False, width=76)


def run(args):
    from sphinx_intl.basic import update

    pot = Path(args.builddir) / "gettext"
    html = Path(args.builddir) / "translations-html"
    shutil.rmtree(pot, ignore_errors=True)
    base = [sys.executable, "-m", "sphinx", "-q", "-c", str(ROOT)]
    if subprocess.run([*base, "-b", "gettext", str(DOCS), str(pot)]).returncode != 0:
        print("translations: the pages could not be read; nothing was written.", file=sys.stderr)
        return 1
    if subprocess.run([*base, "-b", "html", str(DOCS), str(html)]).returncode != 0:
        print("translations: the site did not build; nothing was written.", file=sys.stderr)
        return 1
    from_root(pot)
    for name in EXTENSIONS:
        if (EXT / name).is_dir():
            write_pot(extension_catalog(name), pot / f"{name}.pot")
    write_pot(sphinx_catalog(args.language, html), pot / "sphinx.pot")
    update(str(args.locales), str(pot), [args.language])
    print(f"translations: {Path(args.locales) / args.language / 'LC_MESSAGES'} is up to date")
    return 0
