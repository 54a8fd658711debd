"""HTML only: the line on each card that links its PDF.

A plain link, opened by the browser's PDF viewer (which can save it): a ``download`` link would
not reach the service worker in Chromium, so it would fail offline.

Written with the page as "Download this card (PDF)"; the build fills in the page count and
size once the PDF is made (``naming.fill_link`` at build-finished). The line is screen-only:
it is not printed, so it is not in the PDF either.
"""

import posixpath
from html import escape

from attribution.directives import is_card
from docutils import nodes
from sphinx.locale import get_translation, get_translator
from sphinx.transforms.post_transforms import SphinxPostTransform

from .naming import pdf_name

CATALOG = "cards"
_ = get_translation(CATALOG)

# Single-page HTML and e-books gather pages together: a card there is not a page of its own.
BUILDERS = ("html", "dirhtml")


def link_text(pages=None, size=None):
    if pages is None:
        return str(_("Download this card (PDF)"))
    count = get_translator(CATALOG).ngettext("%d page", "%d pages", pages) % pages
    return str(_("Download this card (PDF, %(pages)s, %(size)s)")) % {"pages": count, "size": size}


class card_download(nodes.General, nodes.Element):
    """Where a card links its PDF (``pdf``: the file's name, beside the page)."""


def visit_card_download(self, node):
    name = escape(node["pdf"])
    self.body.append(
        '<p class="card-download screen-only">'
        f'<a class="reference download" href="{name}" type="application/pdf"'
        f' data-card-pdf="{name}">{escape(link_text(), quote=False)}</a></p>\n'
    )
    raise nodes.SkipNode


class CardDownloadTransform(SphinxPostTransform):
    """Put the download line under a card's title, for HTML builders only."""

    default_priority = 250
    builders = BUILDERS

    def run(self, **kwargs):
        if not is_card(self.config, self.env.docname):
            return
        section = next(self.document.findall(nodes.section), None)
        if section is None or not isinstance(section[0], nodes.title):
            return
        area = getattr(getattr(self.env, "signposting", None), "area", "")
        section.insert(1, card_download("", pdf=pdf_name(self.env.docname, area)))


def _screen_only(node):
    while node is not None:
        if "screen-only" in node.get("classes", []):
            return True
        node = node.parent
    return False


def _normal(text):
    return " ".join(text.casefold().removeprefix("the ").split())


class PrintTitleTransform(SphinxPostTransform):
    """On paper, "more in step 3" leads nowhere: a card's link to another page of the guide
    prints that page's title after it, unless its words already are the title. The title is
    print-only, so a screen reader hears the link once."""

    default_priority = 260
    builders = BUILDERS

    def run(self, **kwargs):
        if not is_card(self.config, self.env.docname):
            return
        suffix = self.app.builder.out_suffix
        here = posixpath.dirname(self.env.docname)
        english = {
            doc for doc, done in getattr(self.env, "translation_titles", {}).items() if not done
        }
        welsh = (self.config.language or "en").startswith("cy")
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if not ref.get("internal") or not uri or uri.startswith("#") or _screen_only(ref):
                continue
            path = posixpath.normpath(posixpath.join(here, uri.split("#")[0]))
            docname = path.removesuffix(suffix).removesuffix("/")
            if docname not in self.env.titles and f"{docname}/index" in self.env.titles:
                docname = f"{docname}/index"
            title = self.env.titles.get(docname)
            if title is None or _normal(ref.astext()) == _normal(title.astext()):
                continue
            classes = ["print-only", "print-title"]
            if welsh and docname in english:
                classes.append("language-en")
            ref.parent.insert(
                ref.parent.index(ref) + 1, nodes.inline("", f" ({title.astext()})", classes=classes)
            )
