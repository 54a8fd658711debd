"""What a card's PDF is called and how its link reads. Pure: no Sphinx, no WeasyPrint."""

import html
import re

from profiledata.vocabulary import slugify as slug

# The link each card page carries; its text is filled in at build-finished, once the PDF's
# size is known (``fill_link``).
LINK = re.compile(r"(<a\b[^>]*\bdata-card-pdf=\"(?P<name>[^\"]*)\"[^>]*>)(?P<text>.*?)(</a>)", re.S)


def pdf_name(docname, area):
    """The card's own name and the area's: ``prompts-at-a-glance-cardiff.pdf``."""
    parts = [slug(docname.rsplit("/", 1)[-1]), slug(area or "")]
    return "-".join(part for part in parts if part) + ".pdf"


def size_text(size):
    """Bytes as readers see them in a file manager: ``24 KB`` (1 KB is 1,024 bytes), never 0."""
    return f"{max(1, round(size / 1024))} KB"


def fill_link(page_html, name, text):
    """The page with the text of its link to ``name`` replaced by ``text`` (escaped), and
    whether such a link was found. Running it again with new words replaces the old ones."""
    found = False

    def replace(match):
        nonlocal found
        if html.unescape(match["name"]) != name:
            return match[0]
        found = True
        return match[1] + html.escape(text, quote=False) + match[4]

    return LINK.sub(replace, page_html), found


def stale(filenames, current):
    """The PDFs in a folder that earlier builds made for its cards under another area's name.

    ``current`` maps each card's slug to its PDF's name now. A file belongs to the card whose
    slug is the longest that starts its name (``where-to-turn-locally-x.pdf`` is not
    ``where-to-turn``'s); files that belong to no card are left alone.
    """
    old = []
    for name in filenames:
        owners = [card for card in current if name.startswith(card + "-")]
        if owners and name != current[max(owners, key=len)]:
            old.append(name)
    return old
