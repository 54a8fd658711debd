"""Every page in Chromium through axe-core, light and dark. (Reflow at 320 px and no outside
requests: every page of every profile in ``test_publishing.py``.)"""

import pytest
from helpers import serving, site_pages

PAGES = site_pages()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")

pytestmark = pytest.mark.browser


def run_axe(page, axe_source):
    page.evaluate(axe_source)
    return violations(page)


def violations(page):
    """What axe-core (already on the page) finds against the WCAG A and AA tags."""
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )


def light_and_dark(page, axe_source):
    """axe-core on the loaded page in the light colour scheme, then in the dark: {scheme: its
    violations} for each scheme with any. The scheme is switched in place, as a phone switches
    it: the guide's dark colours are its stylesheet's alone (``prefers-color-scheme``), so
    the page need not load again (``test_a_page_switched_to_dark_is_checked_in_dark``)."""
    page.evaluate(axe_source)
    found = {}
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        if seen := violations(page):
            found[scheme] = seen
    return found


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations_light_or_dark(axe_page, server, axe_source, path):
    axe_page.goto(server + path + ("?q=baby" if path == "search.html" else ""))
    if path == "search.html":
        axe_page.wait_for_selector("#search-results ul.search li")
    assert light_and_dark(axe_page, axe_source) == {}


def test_a_page_switched_to_dark_is_checked_in_dark(axe_page, server, axe_source):
    """Dark text on the dark background only: axe-core sees it once the scheme is switched."""
    axe_page.goto(server + "index.html")
    axe_page.add_style_tag(
        content="@media (prefers-color-scheme: dark) { main p { color: #1a1a1a !important; } }"
    )
    found = light_and_dark(axe_page, axe_source)
    assert list(found) == ["dark"]
    assert {v["id"] for v in found["dark"]} == {"color-contrast"}


EXAMPLE_PAGES = [
    "index.html",
    "directory/index.html",
    "framework/step-3.html",
    "quick-reference/where-to-turn-locally.html",
    "professions/midwives.html",
]


@pytest.mark.parametrize("profile", ["local/examples/cardiff", "local/examples/leeds"])
def test_axe_finds_no_violations_with_example_profiles(
    browser, example_builds, axe_source, profile
):
    result, out = example_builds[profile]
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    found = {}
    with serving(out) as url:
        page = context.new_page()  # one page for the walk: axe-core is compiled once
        for path in EXAMPLE_PAGES:
            page.goto(url + path)
            if seen := light_and_dark(page, axe_source):
                found[path] = seen
    context.close()
    assert found == {}
