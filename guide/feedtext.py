"""A feed's text as readers should see it, for ``python -m guide import``.

Council feeds hold descriptions written in a web editor (HTML with ``&nbsp;``, lists, headings
and links) or typed as plain text with blank lines between paragraphs. ``blocks`` reads either
into paragraphs and lists, decoding each entity exactly once (``&amp;lt;`` is the text
``&lt;``, never markup); ``description`` writes them as plain text with a blank line between
blocks and ``- `` before each list item; ``summary`` puts them on one line and cuts at a
sentence or word boundary, never mid-word. ``invisible`` removes what a reader cannot see but a
browser obeys: lone surrogates, bidirectional controls and zero-width characters.

Web addresses and e-mail addresses never pass through here (``guide/links.py`` reads them):
``?tab=profile&section=name`` would otherwise become ``§ion=name``. Pure: no network, no files.
"""

import re
import unicodedata
from html.parser import HTMLParser

from profiledata import fields


def invisible(value):
    """``value`` without what no reader can see (``fields.INVISIBLE``: lone surrogates,
    bidirectional controls, zero-width characters), and how many were removed."""
    return fields.INVISIBLE.subn("", value)


def _spaces(value):
    """Runs of whitespace (no-break spaces included) and control characters as one space."""
    value = "".join(" " if unicodedata.category(c) in ("Cc", "Zs") else c for c in value)
    return " ".join(value.split())


class _Blocks(HTMLParser):
    """Paragraphs and lists from HTML; scripts, styles and anything inside them left out."""

    SKIP = {"script", "style", "template", "noscript", "svg", "button", "select", "textarea"}
    BREAKS = {"br", "hr", "tr"}  # a new line within the paragraph
    LISTS = {"ul", "ol"}
    ITEMS = {"li", "dt", "dd"}
    BLOCKS = {
        "address", "article", "aside", "blockquote", "caption", "details", "div", "dl",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "main", "nav", "p", "pre", "section", "summary", "table",
    }  # fmt: skip
    CELLS = {"td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.line, self.lines, self.skipping = [], [], [], 0
        self.lists = []  # the kind of each open list, innermost last

    def _end_line(self):
        text = _spaces("".join(self.line))
        if text:
            self.lines.append(text)
        self.line = []

    def _end_block(self):
        self._end_line()
        if self.lines:
            kind = "item" if self.lists else "paragraph"
            self.blocks.append((kind, " ".join(self.lines) if kind == "item" else self.lines))
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BREAKS:
            self._end_line()
        elif tag in self.CELLS:
            self.line.append(" ")
        elif tag in self.LISTS:
            self._end_block()
            self.lists.append(tag)
        elif tag in self.ITEMS or tag in self.BLOCKS:
            self._end_block()

    def handle_startendtag(self, tag, attrs):
        if tag in self.BREAKS:
            self._end_line()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.LISTS:
            self._end_block()
            if self.lists:
                self.lists.pop()
        elif tag in self.ITEMS or tag in self.BLOCKS:
            self._end_block()

    def handle_data(self, data):
        if not self.skipping:
            self.line.append(data)

    def close(self):
        super().close()
        self._end_block()


HAS_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")


def blocks(value):
    """The text of ``value`` as blocks: ``("paragraph", [line, ...])`` or ``("item", text)``.

    HTML is read as a browser shows it (a blank line in the source is only a space); text
    with no tags keeps its blank lines as paragraph breaks and single newlines as line breaks.
    Entities are decoded once either way."""
    value, _ = invisible(value)
    if not HAS_TAG.search(value):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        parts = re.split(r"\n\s*\n", value)
        value = "".join(
            "<p>" + "<br>".join(_escape_tags(line) for line in part.split("\n")) + "</p>"
            for part in parts
        )
    parser = _Blocks()
    parser.feed(value)
    parser.close()
    return parser.blocks


def _escape_tags(text):
    """Plain text made safe to read as HTML: a ``<`` is only ever text (``&`` is left, so an
    entity in plain text is still decoded once)."""
    return text.replace("<", "&lt;")


def description(value):
    """The whole text as a reader should see it: blocks apart, list items as ``- item``."""
    out = []
    for kind, content in blocks(value):
        if kind == "item":
            if out and out[-1].startswith("- "):
                out[-1] += "\n- " + content
            else:
                out.append("- " + content)
        else:
            out.append("\n".join(content))
    return "\n\n".join(out)


def one_line(value):
    """All the text on one line: blocks and lines joined by spaces, list items by "; "."""
    parts, previous = [], None
    for kind, content in blocks(value):
        text = content if kind == "item" else " ".join(content)
        if kind == "item" and previous == "item":
            parts[-1] = parts[-1].rstrip(" ;,.") + "; " + text
            continue
        if parts and kind != previous and not parts[-1].endswith(STOPS):
            parts[-1] += ":" if kind == "item" else "."  # "Sessions: songs; rhymes. Free."
        parts.append(text)
        previous = kind
    return " ".join(parts)


STOPS = (".", "!", "?", ":", ";", "…")


SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)")
ELLIPSIS = "…"


def shorten(value, limit):
    """At most ``limit`` characters: the whole text, or its opening cut at the end of a
    sentence (when that keeps at least half the limit) or else at a word, then "…"."""
    if len(value) <= limit:
        return value
    room = value[: limit - 2]  # space for " …"
    ends = [m.end() for m in SENTENCE_END.finditer(value[: limit - 1])]
    ends = [end for end in ends if end <= limit - 2 and end >= limit // 2]
    if ends:
        return value[: ends[-1]] + " " + ELLIPSIS
    room = value[: limit - 1]
    if value[limit - 1] != " " and " " in room:
        room = room.rsplit(" ", 1)[0]  # the last whole word
    return room.rstrip(" ,;:.-–—") + ELLIPSIS


def summary(value, limit):
    """The description's opening on one line, at most ``limit`` characters."""
    return shorten(one_line(value), limit)


def plain(value):
    """One line of text from a feed (a name, a phone's description): tags dropped, entities
    decoded once, whitespace as single spaces."""
    return one_line(value) if isinstance(value, str) else value
