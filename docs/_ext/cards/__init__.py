"""Cards as PDFs: each quick-reference card gets a one-page A4 PDF, built with the site.

A card is a page that ``attribution_cards`` in conf.py matches (the attribution extension's
``is_card``). For HTML builders (``html``, ``dirhtml``) only, and only when the build
succeeded, build-finished renders each card's built page with WeasyPrint in print media
(``pdf.render``: the site's own print stylesheet, only the site's own files) and writes
``<card>-<area>.pdf`` beside the page, named after the card and the profile's area
(``prompts-at-a-glance-cardiff.pdf``). The page's "Download this card" line is written with the
page and its text is filled in afterwards with the PDF's page count and size: the line is not
printed, so the PDF does not depend on it, and one pass is enough.

A card that takes more than one page, or needs a file from outside the site, is a build warning
(``cards.pages``, ``cards.fetch``), so an error under ``make html``.
"""

import os
import time
from pathlib import Path

from attribution.directives import is_card
from languages import register_catalog
from sphinx.util import logging

from .html import BUILDERS, CATALOG, CardDownloadTransform, card_download, link_text
from .html import visit_card_download as _visit
from .naming import fill_link, pdf_name, size_text, slug, stale

logger = logging.getLogger(__name__)


def source_date_epoch():
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def cards(app):
    """Each card's docname, in a stable order."""
    return sorted(name for name in app.env.found_docs if is_card(app.config, name))


def write_atomically(path, data):
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)


def build_pdfs(app, exception):
    """Write each card's PDF beside its page and fill in the page's download line."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    from . import pdf  # WeasyPrint is loaded only when PDFs are made

    start = time.perf_counter()
    area = getattr(getattr(app.env, "signposting", None), "area", "")
    epoch = source_date_epoch()
    root = Path(app.outdir)
    written = {}  # folder: {card's slug: its PDF's name}
    for docname in cards(app):
        page = Path(app.builder.get_outfilename(docname))
        if not page.is_file():
            continue
        title = app.env.titles[docname].astext()
        name = pdf_name(docname, area)
        rendered = pdf.render(page, root, title=title, epoch=epoch)
        for url in rendered.refused:
            logger.warning(
                "the card's PDF cannot use %s: only the site's own files are used",
                url,
                type="cards",
                subtype="fetch",
                location=docname,
            )
        if rendered.pages != 1:
            logger.warning(
                "the card's PDF takes %d pages of A4; a card must fit on one",
                rendered.pages,
                type="cards",
                subtype="pages",
                location=docname,
            )
        write_atomically(page.parent / name, rendered.data)
        written.setdefault(page.parent, {})[slug(Path(docname).name)] = name
        text = link_text(rendered.pages, size_text(len(rendered.data)))
        filled, found = fill_link(page.read_text(encoding="utf-8"), name, text)
        if found:
            write_atomically(page, filled.encode("utf-8"))
    for folder, names in written.items():
        pdfs = sorted(path.name for path in folder.glob("*.pdf"))
        for old in stale(pdfs, names):
            (folder / old).unlink()  # named for another area by an earlier build
    made = sum(len(names) for names in written.values())
    if made:
        logger.info("cards: %d PDFs in %.1f s", made, time.perf_counter() - start)


def setup(app):
    app.setup_extension("languages")
    register_catalog(app, CATALOG)
    app.add_node(card_download, html=(_visit, None))
    app.add_post_transform(CardDownloadTransform)
    # After the other extensions' build-finished (500), which write files a card may show
    # (the area's logo, brand.css); before the offline manifest (900), which lists the PDFs.
    app.connect("build-finished", build_pdfs, priority=600)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
