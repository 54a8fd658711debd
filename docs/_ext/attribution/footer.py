"""Append "Source" to the end of every page, from its front matter."""

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.util import logging

from .directives import english, is_card
from .sources import UnknownSource, parse_sources

logger = logging.getLogger(__name__)
CATALOG = "attribution"
_ = get_translation(CATALOG)


def add_page_source(app, doctree):
    """Every page ends with the source it draws on (ARCHITECTURE.md, "Attribution").

    A page that names no source, or an unknown one, is a build warning, so
    ``-W`` turns a forgotten attribution into a failed build.
    """
    docname = app.env.docname
    value = app.env.metadata.get(docname, {}).get("source", "")
    try:
        sources = parse_sources(str(value))
    except UnknownSource as exc:
        logger.warning(
            "page %s; add front matter such as 'source: guidance'",
            exc,
            location=docname,
            type="attribution",
            subtype="source",
        )
        return
    box = nodes.container(classes=["page-source"])
    box += nodes.rubric("", _("Source"))
    for source in sources:  # a citation stays in the language the source was published in
        box += nodes.paragraph(
            "", source.citation, classes=[] if english(app.config) else ["language-en"]
        )
    page = app.config.attribution_sources_page
    if page and page != docname:
        ref = addnodes.pending_xref(
            "",
            nodes.inline("", _("About the sources, their dates and licences")),
            refdomain="std",
            reftype="doc",
            reftarget="/" + page,
            refexplicit=True,
            refwarn=True,
        )
        box += nodes.paragraph("", "", ref, classes=["screen-only"])  # a link, not for paper
    doctree += box


def add_source_line(app, pagename, templatename, context, doctree):
    """One short line naming the page's sources, for printed quick-reference guides.

    Also tells the theme whether the page is a card (``is_card``), so that what a card is
    is declared once, in ``attribution_cards``.
    """
    context["is_card"] = is_card(app.config, pagename)
    try:
        sources = parse_sources(str(app.env.metadata.get(pagename, {}).get("source", "")))
    except UnknownSource:
        return
    context["source_line"] = "; ".join(source.line for source in sources)
