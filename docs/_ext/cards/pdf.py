"""A card as a PDF: its built HTML page rendered by WeasyPrint with the site's print stylesheet.

Pure: no Sphinx. Only the site's own files reach WeasyPrint (``SiteFetcher``: no network, no
file outside the output folder), and the PDF holds nothing of the machine that made it: links
into the site are relative, dates come from ``SOURCE_DATE_EPOCH`` or are left out, and the
file identifier is a digest of the content. The PDF is tagged (PDF/UA-1), in the page's
language, titled with the card's title, with bookmarks from its headings.
"""

import datetime as dt
import logging
import mimetypes
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

# What WeasyPrint draws differently from a browser, set right for the PDF alone (see the file).
ENGINE_CSS = Path(__file__).with_name("pdf.css")
VARIANT = "pdf/ua-1"


class Refused(ValueError):
    """WeasyPrint asked for something outside the site."""


class SiteFetcher(URLFetcher):
    """Hands WeasyPrint the files of one folder and nothing else.

    ``file:`` addresses inside ``root`` (after resolving symbolic links) are read from disk;
    ``data:`` addresses carry their own bytes. Anything else (``http``, a file elsewhere,
    a missing file) is refused and remembered in ``refused``; what was read is in ``fetched``
    (paths relative to the root), so a build knows which files a PDF was made from.
    """

    def __init__(self, root):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = Path(root).resolve()
        self.refused = []
        self.fetched = []

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.path(url) if scheme == "file" else None
        if path is None:
            self.refused.append(url)
            raise Refused(f"not a file of the site: {url}")
        self.fetched.append(path.relative_to(self.root).as_posix())
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/"):
            kind += "; charset=utf-8"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})

    def path(self, url):
        """The file a ``file:`` URL names, if it is a file inside the root; else None."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None


def relative_link(target, root, folder):
    """A link as the published site needs it: ``file:`` addresses inside ``root`` become
    relative to ``folder`` (where the PDF sits), keeping query and fragment; other schemes are
    kept; a ``file:`` address outside the site gives None (the link is dropped)."""
    parts = urlsplit(target)
    if parts.scheme.lower() != "file":
        return target
    path = Path(os.path.normpath(url2pathname(parts.path)))
    if not path.is_relative_to(root):
        return None
    relative = posixpath.relpath(path.as_posix(), Path(folder).as_posix())
    return urlunsplit(("", "", quote(relative), parts.query, parts.fragment))


@dataclass
class Rendered:
    data: bytes
    pages: int
    refused: list = field(default_factory=list)
    fetched: list = field(default_factory=list)


def pdf_date(epoch):
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def layout(page, root, *, html=None):
    """Lay out the built page ``page`` (a file inside the site folder ``root``) for print, from
    its file or from ``html`` (the page's text as it will be written). Returns the WeasyPrint
    document and the fetcher (what it was refused, what it read)."""
    root, page = Path(root).resolve(), Path(page).resolve()
    fetcher = SiteFetcher(root)
    source = {"url": page.as_uri()} if html is None else {"string": html, "base_url": page.as_uri()}
    quiet = logging.getLogger("weasyprint")
    level = quiet.level
    # WeasyPrint reports every screen-only rule it skips; the build reports what matters.
    quiet.setLevel(logging.ERROR)
    try:
        document = HTML(**source, url_fetcher=fetcher, media_type="print").render(
            stylesheets=[CSS(string=ENGINE_CSS.read_text(encoding="utf-8"))]
        )
    finally:
        quiet.setLevel(level)
    return document, fetcher


def write(document, page, root, *, title, epoch=None):
    """The laid-out ``document`` as PDF bytes: titled, dated from ``epoch`` or not at all, its
    links into the site relative to the folder of ``page``."""
    root, page = Path(root).resolve(), Path(page).resolve()
    metadata = document.metadata
    metadata.title = title
    metadata.created = metadata.modified = pdf_date(epoch) if epoch is not None else None
    for sheet in document.pages:
        links = []
        for kind, target, area, box in sheet.links:
            if kind == "external":
                target = relative_link(target, root, page.parent)
            if target is not None:
                links.append((kind, target, area, box))
        sheet.links[:] = links
    quiet = logging.getLogger("weasyprint")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return document.write_pdf(pdf_variant=VARIANT, pdf_identifier=True)
    finally:
        quiet.setLevel(level)


def render(page, root, *, title, epoch=None, html=None):
    """Render the built page ``page`` (a file inside the site folder ``root``) as a PDF."""
    document, fetcher = layout(page, root, html=html)
    data = write(document, page, root, title=title, epoch=epoch)
    return Rendered(data, len(document.pages), fetcher.refused, sorted(set(fetcher.fetched)))


def filled(document):
    """How far down its first page the document's content reaches, as a share of the page's
    content area (1.0: to the bottom margin)."""
    from weasyprint.formatting_structure.boxes import LineBox, ReplacedBox

    page = document.pages[0]._page_box
    top, height = page.content_box_y(), page.height
    bottoms = [
        box.position_y + box.margin_height()
        for box in page.descendants()
        if isinstance(box, (LineBox, ReplacedBox))
    ]
    return (max(bottoms, default=top) - top) / height
