"""Checklists in Chromium: ticking, progress, memory under each policy, Clear, the timer,
no JavaScript, file://, and axe with ticked boxes."""

import shutil

import pytest
from helpers import serving, sphinx_build
from test_pages import run_axe

pytestmark = pytest.mark.browser

ITEMS = ["Normalise the conversation.", "Ask consent.", "Manage expectations."]


@pytest.fixture(scope="module")
def policy_sites(rootdir, tmp_path_factory):
    """The checklist test root built once under each memory policy, each served."""
    urls, stack = {}, []
    for policy in ("tab", "device", "off"):
        out = tmp_path_factory.mktemp(f"checklist-{policy}")
        result = sphinx_build(
            rootdir / "test-checklist", out, "-W", "-D", f"checklist_remember_ticks={policy}"
        )
        assert result.returncode == 0, result.stderr
        context = serving(out)
        urls[policy] = context.__enter__()
        stack.append(context)
    yield urls
    for context in stack:
        context.__exit__(None, None, None)


def checked(page):
    return page.eval_on_selector_all(
        "[data-checklist] input.checklist-box", "boxes => boxes.map(b => b.checked)"
    )


def progress(page):
    return page.inner_text("[data-checklist] .checklist-progress")


def test_tick_by_mouse_on_the_label_and_progress_counts(browser, policy_sites):
    page = browser.new_page()
    page.goto(policy_sites["tab"] + "before.html")
    assert progress(page) == "0 of 3 ticked"
    page.get_by_label(ITEMS[1]).check()
    page.click(f"label:has-text('{ITEMS[2]}')")
    assert checked(page) == [False, True, True]
    assert progress(page) == "2 of 3 ticked"
    assert page.get_attribute(".checklist-progress", "aria-live") == "polite"
    page.close()


def test_tick_by_keyboard_with_space(browser, policy_sites):
    page = browser.new_page()
    page.goto(policy_sites["tab"] + "before.html")
    page.focus("input.checklist-box >> nth=0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert checked(page) == [True, True, False]
    assert progress(page) == "2 of 3 ticked"
    page.close()


def test_tab_policy_keeps_ticks_across_reload_but_not_in_a_new_browser(browser, policy_sites):
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_sites["tab"] + "before.html")
    page.get_by_label(ITEMS[0]).check()
    page.reload()
    assert checked(page) == [True, False, False]
    assert progress(page) == "1 of 3 ticked"
    assert page.evaluate("localStorage.length") == 0
    keys = page.evaluate("Object.keys(sessionStorage)")
    assert len(keys) == 1 and "|before|setting-the-scene|" in keys[0]
    context.close()
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(policy_sites["tab"] + "before.html")
    assert checked(other) == [False, False, False]
    fresh.close()


def test_device_policy_keeps_ticks_in_a_new_page(browser, policy_sites):
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_sites["device"] + "before.html")
    page.get_by_label(ITEMS[2]).check()
    page.close()
    again = context.new_page()
    again.goto(policy_sites["device"] + "before.html")
    assert checked(again) == [False, False, True]
    assert "on this device" in again.inner_text(".checklist-memory")
    assert again.evaluate("sessionStorage.length") == 0
    context.close()


def test_off_policy_stores_nothing(browser, policy_sites):
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_sites["off"] + "before.html")
    page.get_by_label(ITEMS[0]).check()
    assert progress(page) == "1 of 3 ticked"
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    page.reload()
    assert checked(page) == [False, False, False]
    assert "not kept" in page.inner_text(".checklist-memory")
    context.close()


