"""Printing in Chromium (page.pdf, read back with pypdf): one-page quick-reference guides that
fill their page with every profile, framework pages that waste no paper, and clean printouts of
long pages, dropdowns, tabs and a filtered directory."""

import io
import re
import unicodedata

import pytest
from helpers import DOCS, EXAMPLES, body_size, pdf_runs, reach, serving
from pypdf import PdfReader

pytestmark = pytest.mark.browser
CARDS = sorted(
    p.relative_to(DOCS).with_suffix(".html").as_posix()
    for p in (DOCS / "quick-reference").glob("*.md")
    if p.stem != "index"
)
FRAMEWORK = sorted(
    p.relative_to(DOCS).with_suffix(".html").as_posix() for p in (DOCS / "framework").glob("*.md")
)
# The print stylesheet's @page margins (12 mm at the top, 14 mm at the foot), in points.
TOP, FOOT = 12 / 25.4 * 72, 14 / 25.4 * 72
SCREEN_ONLY = [
    "Contents of the guide",
    "Skip to main content",
    "Search the guide",
    "Clear ticks",
    "Print this guide",
]


def pdf_of(page):
    sheets = printed(page)
    return len(sheets), text_of(sheets)


def text_of(sheets):
    """The printed pages' text, normalised, its white space single spaces."""
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in sheets))
    return " ".join(text.split())


def test_there_are_four_quick_reference_guides():
    assert len(CARDS) == 4


def printed(page):
    """The page as Chromium prints it on A4: its pages, read back with pypdf."""
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages


def header_band(page):
    """How much taller the printed header is than the guide's title in it (a hidden language
    link once left a blank line there)."""
    page.emulate_media(media="print")
    return page.evaluate(
        """() => document.querySelector('.site-header').getBoundingClientRect().height
            - document.querySelector('.site-title').getBoundingClientRect().height"""
    )


@pytest.fixture(scope="module")
def paper(browser):
    """One page kept for the tests that only open a page and print it, handed over with no media
    emulated (``page.pdf`` prints in print media unless told otherwise): a new page for each
    test started a renderer each time (half their time)."""
    context = browser.new_context()
    page = context.new_page()

    def fresh():
        page.emulate_media(media="null")
        return page

    yield fresh
    context.close()


@pytest.mark.parametrize("card", CARDS)
@pytest.mark.parametrize("profile", ["local/default", *EXAMPLES, "cy"])
def test_quick_reference_guide_fills_one_side_of_a4(paper, site_named, profile, card):
    """One page whatever the profile, its body text as large as the build found fits (at
    least 11 pt, reaching at least 75% of the page), nothing under 9 pt, the footer included,
    no blank band under the header."""
    page = paper()
    page.goto((site_named(profile) / card).as_uri())
    sheets = printed(page)
    text = text_of(sheets)
    band = header_band(page)
    runs = pdf_runs(sheets[0])
    assert len(sheets) == 1, f"{card} with {profile} prints on {len(sheets)} pages"
    assert body_size(runs) >= 10.95, f"body text of {body_size(runs)} pt"
    assert min(size for size, _, _ in runs) >= 8.95, "text under 9 pt"
    assert reach(runs, float(sheets[0].mediabox.height)) >= 0.75
    assert band < 8, f"a blank band of {band:.0f} px under the header"
    assert "published 21 March 2024" in text or "Cardiff Parenting" in text, "the source footer"
    for words in SCREEN_ONLY:
        assert words not in text


@pytest.mark.parametrize("path", FRAMEWORK)
@pytest.mark.parametrize("profile", ["local/default", "local/examples/cardiff", "cy"])
def test_framework_pages_print_without_wasting_paper(paper, site_named, profile, path):
    """No page but the last ends more than a quarter of its text area early (a box runs on
    rather than leave the gap), the last page holds more than a line or two, and the first
    has no blank band under the header."""
    page = paper()
    page.goto((site_named(profile) / path).as_uri())
    sheets = printed(page)
    band = header_band(page)
    lines = [sorted({round(y) for _, y, _ in pdf_runs(sheet)}) for sheet in sheets]
    area = float(sheets[0].mediabox.height) - TOP - FOOT
    gaps = [round((ys[0] - FOOT) / area, 2) for ys in lines[:-1]]
    assert all(gap <= 0.25 for gap in gaps), f"{path}: pages end early by {gaps} of a page"
    assert len(sheets) == 1 or len(lines[-1]) >= 5, (
        f"{path}: the last of {len(sheets)} pages holds {len(lines[-1])} lines"
    )
    assert band < 8, f"a blank band of {band:.0f} px under the header"


