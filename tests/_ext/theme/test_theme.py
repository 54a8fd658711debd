"""The theme's templates and the table scroll regions, through sphinx.testing."""

import re

import pytest
from helpers import inline_code

pytestmark = pytest.mark.extension


@pytest.mark.sphinx("html", testroot="theme")
def test_no_page_has_inline_script_or_style(app):
    app.build()
    pages = sorted(app.outdir.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "second.html", "search.html", "genindex.html"}
    for page in pages:
        assert inline_code(page.read_text(encoding="utf-8")) == [], page.name


@pytest.mark.sphinx("html", testroot="theme")
def test_page_has_skip_link_landmarks_breadcrumbs_and_area(app):
    app.build()
    html = (app.outdir / "second.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="skip-link" href="#main-content">', html)
    assert '<main id="main-content"' in html
    assert html.index("skip-link") < html.index("<header")
    assert '<span class="site-area">Testshire</span>' in html
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert crumbs and 'href="index.html"' in crumbs.group(1)
    assert '<span aria-current="page">Second page</span>' in crumbs.group(1)
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert "<details" in nav and "<summary>" in nav, "navigation must collapse without JavaScript"
    assert 'href="#"' in nav or 'href="second.html"' in nav


@pytest.mark.sphinx("html", testroot="theme")
def test_theme_stylesheet_loads_after_extension_stylesheets(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet"[^>]*href="_static/([^"?]+)', html)
    assert sheets[-1] == "guide.css", sheets
    assert "basic.css" not in sheets


@pytest.mark.sphinx("html", testroot="theme")
def test_tables_scroll_in_a_labelled_focusable_region(app):
    app.build()
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    second = (app.outdir / "second.html").read_text(encoding="utf-8")
    assert re.search(
        r'<div class="table-scroll" role="region" tabindex="0" aria-label="Table">\s*<table',
        index,
    )
    assert 'aria-label="Opening times"' in second


@pytest.mark.sphinx("text", testroot="theme")
def test_text_builder_gets_plain_tables(app):
    app.build()
    text = (app.outdir / "second.txt").read_text(encoding="utf-8")
    assert "Monday" in text and "table-scroll" not in text
