"""Cards as PDFs: each quick-reference card gets a one-page A4 PDF, built with the site.

A card is a page that ``attribution_cards`` in conf.py matches (the attribution extension's
``is_card``). For HTML builders (``html``, ``dirhtml``) only, and only when the build
succeeded, build-finished renders each card's built page with WeasyPrint in print media
(``pdf.layout``: the site's own print stylesheets, only the site's own files) at the largest
text size that fits one page (``fit.choose``, from the steps in ``static/card.css``), gives the
page that size's class so a browser prints it alike, and writes ``<card>-<area>.pdf`` beside it, named after the card and the profile's area
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

from . import cache, fit
from .html import (
    BUILDERS,
    CATALOG,
    CardDownloadTransform,
    PrintTitleTransform,
    card_download,
    link_text,
)
from .html import visit_card_download as _visit
from .naming import fill_link, pdf_name, size_text, slug, stale

logger = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")


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


def say(app, message):
    """A line for the build log that a quiet build (``python -m guide build``) still shows."""
    logger.info(message)
    if app.quiet:
        print(message, flush=True)


def build_pdfs(app, exception):
    """Write each card's PDF beside its page and fill in the page's download line.

    A PDF whose inputs are unchanged since the last build is kept (``cache``), so an edit to
    another page costs no PDF at all and WeasyPrint is not even loaded; the PDF of a page that
    is no longer a card is removed.
    """
    if exception is not None or app.builder.name not in BUILDERS:
        return
    start = time.perf_counter()
    area = getattr(getattr(app.env, "signposting", None), "area", "")
    epoch = source_date_epoch()
    root = Path(app.outdir)
    records, engine, made = cache.load(app.doctreedir), cache.engine(), 0
    written = {}  # folder: {card's slug: its PDF's name}
    docnames = [d for d in cards(app) if Path(app.builder.get_outfilename(d)).is_file()]
    for docname in sorted(set(records) - set(docnames)):
        (root / records.pop(docname)["pdf"]).unlink(missing_ok=True)  # no longer a card
    for docname in docnames:
        page = Path(app.builder.get_outfilename(docname))
        title = app.env.titles[docname].astext()
        name = pdf_name(docname, area)
        target = page.parent / name
        html = page.read_text(encoding="utf-8")
        # The page as Sphinx wrote it: no size class yet, the download line's first words.
        as_written = fill_link(fit.with_class(html, None), name, link_text())[0]
        inputs = {"title": title, "epoch": epoch, "root": root, "engine": engine}
        record = records.get(docname)
        if record is None or not cache.still_good(
            record, cache.key(as_written, files=record.get("files", []), **inputs), target
        ):
            from . import pdf  # WeasyPrint is loaded only when a PDF is made

            if made == 0:
                say(app, "cards: writing the cards' PDFs")

            def trial(step, page=page, source=as_written):
                document, fetcher = pdf.layout(page, root, html=fit.with_class(source, step))
                return len(document.pages), pdf.filled(document), (document, fetcher)

            (step, _size), (document, fetcher) = fit.choose(trial, fit.steps())
            data = pdf.write(document, page, root, title=title, epoch=epoch)
            write_atomically(target, data)
            made += 1
            # The page itself counts as written (``as_written``): its link is filled below.
            files = sorted({f for f in fetcher.fetched if root / f != page})
            record = records[docname] = {
                "key": cache.key(as_written, files=files, **inputs),
                "files": files,
                "pdf": target.relative_to(root).as_posix(),
                "sha256": cache.digest(data),
                "pages": len(document.pages),
                "size": len(data),
                "refused": fetcher.refused,
                "step": step,
            }
        for url in record["refused"]:
            logger.warning(
                "the card's PDF cannot use %s: only the site's own files are used",
                url,
                type="cards",
                subtype="fetch",
                location=docname,
            )
        if record["pages"] != 1:
            logger.warning(
                "the card's PDF takes %d pages of A4; a card must fit on one",
                record["pages"],
                type="cards",
                subtype="pages",
                location=docname,
            )
        written.setdefault(page.parent, {})[slug(Path(docname).name)] = name
        text = link_text(record["pages"], size_text(record["size"]))
        filled, _found = fill_link(fit.with_class(html, record.get("step")), name, text)
        if filled != html:
            write_atomically(page, filled.encode("utf-8"))
    cache.save(app.doctreedir, records)
    for folder, names in written.items():
        pdfs = sorted(path.name for path in folder.glob("*.pdf"))
        for old in stale(pdfs, names):
            (folder / old).unlink()  # named for another area by an earlier build
    if made:
        logger.info("cards: %d PDFs in %.1f s", made, time.perf_counter() - start)


def add_static_path(app):
    if app.builder.name in BUILDERS:
        app.config.html_static_path.append(str(STATIC))


def add_stylesheet(app, pagename, templatename, context, doctree):
    """A card's print layout, on cards only (after the theme's stylesheet, 900, to refine it)."""
    if app.builder.name in BUILDERS and is_card(app.config, pagename):
        app.add_css_file("card.css", priority=910)


def setup(app):
    app.setup_extension("languages")
    register_catalog(app, CATALOG)
    app.add_node(card_download, html=(_visit, None))
    app.add_post_transform(CardDownloadTransform)
    app.add_post_transform(PrintTitleTransform)
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_stylesheet)
    # After the other extensions' build-finished (500), which write files a card may show
    # (the area's logo, brand.css); before the offline manifest (900), which lists the PDFs.
    app.connect("build-finished", build_pdfs, priority=600)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
