"""Publishing on an intranet: a strict Content-Security-Policy, a sub-path, no outside
requests and no sideways scrolling at 320 px with any profile, and pages opened straight from a
file share (file://)."""

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


def watched(context):
    """A new page that records CSP violations, failed requests and requests to other hosts in
    ``page.seen`` (emptied by ``visit``)."""
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
    return page


def visit(page, url):
    """``page`` at ``url``, loaded, with nothing yet seen."""
    for seen in page.seen.values():
        seen.clear()
    page.goto(url)
    return page


def open_watched(context, url):
    """A watched page at ``url``, once no request has been made for 500 ms (Playwright's
    "networkidle")."""
    page = visit(watched(context), url)
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


def too_wide(page):
    """What scrolls sideways in the page's window, before and after opening the contents."""
    window, width = page.evaluate(
        "() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    found = [f"the page is {width} px wide in a {window} px window"] if width > window else []
    # A click from the page's own script: Playwright's click waits for animation frames,
    # which a tab in the background does not get.
    opened = page.evaluate(
        """() => { const summary = document.querySelector('.site-nav summary');
                   if (summary) summary.click();
                   return summary?.parentElement.open && document.documentElement.scrollWidth; }"""
    )
    if not opened:
        found.append("no contents list opened")
    elif opened > window:
        found.append(f"the opened contents list makes it {opened} px wide")
    return found


def walk(browser, out, paths, *, tabs=6):
    """Every page of ``paths`` in the built site ``out``, served at a sub-path under the strict
    CSP and seen in a 320 px window: ``{path: what is wrong}`` for each page with a CSP
    violation, a failed request, a request to another host, or sideways scrolling ({} if none).

    ``tabs`` pages take the paths in turn, each looked at once its network has been idle for
    500 ms: the tabs wait out those quiet half-seconds together, not one after another, and a
    tab that moves to its next path keeps its renderer."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pages = [watched(context) for _ in range(min(tabs, len(paths)))]
    found, loading = {}, []

    def look():
        path, page = loading.pop(0)
        page.wait_for_load_state("networkidle")
        seen = {**problems(page), "too wide": too_wide(page)}
        if seen != {**CLEAN, "too wide": []}:
            found[path] = seen
        return page

    with serving(out, prefix=SUB_PATH, csp=STRICT_CSP) as url:
        for index, path in enumerate(paths):
            page = look() if len(loading) == len(pages) else pages[index]
            query = "?q=joy" if path.endswith("search.html") else ""
            loading.append((path, visit(page, url + path + query)))
        while loading:
            look()
    context.close()
    return found


def test_every_page_is_walked_in_the_sub_path_and_at_320_px(browser, site):
    """The walk sees what it is there to see: a page it opens is served from the sub-path, and
    a page made wider than its window is reported."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    with serving(site, prefix=SUB_PATH, csp=STRICT_CSP) as url:
        page = open_watched(context, url + "index.html")
        assert page.url.startswith(url) and url.endswith(SUB_PATH)
        assert too_wide(page) == []
        page.evaluate("document.body.style.minWidth = '400px'")
        wide, opened = too_wide(page)
        assert "px wide in a 320 px window" in wide and "contents list" in opened
    context.close()


@pytest.mark.parametrize("profile", ["local/default", *EXAMPLES])
def test_every_page_of_each_profile_keeps_the_strict_csp_and_reflows_at_320_px(
    browser, profile_sites, profile
):
    """Served at a sub-path under the strict CSP, in a 320 px window: no violation, no failed
    request, no request to any other host, nothing scrolling sideways (WCAG 1.4.10), with the
    contents list closed or open."""
    assert walk(browser, profile_sites[profile], PAGES) == {}


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