def test_off_policy_ticks_do_not_come_back_with_the_back_button(browser, policy_sites):
    """The boxes sit in a form with autocomplete="off", so the browser does not restore them
    when the reader goes back to the page (a checkbox may not carry the attribute itself)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_sites["off"] + "before.html")
    assert page.get_attribute("form.checklist-form", "autocomplete") == "off"
    page.get_by_label(ITEMS[1]).check()
    page.goto(policy_sites["off"] + "during.html")
    page.go_back()
    page.wait_for_url("**/before.html")
    assert checked(page) == [False, False, False]
    context.close()


def test_clear_unticks_everything_and_forgets_it(browser, policy_sites):
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_sites["device"] + "before.html")
    for item in ITEMS[:2]:
        page.get_by_label(item).check()
    page.click("button.checklist-clear")
    assert checked(page) == [False, False, False]
    assert progress(page) == "0 of 3 ticked"
    assert page.evaluate("localStorage.length") == 0
    page.reload()
    assert checked(page) == [False, False, False]
    context.close()


def test_a_changed_checklist_drops_stale_ticks(browser, rootdir, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(rootdir / "test-checklist", src)
    assert sphinx_build(src, out).returncode == 0
    with serving(out) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "before.html")
        page.get_by_label(ITEMS[1]).check()
        page.reload()
        assert checked(page) == [False, True, False]
        before = page.evaluate("Object.keys(sessionStorage)")
        edited = (src / "before.md").read_text(encoding="utf-8")
        (src / "before.md").write_text(
            edited.replace(
                "- Normalise the conversation.",
                "- Ask consent first of all.\n- Normalise the conversation.",
            ),
            encoding="utf-8",
        )
        assert sphinx_build(src, out).returncode == 0
        page.reload()
        assert page.locator("input.checklist-box").count() == 4
        assert checked(page) == [False, False, False, False]
        after = page.evaluate("Object.keys(sessionStorage)")
        assert before[0] not in after, "the stale key is removed"
        context.close()


def test_timer_starts_pauses_resets_and_announces_time_up(browser, policy_sites):
    """One primary button (Start, Pause, Continue) and Reset, by keyboard; each state is
    announced once; Reset is disabled at the full time."""
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()
    page.goto(policy_sites["tab"] + "during.html")
    display = page.locator(".checklist-timer-display")
    status = page.locator(".checklist-timer-status")
    said = page.locator(".checklist-timer-said")
    toggle = page.locator("button.checklist-timer-toggle")
    reset = page.locator("button.checklist-timer-reset")
    assert not page.is_visible(".checklist-timer-static")
    assert display.inner_text() == "02:00"
    assert toggle.inner_text() == "Start" and reset.is_disabled()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.inner_text() == "Pause" and said.inner_text() == "Timer started."
    assert reset.is_enabled()
    page.clock.run_for(61_000)
    assert display.inner_text() == "00:59"
    assert said.inner_text() == "Timer started.", "ticking announces nothing more"
    page.keyboard.press("Space")
    assert toggle.inner_text() == "Continue" and said.inner_text() == "Timer paused."
    page.clock.run_for(30_000)
    assert display.inner_text() == "00:59"
    assert status.inner_text() == ""
    page.keyboard.press("Enter")
    page.clock.run_for(60_000)
    assert display.inner_text() == "00:00"
    assert status.inner_text() == "Time is up: 2 minutes have passed."
    assert status.get_attribute("aria-live") == "polite"
    assert toggle.is_disabled()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "checklist-timer-reset"
    page.keyboard.press("Enter")
    assert display.inner_text() == "02:00" and status.inner_text() == ""
    assert said.inner_text() == "Timer reset." and reset.is_disabled()
    assert toggle.inner_text() == "Start"
    context.close()


def test_the_timer_controls_stay_on_one_line_at_320_px(browser, policy_sites):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(policy_sites["tab"] + "during.html")
    tops = page.eval_on_selector_all(
        ".checklist-timer-display, .checklist-timer-controls button",
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))",
    )
    assert len(tops) == 3 and max(tops) - min(tops) <= 12, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_without_javascript_boxes_still_tick_and_tools_stay_hidden(browser, policy_sites):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(policy_sites["tab"] + "during.html")
    page.click("label >> nth=0")
    assert checked(page)[0] is True
    assert not page.is_visible(".checklist-tools")
    assert page.is_visible(".checklist-timer-static")
    assert not page.is_visible(".checklist-timer-controls")
    context.close()


def test_ticking_works_from_file_urls(browser, rootdir, tmp_path):
    out = tmp_path / "out"
    assert sphinx_build(rootdir / "test-checklist", out).returncode == 0
    context = browser.new_context()
    page = context.new_page()
    page.goto((out / "before.html").as_uri())
    page.get_by_label(ITEMS[0]).check()
    assert checked(page) == [True, False, False]
    assert progress(page) == "1 of 3 ticked"
    context.close()


def test_blocked_storage_leaves_the_checklist_working_and_says_so(browser, policy_sites):
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'sessionStorage', {get() {"
        " throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(policy_sites["tab"] + "before.html")
    page.get_by_label(ITEMS[0]).check()
    assert progress(page) == "1 of 3 ticked"
    assert "not keeping your ticks" in page.inner_text(".checklist-memory")
    page.click("button.checklist-clear")
    assert checked(page) == [False, False, False]
    assert errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_ticked_boxes_and_a_running_timer(
    browser, server, axe_source, scheme
):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "framework/observation.html")
    boxes = page.locator("[data-checklist] input.checklist-box")
    assert boxes.count() >= 8
    for index in (0, 2, 5):
        boxes.nth(index).check()
    page.click("button.checklist-timer-toggle")
    violations = run_axe(page, axe_source)
    context.close()
    assert violations == []


@pytest.fixture(scope="module")
def cardiff(welsh_build):
    """The Cardiff example served: English at the root, Welsh under cy/."""
    out, _ = welsh_build
    with serving(out) as url:
        yield url


def overlaps(a, b):
    across = a["left"] < b["right"] and b["left"] < a["right"]
    return across and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 375])
def test_the_finished_timer_fits_on_a_phone_in_english_and_welsh(browser, cardiff, width, scheme):
    """When the time is up, the time, both buttons and the message stay inside the checklist's
    box without overlapping, and the message takes at most three lines."""
    context = browser.new_context(viewport={"width": width, "height": 812}, color_scheme=scheme)
    page = context.new_page()
    page.clock.install()
    for language in ("", "cy/"):
        page.goto(cardiff + language + "framework/observation.html")
        page.click("button.checklist-timer-toggle")
        page.clock.run_for(121_000)
        assert page.inner_text(".checklist-timer-status").strip(), language
        parts = page.eval_on_selector_all(
            "[data-checklist=observation], .checklist-timer-display,"
            " .checklist-timer-row button, .checklist-timer-status",
            """els => els.map(e => {
                const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                return {name: e.className, left: r.left, right: r.right, top: r.top,
                        bottom: r.bottom, lines: Math.round(r.height / parseFloat(s.lineHeight)),
                        scroll: e.scrollWidth - e.clientWidth};
            })""",
        )
        card, *inside = parts
        for part in inside:
            assert card["left"] <= part["left"] and part["right"] <= card["right"], (language, part)
            assert part["scroll"] <= 0, ("text spills out of its box", language, part)
        for number, part in enumerate(inside):
            for other in inside[number + 1 :]:
                assert not overlaps(part, other), (language, part, other)
        status = inside[-1]
        assert status["lines"] <= 3, (language, status)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_the_running_time_is_not_styled_like_a_link(browser, cardiff):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(cardiff + "framework/observation.html")
    page.click("button.checklist-timer-toggle")
    display = page.locator(".checklist-timer-display")
    style = display.evaluate(
        "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color,"
        " getComputedStyle(document.body).color]"
    )
    assert style[0] == "none" and style[1] == style[2], style
    context.close()


def test_the_timer_stays_in_view_and_never_covers_the_item_being_ticked(browser, cardiff):
    """The observation page jumps to its checklist; while the checklist is on screen the timer
    sticks to the top, and an item reached by keyboard is scrolled clear of it."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(cardiff + "framework/observation.html")
    jump = page.get_by_role("link", name="2-minute observation")
    assert jump.bounding_box()["y"] < 812, "the jump link is on the first screen"
    jump.click()
    legend = page.locator("[data-checklist=observation] legend").bounding_box()
    assert 0 <= legend["y"] < 100, legend
    page.click("button.checklist-timer-toggle")
    items = page.locator("[data-checklist=observation] .checklist-item")
    timer = "document.querySelector('.checklist-timer').getBoundingClientRect()"
    items.nth(6).scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(100)
    assert page.evaluate(f"{timer}.top") == 0, "the timer sticks to the top"
    # Put item 3 just below the timer, so item 2 lies wholly underneath it, then go back to it.
    page.evaluate(
        f"""() => {{ const item = document.querySelectorAll(
              '[data-checklist=observation] .checklist-item')[3].getBoundingClientRect();
            window.scrollBy(0, item.top - {timer}.bottom - 1); }}"""
    )
    under = items.nth(2).bounding_box()
    assert under["y"] + under["height"] <= page.evaluate(f"{timer}.bottom") + 1
    items.nth(3).locator("input").focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.closest('.checklist-item') !== null")
    focused = page.evaluate(
        "document.activeElement.closest('.checklist-item').getBoundingClientRect().top"
    )
    assert focused >= page.evaluate(f"{timer}.bottom"), "the item is not under the timer"
    page.keyboard.press("Space")
    assert page.inner_text(".checklist-progress").startswith("1 ")
    context.close()
