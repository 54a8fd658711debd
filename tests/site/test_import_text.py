"""A feed's descriptions read well (``guide/feedtext.py``): HTML becomes paragraphs and lists,
entities are decoded exactly once, nothing is ever markup, and a summary is cut at a sentence
or a word, never mid-word; what no reader can see is removed."""

import json

import pytest
from feeds_server import FEEDS

from guide import feedtext

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("given", "text"),
    [
        ("<p>One</p><p>two</p>", "One\n\ntwo"),
        ("<p>Sessions:</p><ul><li>songs</li><li>rhymes</li></ul><p>Free.</p>",
         "Sessions:\n\n- songs\n- rhymes\n\nFree."),
        ("<h3>Who</h3>Parents<br>and carers", "Who\n\nParents\nand carers"),
        ("Play &amp; songs&nbsp;for&nbsp;babies", "Play & songs for babies"),
        ("&amp;lt;script&amp;gt;", "&lt;script&gt;"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
        ("a<script>alert(1)</script>b<style>p{}</style>c", "abc"),
        ("under 5s <2 years & their carers", "under 5s <2 years & their carers"),
        ("Para one\r\nline two\r\n\r\nPara two", "Para one\nline two\n\nPara two"),
        ('<a href="javascript:alert(1)">Book</a> now', "Book now"),
        ("<p><br></p>", ""),
        ("Zero\u200bwidth \u202eturned\u202c", "Zerowidth turned"),
    ],
)  # fmt: skip
def test_description(given, text):
    assert feedtext.description(given) == text


def test_the_one_line_summary_keeps_lists_readable():
    given = "<p>Sessions</p><ul><li>songs</li><li>rhymes</li></ul><p>Free</p>"
    assert feedtext.one_line(given) == "Sessions: songs; rhymes. Free"


def test_a_summary_ends_at_a_sentence_when_that_keeps_half_the_limit():
    text = "First sentence here. " + "Second one is longer than the rest of it. " * 3
    assert feedtext.shorten(text, 80) == (
        "First sentence here. Second one is longer than the rest of it. …"
    )


def test_a_summary_otherwise_ends_at_a_word():
    text = "Songs, rhymes, play, stories, music and movement for babies and toddlers"
    cut = feedtext.shorten(text, 40)
    assert cut == "Songs, rhymes, play, stories, music and…"
    assert len(cut) <= 40 and text.startswith(cut[:-1])


def test_a_cut_never_splits_a_word_and_never_exceeds_the_limit():
    words = "antenatal postnatal breastfeeding newborn " * 30
    for limit in range(20, 400, 7):
        cut = feedtext.shorten(words.strip(), limit)
        assert len(cut) <= limit and cut.endswith("…")
        assert all(word in ("antenatal", "postnatal", "breastfeeding", "newborn")
                   for word in cut[:-1].split())  # fmt: skip


def test_short_text_is_left_whole():
    assert feedtext.shorten("Short.", 400) == "Short."


def test_invisible_characters_are_counted_as_they_are_removed():
    assert feedtext.invisible("a\u200bb\u2066c\u2069\ud800d\ufeff") == ("abcd", 5)


def test_bristols_descriptions_never_keep_markup_or_entities():
    """Every description of Bristol's 819: no tag, no entity left, no line over-long, and the
    summary a prefix of the whole text's words."""
    items = json.loads((FEEDS / "bristol-oruk1-list.json").read_text(encoding="utf-8"))
    for item in items:
        text = feedtext.description(item["description"])
        assert "<p>" not in text and "&nbsp;" not in text and "&amp;" not in text, item["id"]
        assert "\u00a0" not in text and "\n\n\n" not in text, item["id"]
        summary = feedtext.summary(item["description"], 400)
        assert len(summary) <= 400
        if summary.endswith("…"):
            opening = summary.removesuffix("…").rstrip()
            assert " ".join(feedtext.one_line(item["description"]).split()).startswith(opening)
