"""On a 320 px phone: a link from "What can get in the way" shows what it filters and the first
matching service on the first screen and a half; entries say what each contact link does."""

import re

import pytest
from helpers import EXAMPLES, serving

pytestmark = pytest.mark.browser
FIRST_SERVICE_WITHIN = 960  # CSS px from the top of the page, at 320 x 640


@pytest.fixture(scope="module", params=EXAMPLES)
def phone(request, browser, example_builds):
    result, out = example_builds[request.param]
    assert result.returncode == 0, result.stderr
    context = browser.new_context(viewport={"width": 320, "height": 640})
    with serving(out) as url:
        yield context, url, out
    context.close()


def barrier_links(out):
    page = (out / "framework/what-can-get-in-the-way.html").read_text(encoding="utf-8")
    return sorted(set(re.findall(r'href="\.\./(directory/index\.html\?[^"#]+)"', page)))


def test_every_barrier_link_shows_its_first_service_on_the_first_screen(phone):
    context, url, out = phone
    links = barrier_links(out)
    assert links, "the example has at least one barrier with services"
    page = context.new_page()
    for link in links:
        page.goto(url + link.replace("&amp;", "&"))
        first = page.evaluate(
            """() => {
              const e = [...document.querySelectorAll('article[data-service]')]
                .find(e => e.offsetParent !== null);
              return e ? e.getBoundingClientRect().top + window.scrollY : null;
            }"""
        )
        assert first is not None and first <= FIRST_SERVICE_WITHIN, (link, first)
        summary = page.inner_text(".directory-count")
        assert re.match(r"^(Topic|Stage): .+ · \d+ services? shown$", summary), summary
        assert not page.is_visible("form.directory-filters"), "the form is one tap away"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


def test_contact_links_say_what_they_do(phone):
    context, url, out = phone
    page = context.new_page()
    page.goto(url + "directory/index.html")
    texts = page.eval_on_selector_all(
        "article[data-service] .service-links a", "els => els.map(e => e.firstChild.textContent)"
    )
    assert texts
    for text in texts:
        assert re.match(r"^(Call [0-9 +]+|Email the service|[a-z0-9.-]+\.[a-z]{2,})", text), text
    assert not any(t.startswith("http") or "@" in t for t in texts)
    page.close()


def test_details_open_with_one_tap_and_the_heading_is_not_repeated(phone):
    context, url, out = phone
    page = context.new_page()
    page.goto(url + "directory/index.html")
    entry = page.locator("#tier-help article[data-service]").first
    entry.scroll_into_view_if_needed()
    assert "Level" not in entry.inner_text() and "Getting help" not in entry.inner_text()
    more = entry.locator("details.service-more")
    assert not more.evaluate("d => d.open")
    more.locator("summary").click()
    assert more.evaluate("d => d.open")
    assert entry.locator(".service-provenance").is_visible()
    page.close()


def test_small_layout_fixes_on_a_phone(browser, server):
    """The contents box shows open or closed; a dropdown's chevron keeps its size when the
    title wraps; the longest topic fits the Topic box."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server + "framework/step-1.html")
    marker = "getComputedStyle(document.querySelector('.site-nav summary'), '::after').content"
    assert page.evaluate(marker) == '"+"'
    page.click(".site-nav summary")
    assert page.evaluate(marker) == '"−"'
    widths = page.eval_on_selector_all(
        "details.sd-dropdown .sd-summary-state-marker svg",
        "els => els.map(e => Math.round(e.getBoundingClientRect().width))",
    )
    assert len(widths) >= 2 and len(set(widths)) == 1 and widths[0] >= 20, widths
    page.goto(server + "directory/index.html")
    page.select_option("#filter-topic", "parents-with-learning-difficulties")
    box = page.evaluate(
        "() => { const s = document.querySelector('#filter-topic');"
        " const c = document.createElement('canvas').getContext('2d');"
        " c.font = getComputedStyle(s).font;"
        " return [c.measureText(s.options[s.selectedIndex].text).width, s.clientWidth]; }"
    )
    assert box[0] + 20 <= box[1], box  # room for the arrow
    context.close()
