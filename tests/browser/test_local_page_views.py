"""An area's own pages in Chromium, as every guide page is tested: axe-core light and dark, the
strict CSP with no outside request, no sideways scrolling at 320 px, in English and Welsh; and
search finds them."""

import pytest
from helpers import serving
from test_pages import light_and_dark
from test_publishing import walk

pytestmark = pytest.mark.browser

PAGES = {
    "local/examples/leeds": ["local/index.html", "local/early-attachment-observation.html"],
    "tests/fixtures/local-pages": [
        f"{language}local/{name}.html"
        for language in ("", "cy/")
        for name in ("index", "referral-pathway", "training")
    ],
}


def built(builds, profile):
    result, out = builds[profile]
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("profile", sorted(PAGES))
def test_axe_finds_no_violations_on_local_pages(browser, builds, axe_source, profile):
    out = built(builds, profile)
    context = browser.new_context()
    found = {}
    with serving(out) as url:
        page = context.new_page()  # one page for the walk: axe-core is compiled once
        for path in PAGES[profile]:
            page.goto(url + path)
            if seen := light_and_dark(page, axe_source):
                found[path] = seen
    context.close()
    assert found == {}


@pytest.mark.parametrize("profile", sorted(PAGES))
def test_local_pages_keep_the_strict_csp_and_reflow_at_320_px(browser, builds, profile):
    assert walk(browser, built(builds, profile), PAGES[profile]) == {}


@pytest.mark.parametrize(
    ("profile", "query", "expected"),
    [
        ("local/examples/leeds", "refresher", "local/early-attachment-observation.html"),
        ("tests/fixtures/local-pages", "dyletswydd", "cy/local/referral-pathway.html"),
    ],
)
def test_search_finds_an_area_s_page(browser, builds, profile, query, expected):
    out = built(builds, profile)
    context = browser.new_context()
    with serving(out) as url:
        page = context.new_page()
        prefix = "cy/" if expected.startswith("cy/") else ""
        page.goto(f"{url}{prefix}search.html?q={query}")
        page.wait_for_selector("#search-results ul.search li")
        links = page.eval_on_selector_all("#search-results a", "els => els.map(e => e.href)")
    context.close()
    assert any(link.split("?")[0].endswith(expected) for link in links), links
