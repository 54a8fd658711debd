"""Every page in Chromium through axe-core, light and dark. (Reflow at 320 px and no outside
requests: every page of every profile in ``test_publishing.py``.)"""

import pytest
from helpers import serving, site_pages

PAGES = site_pages()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.browser


def run_axe(page, axe_source):
    page.evaluate(axe_source)
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(scheme_pages, server, axe_source, path, scheme):
    page = scheme_pages[scheme]
    page.goto(server + path + ("?q=baby" if path == "search.html" else ""))
    if path == "search.html":
        page.wait_for_selector("#search-results ul.search li")
    assert run_axe(page, axe_source) == []


EXAMPLE_PAGES = [
    "index.html",
    "directory/index.html",
    "framework/step-3.html",
    "quick-reference/where-to-turn-locally.html",
    "professions/midwives.html",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("profile", ["local/examples/cardiff", "local/examples/leeds"])
def test_axe_finds_no_violations_with_example_profiles(
    browser, example_builds, axe_source, profile, scheme
):

    result, out = example_builds[profile]
    assert result.returncode == 0, result.stderr
    context = browser.new_context(color_scheme=scheme)
    found = {}
    with serving(out) as url:
        page = context.new_page()  # one page for the walk: axe-core is compiled once
        for path in EXAMPLE_PAGES:
            page.goto(url + path)
            violations = run_axe(page, axe_source)
            if violations:
                found[path] = violations
    context.close()
    assert found == {}
