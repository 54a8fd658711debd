"""Welsh pages in Chromium as English ones are tested: axe-core light and dark, the strict
CSP, no sideways scrolling at 320 px, cards on one A4 page, and search."""

import pytest
from helpers import serving
from test_pages import light_and_dark
from test_print import CARDS, pdf_of
from test_publishing import walk

pytestmark = pytest.mark.browser


def welsh_pages(out):
    return sorted(p.relative_to(out / "cy").as_posix() for p in (out / "cy").rglob("*.html"))


def test_axe_finds_no_violations_on_welsh_pages(browser, welsh_build, axe_source):
    out, _ = welsh_build
    context = browser.new_context()
    found = {}
    with serving(out) as url:
        page = context.new_page()  # one page for the walk: axe-core is compiled once
        for path in welsh_pages(out):
            page.goto(url + "cy/" + path)
            if seen := light_and_dark(page, axe_source):
                found[path] = seen
    context.close()
    assert found == {}


def test_welsh_pages_keep_the_strict_csp_and_reflow_at_320_px(browser, welsh_build):
    out, _ = welsh_build
    assert walk(browser, out, ["cy/" + path for path in welsh_pages(out)]) == {}


def test_welsh_cards_print_on_one_a4_page(browser, welsh_build):
    out, _ = welsh_build
    context = browser.new_context()
    with serving(out) as url:
        for card in CARDS:
            page = context.new_page()
            page.goto(url + "cy/" + card)
            page.emulate_media(media="print")
            count, _ = pdf_of(page)
            assert count == 1, card
            page.close()
    context.close()


def test_welsh_search_finds_pages(browser, welsh_build):
    out, _ = welsh_build
    context = browser.new_context()
    with serving(out) as url:
        page = context.new_page()
        page.goto(url + "cy/search.html?q=baby")
        page.wait_for_selector("#search-results ul.search li")
        links = page.eval_on_selector_all("#search-results a", "els => els.map(e => e.href)")
        assert links and all("/cy/" in link for link in links)
    context.close()


def test_a_search_result_starts_with_the_page_not_its_breadcrumb(browser, welsh_build):
    """Sphinx takes a result's summary from role="main"; the breadcrumbs stand before it."""
    out, _ = welsh_build
    context = browser.new_context()
    with serving(out) as url:
        page = context.new_page()
        for folder, home in [("", "Home"), ("cy/", "Hafan")]:
            page.goto(url + folder + "search.html?q=midwives")
            page.wait_for_selector("#search-results ul.search li p.context")
            results = page.eval_on_selector_all(
                "#search-results ul.search li",
                "items => items.map(li => [li.querySelector('a').textContent,"
                " (li.querySelector('p.context') || {}).textContent || ''])",
            )
            title, summary = next(r for r in results if r[0] == "Midwives")
            assert summary.lstrip(". \n").startswith("Midwives"), (folder, summary[:80])
            assert not summary.startswith(home), (folder, summary[:80])
    context.close()
