"""The languages extension on a small translated site: translated paragraphs in Welsh, the
rest in English marked lang="en" under a notice, coverage counted, Welsh search, links."""

import json
import re

import pytest
from languages.links import other_pages

pytestmark = pytest.mark.extension


@pytest.mark.sphinx("html", testroot="welsh")
def test_translated_paragraphs_show_in_welsh_and_the_rest_is_marked_english(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in html
    assert "<h1>Croeso" in html
    assert "<p>Mae gan y paragraff hwn gyfieithiad Cymraeg, am fabanod a rhieni.</p>" in html
    assert '<p lang="en">This paragraph has none yet.</p>' in html
    assert 'class="translation-notice' in html
    second = (app.outdir / "second.html").read_text(encoding="utf-8")
    assert '<h1 lang="en">Second page' in second
    assert app.env.translation_coverage == {"index": (2, 3), "second": (0, 2)}


@pytest.mark.sphinx("html", testroot="welsh")
def test_the_coverage_is_one_short_line(app, status):
    app.build()
    lines = [line for line in status.getvalue().splitlines() if line.startswith("translation")]
    assert lines == ["translation (cy): 2 of 5 messages translated (40%) on 2 pages"]


@pytest.mark.sphinx("html", testroot="welsh", verbosity=1)
def test_the_coverage_lists_each_page_when_verbose(app, status):
    app.build()
    assert re.search(
        r"translation \(cy\): 2 of 5 messages translated \(40%\) on 2 pages: index 2/3, second 0/2",
        status.getvalue(),
    )


@pytest.mark.sphinx("html", testroot="welsh")
def test_welsh_search_indexes_welsh_words_without_stemming(app):
    app.build()
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert "fabanod" in terms and "gyfieithiad" in terms, "words as written, not stemmed"
    options = (app.outdir / "_static" / "documentation_options.js").read_text()
    assert "LANGUAGE: 'cy'" in options


@pytest.mark.sphinx("html", testroot="welsh")
def test_each_page_links_to_its_counterpart(app):
    app.build()
    # The test root has no theme of ours; the links are in the page context.
    assert other_pages("framework/step-1", "cy", ["en", "cy"]) == [
        ("en", "English", "../../framework/step-1.html")
    ]
    assert other_pages("framework/step-1", "en", ["en", "cy"]) == [
        ("cy", "Cymraeg", "../cy/framework/step-1.html")
    ]
    assert other_pages("index", "en", ["en", "cy"]) == [("cy", "Cymraeg", "cy/index.html")]
    assert other_pages("index", "cy", ["en", "cy"]) == [("en", "English", "../index.html")]
