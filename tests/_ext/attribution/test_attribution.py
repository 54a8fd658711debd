"""The ``wording`` directive and the "Source" box, through sphinx.testing."""

import re

import pytest


@pytest.mark.sphinx("html", testroot="attribution")
def test_wording_is_a_marked_attributed_quotation(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    quote = re.search(
        r'<blockquote class="wording wording-guidance">(.*?)</blockquote>', html, re.S
    )
    assert quote, "the wording is not a block quote with the wording class"
    body = quote.group(1)
    assert "What brings you the most joy in the relationship with your baby?" in body
    assert re.search(r'<p class="attribution">.*Reflecting on parent-infant relationships', body)


@pytest.mark.sphinx("html", testroot="attribution")
def test_cardiff_wording_keeps_every_paragraph_and_names_cardiff(app):
    app.build()
    html = (app.outdir / "cardiff.html").read_text(encoding="utf-8")
    quote = re.search(r'<blockquote class="wording wording-cardiff">(.*?)</blockquote>', html, re.S)
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
