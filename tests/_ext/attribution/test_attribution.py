"""The ``wording`` directive and the "Source" box, through sphinx.testing."""

import re

import pytest

pytestmark = pytest.mark.extension


@pytest.mark.sphinx("html", testroot="attribution")
def test_wording_is_a_marked_attributed_quotation(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    quote = re.search(
        r'<blockquote class="wording wording-guidance wording-say">(.*?)</blockquote>', html, re.S
    )
    assert quote, "the wording is not a block quote with the wording classes"
    body = quote.group(1)
    assert "What brings you the most joy in the relationship with your baby?" in body
    assert re.search(r'<p class="attribution">.*Reflecting on parent-infant relationships', body)


@pytest.mark.sphinx("html", testroot="attribution")
def test_say_no_keeps_the_quotation_and_its_source_but_not_the_copy_class(app):
    from attribution import COPYBUTTON_SELECTOR, SAY_CLASS

    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    quote = re.search(
        r'<blockquote class="wording wording-guidance">(.*?)</blockquote>', html, re.S
    )
    assert quote, "a :say: no quotation is still a block quote with the wording class"
    assert "Use an assessment tool or questionnaire." in quote.group(1)
    assert '<p class="attribution">' in quote.group(1)
    # One quotation carries the class (the copy button's script names it in its selector).
    assert len(re.findall(rf'class="[^"]*\b{SAY_CLASS}\b', html)) == 1
    assert f"blockquote.{SAY_CLASS} > div" == COPYBUTTON_SELECTOR


@pytest.mark.sphinx("html", testroot="attribution")
def test_a_card_names_its_source_once_not_under_each_quotation(app):
    app.build()
    html = (app.outdir / "card.html").read_text(encoding="utf-8")
    quotes = re.findall(r'<blockquote class="wording[^"]*">(.*?)</blockquote>', html, re.S)
    assert len(quotes) == 2
    assert 'class="attribution"' not in html
    assert html.count('class="page-source') == 1
    other = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert other.count('<p class="attribution">') == 2, "pages that are not cards keep theirs"


@pytest.mark.sphinx("html", testroot="attribution")
def test_cardiff_wording_keeps_every_paragraph_and_names_cardiff(app):
    app.build()
    html = (app.outdir / "cardiff.html").read_text(encoding="utf-8")
    quote = re.search(
        r'<blockquote class="wording wording-cardiff wording-say">(.*?)</blockquote>', html, re.S
    )
    assert quote
    assert quote.group(1).count("<p>") == 2
    assert "Cardiff Parenting" in quote.group(1)


@pytest.mark.sphinx("html", testroot="attribution")
def test_every_page_ends_with_its_sources_and_a_link_to_them(app):
    app.build()
    for page, expected in {
        "index": ["Department for Education"],
        "cardiff": ["Cardiff Parenting"],
        "both": ["Department for Education", "Cardiff Parenting"],
        "sources": ["Written for this guide"],
    }.items():
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        box = html[html.index('class="page-source') :]
        for text in expected:
            assert text in box, (page, text)
        if page != "sources":
            assert 'href="sources.html"' in box
        assert "<section" not in box, "the source box must come after the page's content"


@pytest.mark.sphinx("text", testroot="attribution")
def test_text_builder_shows_quotation_and_source(app):
    app.build()
    text = (app.outdir / "cardiff.txt").read_text(encoding="utf-8")
    assert "Did you notice how quickly he settled" in text
    assert "-- Supporting Parent-Infant Relationships" in text
    assert "Source" in text


@pytest.mark.sphinx("html", testroot="attribution-errors", freshenv=True)
def test_missing_and_unknown_sources_are_warnings_with_their_file(app, warning):
    app.build()
    log = warning.getvalue()
    assert re.search(r"no-source(\.md)?: WARNING: page names no source", log), log
    assert re.search(r"unknown-source(\.md)?: WARNING: page unknown source 'leaflet'", log), log
    assert "[attribution.source]" in log


@pytest.mark.sphinx("html", testroot="attribution-errors", freshenv=True)
def test_bad_wording_is_an_error_with_its_line(app, warning):
    app.build()
    log = warning.getvalue()
    assert re.search(r"bad-wording\.md:\d+: ERROR: wording: unknown source 'somewhere'", log), log
    assert re.search(r"bad-wording\.md:\d+: ERROR: Content block expected", log), log
    assert re.search(
        r"bad-wording\.md:\d+: WARNING: 'wording': Invalid option value for 'say'", log
    ), log
