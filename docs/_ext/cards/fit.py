"""The largest text size at which a card fits on one side of A4. Pure: no Sphinx, no WeasyPrint.

The sizes are the steps declared in ``static/card.css`` (``html:has(body.card-text-120) {
font-size: 12pt; }``); a card's body carries the class of its step, so a browser's Print and
the PDF set it at the same size. ``choose`` tries steps with a layout function (WeasyPrint's,
in ``pdf.py``) and keeps the largest whose content fills at most ``ROOM`` of the page: the rest
is room for a browser that lays text out a little longer than WeasyPrint does.
"""

import math
import re
from pathlib import Path

STYLESHEET = Path(__file__).with_name("static") / "card.css"
STEP = re.compile(r"body\.(card-text-\d+)\)\s*\{\s*font-size:\s*(\d+(?:\.\d+)?)pt;")
BODY = re.compile(r"(<body\b[^>]*?\bclass=\")([^\"]*)(\")")
# Share of the page's content area a card may fill in WeasyPrint: the rest is a margin for
# a browser whose fonts or rounding differ (Chromium, with the same fonts, is within 0.2%).
ROOM = 0.97
# How a card's height grows with its text size (measured on the cards: 1.25 to 1.45).
GROWTH = 1.4


def steps(css=None):
    """``[(class, size in points)]`` from the stylesheet, smallest first."""
    text = STYLESHEET.read_text(encoding="utf-8") if css is None else css
    return sorted(((name, float(size)) for name, size in STEP.findall(text)), key=lambda s: s[1])


def with_class(page_html, name):
    """The page with ``name`` as its body's only ``card-text-`` class (None: with none)."""

    def replace(match):
        kept = [c for c in match[2].split() if not c.startswith("card-text-")]
        return match[1] + " ".join([*kept, *([name] if name else [])]) + match[3]

    return BODY.sub(replace, page_html, count=1)


def choose(trial, ladder, room=ROOM):
    """The largest step of ``ladder`` at which ``trial(class)`` (a layout: ``(pages, filled,
    result)``) is one page filled at most ``room``, with that layout; the smallest step's if
    none is. The smallest step's fill predicts where to look (a card's height grows about as
    its text size to the power ``GROWTH``); from there one step at a time, down while a step
    does not fit, up while the two fills measured so far predict the next one will: most
    cards take two layouts, a few three or four."""
    tried = {}

    def fits(index):
        if index not in tried:
            tried[index] = trial(ladder[index][0])
        pages, share, _ = tried[index]
        return pages == 1 and share <= room

    def predicted(index, growth):
        return tried[0][1] * (ladder[index][1] / ladder[0][1]) ** growth

    if not fits(0):
        return ladder[0], tried[0][2]
    index = max(i for i in range(len(ladder)) if predicted(i, GROWTH) <= room)
    if not fits(index):
        while not fits(index):
            index -= 1
        return ladder[index], tried[index][2]
    while index + 1 < len(ladder):
        growth = GROWTH
        if index:  # the growth these two layouts show
            growth = math.log(tried[index][1] / tried[0][1]) / math.log(
                ladder[index][1] / ladder[0][1]
            )
        if predicted(index + 1, growth) > room or not fits(index + 1):
            break
        index += 1
    return ladder[index], tried[index][2]