def test_where_to_turn_prints_the_areas_contacts_and_services(browser, profile_sites):
    page = browser.new_page()
    page.goto(
        (
            profile_sites["local/examples/cardiff"] / "quick-reference/where-to-turn-locally.html"
        ).as_uri()
    )
    _, text = pdf_of(page)
    page.close()
    for words in [
        "Cardiff Family Gateway",
        "03000 133 133",
        "Safeguarding",
        "Baby stay and play sessions",
    ]:
        assert words in text


def longest_framework_page():
    pages = sorted(
        (DOCS / "framework").glob("*.md"), key=lambda p: len(p.read_text()), reverse=True
    )
    return pages[0].relative_to(DOCS).with_suffix(".html").as_posix()


def test_a_long_page_prints_whole_without_navigation_or_buttons(browser, site):
    path = longest_framework_page()
    page = browser.new_page()
    page.goto((site / path).as_uri())
    last = page.evaluate(
        "() => [...document.querySelectorAll('main .body section p')].filter(p => !p.closest('details, .checklist, blockquote')).pop().innerText"
    )
    pages, text = pdf_of(page)
    page.close()
    assert pages >= 2
    assert " ".join(last.split())[-60:] in text, "the last paragraph is printed"
    assert "Department for Education and Department of Health and Social Care" in text
    for words in SCREEN_ONLY:
        assert words not in text


def test_dropdowns_print_open_and_links_show_their_address(browser, site):
    page = browser.new_page()
    page.goto((site / "framework/step-1.html").as_uri())
    assert not page.locator("details.sd-dropdown").first.evaluate("d => d.open")
    _, text = pdf_of(page)
    page.goto((site / "framework/step-3.html").as_uri())
    _, step_3 = pdf_of(page)
    page.close()
    assert "I love it when I blow raspberries and my baby giggles." in text
    assert "Can you tell me a little more about why you chose those words or sentences?" in text
    assert re.search(r"nhs\.uk/start-for-life \(https://www\.nhs\.uk/start-for-life/\)", step_3)


def test_home_quick_links_are_three_headed_lists_not_tabs(browser, site):
    """Before, during and after a visit: three short lists, each under its heading, on a
    phone as on paper (tabs stacked into something that read as a menu)."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto((site / "index.html").as_uri())
    headings = page.locator("#quick-links h3").all_inner_texts()
    assert [h.strip("#¶ \n") for h in headings] == [
        "Before a visit",
        "During a visit",
        "After a visit",
    ]
    assert page.locator("#quick-links [role=tablist], #quick-links .sd-tab-set").count() == 0
    _, text = pdf_of(page)
    page.close()
    for heading in ("Before a visit", "During a visit", "After a visit"):
        assert heading in text
    assert "Supervision" in text.split("After a visit", 1)[1]


def test_checklists_print_with_their_boxes_ticked_or_empty(browser, site):
    page = browser.new_page()
    page.goto((site / "framework/setting-the-scene.html").as_uri())
    page.locator("input.checklist-box").first.check()
    page.emulate_media(media="print")
    state = page.evaluate(
        """() => ({
            boxes: [...document.querySelectorAll('input.checklist-box')].map(b => b.offsetParent !== null && b.checked),
            tools: document.querySelector('.checklist-tools').offsetParent !== null,
            breaks: getComputedStyle(document.querySelector('.checklist-item')).breakInside,
        })"""
    )
    _, text = pdf_of(page)
    page.close()
    assert state["boxes"][0] is True and state["boxes"][1:] == [False] * (len(state["boxes"]) - 1)
    assert state["tools"] is False and state["breaks"] == "avoid", "an item never splits"
    assert "Your ticks are kept" not in text


def test_a_filtered_directory_prints_only_what_the_filter_shows(browser, rootdir, tmp_path):
    from helpers import sphinx_build

    out = tmp_path / "out"
    assert sphinx_build(rootdir / "test-signposting", out, "-W").returncode == 0
    with serving(out) as url:
        page = browser.new_page()
        page.goto(url + "directory/index.html?topic=crying-and-soothing")
        _, text = pdf_of(page)
        page.close()
    assert "Crying and soothing clinic" in text
    for other in ["Baby stay and play", "Online advice hub", "Antenatal relationships group"]:
        assert other not in text
    assert "Search the directory" not in text


def test_print_button_prints_and_waits_for_javascript(browser, site):
    context = browser.new_context()
    context.add_init_script(
        "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"
    )
    page = context.new_page()
    page.goto((site / "quick-reference/prompts-at-a-glance.html").as_uri())
    after_title = "document.querySelector('.body h1').nextElementSibling.className"
    assert page.evaluate(after_title) == "print-action", "the button comes after the title"
    page.click("button.print-button")
    assert page.evaluate("window.__printed") == 1
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "quick-reference/prompts-at-a-glance.html").as_uri())
    assert not page.is_visible("button.print-button")
    context.close()
