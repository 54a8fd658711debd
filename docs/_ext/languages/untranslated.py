"""In a translated build: text not yet translated is marked as English (``lang="en"``) under a
short notice, and each page's coverage is kept and reported, so no reader is misled and
screen readers switch voice.

Quoted wording is never translated (``{wording}`` marks it untranslatable): it stays in the
language it was published in, marked as such.

Words our extensions make (a directory entry, the area's name) are never page text: a block of
them is marked ``generated`` (neither offered for translation nor marked English), and words
inside a sentence come in both languages (``either``), so that a sentence is wholly in one
language: the page's where the sentence is translated or made wholly by an extension, English
where the sentence is the untranslated original.
"""

from pathlib import Path

from docutils import nodes
from docutils.transforms import Transform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import is_translatable

from .catalogs import INTERFACE, _, locale_dirs, read_catalog
from .links import language_of

logger = logging.getLogger(__name__)
ENGLISH = "language-en"
# The "not yet translated" notice's class, which languages.css styles.
NOTICE_CLASS = "translation-notice"
SKIP = (nodes.literal_block, nodes.doctest_block, nodes.raw, nodes.comment)


class either(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """Words made by an extension in the page's language (first child) and in English (second);
    ``ChooseLanguage`` keeps the one that matches the sentence around them."""

    def astext(self):
        return self.children[0].astext()  # a heading's id is made from the page's language


def bilingual(translated, english):
    """An ``either`` node from two lists of nodes: the page's language, and English."""
    return either("", "", nodes.inline("", "", *translated), nodes.inline("", "", *english))


def generated(*trees):
    """Mark every text in these nodes as an extension's words, already in the page's language:
    not page text, so never extracted for translators nor marked as untranslated English."""
    for tree in trees:
        for node in tree.findall(nodes.TextElement):
            if not isinstance(node, nodes.Inline):  # Sphinx unwraps an inline that has the key
                node["translatable"] = False
    return list(trees)


def made_by_extensions(node):
    """Whether a sentence is made wholly of ``either`` words (and spaces or punctuation)."""
    if not any(True for _ in node.findall(either)):
        return False
    copy = node.deepcopy()
    for inner in list(copy.findall(either)):
        inner.parent.remove(inner)
    return not any(ch.isalnum() for ch in copy.astext())


def inside_english(node):
    parent = node.parent
    while parent is not None:
        if ENGLISH in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


class ChooseLanguage(Transform):
    """Each ``either`` takes the language of its sentence: English in an untranslated sentence of
    the page's, the page's language where the sentence is translated or made wholly by
    extensions (then it is not page text: nothing to translate). Before ``doctree-read``
    (priority 880), so titles, breadcrumbs and the search index see the chosen words."""

    default_priority = 870

    def apply(self, **kwargs):
        chosen = []
        for node in self.document.findall(either):
            sentence = node.parent
            while isinstance(sentence, nodes.Inline) and sentence.parent is not None:
                sentence = sentence.parent
            english = not sentence.get("translated") and (
                inside_english(node)
                or (is_translatable(sentence) and not made_by_extensions(sentence))
            )
            chosen.append((node, sentence, english))
        for node, sentence, english in chosen:
            if not english and not sentence.get("translated"):
                sentence["translatable"] = False
            translated, original = node.children
            node.replace_self((original if english else translated).children)


class MarkUntranslated(Transform):
    """After Sphinx's own translation (priority 20): mark what it left in English."""

    default_priority = 900

    def apply(self, **kwargs):
        env = self.document.settings.env
        if language_of(env.config) == "en":
            return
        total = translated = 0
        for node in list(self.document.findall(nodes.TextElement)):
            if isinstance(node, SKIP) or not node.astext().strip():
                continue
            if node.get("translated"):
                total += 1
                translated += 1
            elif is_translatable(node):
                total += 1
                if not inside_english(node):
                    node["classes"].append(ENGLISH)
        if not hasattr(env, "translation_coverage"):
            env.translation_coverage = {}
        env.translation_coverage[env.docname] = (translated, total)
        if not hasattr(env, "translation_titles"):
            env.translation_titles = {}
        title = self.document.next_node(nodes.title)
        env.translation_titles[env.docname] = bool(title and title.get("translated"))
        if translated < total:
            self.add_notice()

    def add_notice(self):
        notice = nodes.container(classes=[NOTICE_CLASS])
        notice += nodes.paragraph(
            "",
            _(
                "This page is not yet fully translated. Text that is not yet translated is "
                "shown in English."
            ),
        )
        for section in self.document.findall(nodes.section):
            title = section.next_node(nodes.title)
            if title is not None:
                title.parent.insert(title.parent.index(title) + 1, notice)
                return
        self.document.insert(0, notice)


def purge(app, env, docname):
    getattr(env, "translation_coverage", {}).pop(docname, None)
    getattr(env, "translation_titles", {}).pop(docname, None)


def merge(app, env, docnames, other):
    if not hasattr(env, "translation_coverage"):
        env.translation_coverage = {}
    if not hasattr(env, "translation_titles"):
        env.translation_titles = {}
    for docname in docnames:
        if docname in getattr(other, "translation_coverage", {}):
            env.translation_coverage[docname] = other.translation_coverage[docname]
        if docname in getattr(other, "translation_titles", {}):
            env.translation_titles[docname] = other.translation_titles[docname]


def report(app, exception):
    """The coverage for the build log, a quiet build included: one short line; each page as
    translated / total messages only in a verbose build (``python -m guide build -v``)."""
    if exception is not None or language_of(app.config) == "en":
        return
    coverage = getattr(app.env, "translation_coverage", {})
    done = sum(t for t, _n in coverage.values())
    total = sum(n for _t, n in coverage.values())
    share = f"{100 * done / total:.0f}%" if total else "0%"
    line = (
        f"translation ({app.config.language}): {done} of {total} messages translated ({share}) "
        f"on {len(coverage)} pages"
    )
    if app.verbosity > 0:
        line += ": " + ", ".join(f"{doc} {t}/{n}" for doc, (t, n) in sorted(coverage.items()))
    logger.info(line)
    if app.quiet:
        print(line, flush=True)


def catalogue_coverage(folders, language):
    """(page, translated, total) from each page's catalogue: what translators have done."""
    rows = []
    for folder in folders:
        base = Path(folder, language, "LC_MESSAGES")
        for path in sorted(base.rglob("*.po")):
            page = path.relative_to(base).with_suffix("").as_posix()
            if page in INTERFACE:
                continue  # an interface catalogue, not a page
            catalog = read_catalog(path, language)
            messages = [m for m in catalog if m.id]
            done = [m for m in messages if m.string and not m.fuzzy]
            rows.append((page, len(done), len(messages)))
    return rows


class CoverageDirective(SphinxDirective):
    """``{translation-coverage} cy``: each page's translated and total messages."""

    required_arguments = 1

    def run(self):
        language = self.arguments[0]
        folders = locale_dirs(self.env.app)
        rows = catalogue_coverage(folders, language)
        for folder in folders:
            for path in Path(folder, language, "LC_MESSAGES").rglob("*.po"):
                self.env.note_dependency(str(path))
        if not rows:
            return generated(nodes.paragraph("", _("No page has a translation catalogue yet.")))
        listing = nodes.bullet_list(classes=["translation-coverage", "no-search"])
        done_all = sum(r[1] for r in rows)
        total_all = sum(r[2] for r in rows)
        for page, done, total in rows:
            para = nodes.paragraph("", f"{page}: {done} / {total}")
            listing += nodes.list_item("", para)
        summary = nodes.paragraph(
            "",
            _("%(done)d of %(total)d messages translated.")
            % {"done": done_all, "total": total_all},
        )
        return generated(summary, listing)
