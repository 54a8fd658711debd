"""Publishing on an intranet: a strict Content-Security-Policy, a sub-path, no outside
requests with any profile, and pages opened straight from a file share (file://)."""

from urllib.parse import urlsplit

import pytest
from helpers import EXAMPLES, STRICT_CSP, serving, site_pages

pytestmark = pytest.mark.browser
PAGES = site_pages()
SUB_PATH = "/guides/parent-infant/"
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture(scope="module")
def intranet(site):
    with serving(site, prefix=SUB_PATH, csp=STRICT_CSP) as url:
        yield url


def open_watched(context, url):
    """A page that records CSP violations, failed requests and requests to other hosts."""
    page = context.new_page()
    page.add_init_script(WATCH)
    page.seen = {"console": [], "requests": [], "failed": []}
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.seen["console"].append(m.text),
    )
    page.on("request", lambda r: page.seen["requests"].append(r.url))
    page.on(
        "response", lambda r: r.status >= 400 and page.seen["failed"].append(f"{r.status} {r.url}")
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def problems(page):
    hosts = {
        urlsplit(u).hostname for u in page.seen["requests"] if not u.startswith(("data:", "file:"))
    }
    return {
        "violations": page.evaluate("window.__csp") + page.seen["console"],
        "failed": page.seen["failed"],
        "other hosts": sorted(h for h in hosts if h != "127.0.0.1"),
    }


CLEAN = {"violations": [], "failed": [], "other hosts": []}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_under_strict_csp_and_a_sub_path(browser, intranet, path):
    context = browser.new_context()
    page = open_watched(context, intranet + path + ("?q=joy" if path == "search.html" else ""))
    assert page.url.startswith(intranet)
    found = problems(page)
    context.close()
    assert found == CLEAN


@pytest.mark.parametrize("profile", EXAMPLES)
def test_every_page_of_each_example_profile_stays_on_its_server(browser, example_builds, profile):
    result, out = example_builds[profile]
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    found = {}
    with serving(out, prefix=SUB_PATH, csp=STRICT_CSP) as url:
        for path in PAGES:
            page = open_watched(context, url + path)
            if problems(page) != CLEAN:
                found[path] = problems(page)
            page.close()
    context.close()
    assert found == {}


def test_search_works_under_csp_and_sub_path(browser, intranet):
    context = browser.new_context()
    page = open_watched(context, intranet + "index.html")
    page.fill("#site-search-q", "biggest fear")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results ul.search li a")
    link = page.locator("#search-results ul.search li a").first
    assert link.get_attribute("href").startswith(("framework/", "quick-reference/"))
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(intranet) and page.url.split("?")[0].endswith(".html")
    assert problems(page) == CLEAN
    context.close()


def test_checklists_timer_tabs_dropdowns_filters_and_copy_work_under_csp(browser, intranet):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = open_watched(context, intranet + "framework/observation.html")
    page.locator("input.checklist-box").first.check()
    assert page.inner_text(".checklist-progress").startswith("1 of ")
    page.clock.install()
    page.click("button.checklist-timer-toggle")
    page.clock.run_for(3000)
    assert page.inner_text(".checklist-timer-display") == "01:57"
    assert problems(page) == CLEAN

    page = open_watched(context, intranet + "index.html")
    assert problems(page) == CLEAN

    page = open_watched(context, intranet + "framework/step-1.html")
    dropdown = page.locator("details.sd-dropdown").first
    dropdown.locator("summary").click()
    assert dropdown.evaluate("d => d.open")
    page.locator("blockquote.wording button.copybtn").first.click()
    page.wait_for_function("document.querySelector('button.copybtn.success') !== null")
    assert "What 3 words" in page.evaluate("navigator.clipboard.readText()")
    assert problems(page) == CLEAN

    page = open_watched(context, intranet + "directory/index.html?tier=advice")
    assert page.inner_text(".directory-count").endswith("shown")
    page.click("details.directory-filter-box > summary")
    page.fill("#filter-q", "start for life")
    assert page.locator("article[data-service]:visible").count() == 1
    assert problems(page) == CLEAN
    context.close()


def test_from_a_file_share_pages_navigation_and_checklists_work(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    page.locator(".site-nav-tree a", has_text="The 3-step framework").first.click()
    page.wait_for_url("**/framework/index.html")
    page.locator(".site-nav-tree a", has_text="Setting the scene").first.click()
    page.wait_for_url("**/framework/setting-the-scene.html")
    box = page.locator("input.checklist-box").first
    box.check()
    assert box.is_checked()
    assert page.inner_text(".checklist-progress").startswith("1 of ")
    context.close()


def test_from_a_file_share_search_lists_results(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "search.html").as_uri() + "?q=joy")
    page.wait_for_selector("#search-results ul.search li a")
    titles = page.locator("#search-results ul.search li a").all_inner_texts()
    assert any("Step 1" in title for title in titles), titles
    context.close()
