"""The signposting directory in Chromium: filters, live count, page address, no JavaScript,
and service text that can never run as markup."""

import pytest
from helpers import serving, sphinx_build

pytestmark = pytest.mark.browser
ALL = ["online-advice", "antenatal-group", "stay-and-play", "crying-clinic"]


@pytest.fixture(scope="module")
def directory_url(rootdir, tmp_path_factory):
    out = tmp_path_factory.mktemp("directory")
    result = sphinx_build(rootdir / "test-signposting", out, "-W")
    assert result.returncode == 0, result.stderr
    with serving(out) as url:
        yield url + "directory/index.html"


def visible(page):
    return page.eval_on_selector_all(
        "article[data-service]",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.service)",
    )


def count(page):
    return page.inner_text(".directory-count")


def filters(page):
    """The filter box's summary: what is filtered, or "Filter the list"."""
    return page.inner_text("details.directory-filter-box > summary")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def test_every_service_shows_with_a_count_at_first(page, directory_url):
    page.goto(directory_url)
    assert page.is_visible("form.directory-filters")
    assert visible(page) == ALL
    assert count(page) == "4 services shown"
    assert filters(page) == "Filter the list"
    assert page.get_attribute(".directory-count", "aria-live") == "polite"


def test_topic_filter_updates_list_count_groups_and_address(page, directory_url):
    page.goto(directory_url)
    page.select_option("#filter-topic", "crying-and-soothing")
    assert visible(page) == ["crying-clinic"]
    assert count(page) == "1 service shown"
    assert filters(page) == "Filters: Topic: Crying and soothing"
    assert page.url.endswith("?topic=crying-and-soothing")
    assert not page.is_visible("#tier-advice") and not page.is_visible("#tier-help")
    assert page.is_visible("#tier-more-help")


def test_free_text_narrows_as_you_type(page, directory_url):
    page.goto(directory_url)
    page.fill("#filter-q", "group")
    assert visible(page) == ["antenatal-group"]
    page.fill("#filter-q", "testshire council")
    assert visible(page) == ["online-advice", "stay-and-play"]
    page.wait_for_url("**?q=testshire+council")  # the address follows when typing pauses
    page.fill("#filter-q", "nothing like this")
    assert visible(page) == []
    assert count(page) == "No services match these filters. Try fewer filters."
    assert filters(page) == "Filters: Search: nothing like this"


def test_filters_combine_stage_access_and_language(page, directory_url):
    page.goto(directory_url)
    page.select_option("#filter-stage", "pregnancy")
    assert visible(page) == ["online-advice", "antenatal-group"]
    page.select_option("#filter-access", "self-referral")
    assert visible(page) == ["antenatal-group"]
    page.select_option("#filter-access", "")
    page.select_option("#filter-stage", "")
    page.select_option("#filter-language", "cy")
    assert visible(page) == ["stay-and-play"]


def test_a_link_with_filters_opens_the_filtered_view(page, directory_url):
    page.goto(directory_url + "?topic=bonding-and-attachment&stage=pregnancy&tier=nonsense")
    assert page.input_value("#filter-topic") == "bonding-and-attachment"
    assert page.input_value("#filter-stage") == "pregnancy"
    assert page.input_value("#filter-tier") == ""
    assert visible(page) == ["antenatal-group"]
    assert count(page) == "1 service shown"
    assert filters(page) == "Filters: Stage: Pregnancy, Topic: Bonding and attachment"
    assert not page.is_visible("form.directory-filters"), "the services first, the form a tap away"
    page.click("details.directory-filter-box > summary")
    assert page.is_visible("#filter-topic")


def test_links_from_other_pages_arrive_filtered(page, directory_url):
    page.goto(directory_url.replace("directory/index.html", "step-3.html"))
    page.click("text=crying support")
    page.wait_for_url("**/directory/index.html?topic=crying-and-soothing")
    assert visible(page) == ["crying-clinic"]


def test_clear_filters_shows_everything_again(page, directory_url):
    page.goto(directory_url + "?tier=help&q=play")
    assert visible(page) == ["stay-and-play"]
    page.click("details.directory-filter-box > summary")
    page.click("button.directory-clear")
    assert visible(page) == ALL
    assert filters(page) == "Filter the list"
    assert "?" not in page.url
    assert page.evaluate("document.activeElement.id") == "filter-q"


@pytest.mark.parametrize("width", [320, 599, 600])
def test_under_600_px_the_filters_start_closed(browser, directory_url, width):
    """A phone shows the services first, the form one tap away; from 600 px it is open."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(directory_url)
    assert page.is_visible("form.directory-filters") is (width >= 600)
    assert page.inner_text("details.directory-filter-box > summary") == "Filter the list"
    page.click("details.directory-filter-box > summary")
    assert page.is_visible("form.directory-filters") is (width < 600)
    context.close()


def test_without_javascript_every_service_is_listed_by_tier(browser, directory_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(directory_url + "?topic=crying-and-soothing")
    assert not page.is_visible("form.directory-filters")
    assert visible(page) == ALL
    headings = page.locator("section.directory-group h2").all_inner_texts()
    assert headings == [
        "Getting advice",
        "Getting help",
        "Getting more help",
        "For your own learning and practice",
    ]
    context.close()


def test_markup_in_service_text_is_shown_as_text_never_run(page, directory_url):
    page.goto(directory_url)
    summary = page.locator('article[data-service="stay-and-play"] .service-summary')
    summary.scroll_into_view_if_needed()
    summary.evaluate(
        "el => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    assert "<script>alert(" in summary.inner_text()
    assert "<b>not bold</b>" in summary.inner_text()
    assert summary.locator("b, script").count() == 0
    page.fill("#filter-q", "script")
    assert visible(page) == ["stay-and-play"]
    assert page.dialogs == []
