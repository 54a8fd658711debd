"""HTML only: the line on each card that links its PDF.

A plain link, opened by the browser's PDF viewer (which can save it): a ``download`` link would
not reach the service worker in Chromium, so it would fail offline.

Written with the page as "Download this card (PDF)"; the build fills in the page count and
size once the PDF is made (``naming.fill_link`` at build-finished). The line is screen-only:
it is not printed, so it is not in the PDF either.
"""

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
