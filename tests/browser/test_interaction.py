"""Keyboard, navigation without JavaScript, copy buttons and search, in Chromium."""

import pytest

pytestmark = pytest.mark.browser

STEP_1 = "framework/step-1.html"
PROMPT_1 = "What 3 words or phrases would you use to describe your relationship with your baby?"


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(css):
    return [int(float(part)) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]


def test_contents_collapse_and_open_without_javascript_on_a_phone(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server + STEP_1)
    link = page.locator(".site-nav-tree a", has_text="Step 2").first
    assert not link.is_visible(), "the contents list should start collapsed on a phone"
    page.click(".site-nav summary")
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/framework/step-2.html")
    context.close()


def test_contents_sit_beside_the_text_on_a_laptop(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + STEP_1)
    link = page.locator(".site-nav-tree a", has_text="Step 2").first
    assert link.is_visible(), "the contents list should be open beside the text"
    nav, main = page.locator(".site-nav").bounding_box(), page.locator("main").bounding_box()
    assert nav["x"] + nav["width"] <= main["x"]
    context.close()


def test_skip_link_is_first_visible_on_focus_and_moves_to_the_content(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + STEP_1)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_ring_is_3px_and_stands_out(browser, server, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + STEP_1)
    for selector in [
        ".site-nav-tree a",
        "main .body p a.reference",
        "#site-search-q",
        "blockquote.wording button.copybtn",
        ".site-search button",
    ]:
        element = page.locator(selector).first
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        style = element.evaluate(
            """el => {
                const s = getComputedStyle(el);
                let bg = 'rgba(0, 0, 0, 0)', node = el.parentElement;
                while (node && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
                    bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
                }
                return {width: s.outlineWidth, style: s.outlineStyle, color: s.outlineColor,
                        background: bg, focused: document.activeElement === el};
            }"""
        )
        assert style["focused"], selector
        assert float(style["width"].rstrip("px")) >= 3, (selector, style)
        assert style["style"] != "none", (selector, style)
        assert contrast(rgb(style["color"]), rgb(style["background"])) >= 3, (selector, style)
    context.close()


def test_copy_button_copies_the_exact_wording_without_attribution(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + STEP_1)
    quote = page.locator("blockquote.wording", has_text=PROMPT_1).first
    button = quote.locator("button.copybtn")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('button.copybtn.success') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied.strip() == PROMPT_1


def test_copy_buttons_only_on_words_said_to_a_parent(browser, server):
    page = browser.new_page()
    page.goto(server + "quick-reference/prompts-at-a-glance.html")
    page.wait_for_selector("button.copybtn")
    buttons = page.evaluate(
        """() => [...document.querySelectorAll('blockquote.wording')].map(q => [
            q.innerText.trim(), q.querySelector('button.copybtn') !== null])"""
    )
    page.close()
    with_button = {text for text, has in buttons if has}
    without = {text for text, has in buttons if not has}
    assert PROMPT_1 in with_button
    assert "Use an assessment tool or questionnaire." in without
    assert len(without) == 4, without


@pytest.mark.parametrize(
    "card",
    [
        "quick-reference/prompts-at-a-glance.html",
        "quick-reference/observing-the-relationship.html",
        "quick-reference/supporting-the-relationship.html",
        "quick-reference/where-to-turn-locally.html",
    ],
)
def test_a_card_shows_its_source_once_on_screen(browser, server, card):
    page = browser.new_page()
    page.goto(server + card)
    shown = page.evaluate(
        """() => [...document.querySelectorAll('.attribution, .page-source, .card-footer')]
            .filter(el => el.offsetParent !== null).map(el => el.classList[0])"""
    )
    page.close()
    assert shown == ["page-source"]


def test_search_lists_the_page_with_the_words(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "index.html")
    page.fill("#site-search-q", "biggest fear")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results ul.search li")
    titles = page.locator("#search-results ul.search li a").all_inner_texts()
    context.close()
    assert any("Step 1" in title for title in titles), titles
