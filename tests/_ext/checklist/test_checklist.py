"""The checklist directive through sphinx.testing: HTML, text, LaTeX, singlehtml, errors, -j 2."""

import json
import re

import pytest
from helpers import checklists_in

pytestmark = pytest.mark.extension


@pytest.mark.sphinx("html", testroot="checklist")
def test_items_are_real_labelled_checkboxes(app):
    app.build()
    html = (app.outdir / "before.html").read_text(encoding="utf-8")
    (checklist,) = checklists_in(html)
    assert checklist["title"] == "Setting the scene"
    assert [i["text"] for i in checklist["items"]] == [
        "Normalise the conversation.",
        "Ask consent.",
        "Manage expectations.",
    ]
    boxes = re.findall(r'<input type="checkbox"[^>]*id="([^"]+)"', html)
    labels = re.findall(r'<label for="([^"]+)"', html)
    assert boxes == labels and len(set(boxes)) == 3
    inside = html[html.index("data-checklist=") :]
    assert inside.index("Work through these before") < inside.index("<ul"), "introduction first"
    assert "<em>expectations</em>" in html, "inline markup survives inside the label"


@pytest.mark.sphinx("html", testroot="checklist")
def test_hints_sit_under_their_item_and_describe_its_box(app):
    app.build()
    html = (app.outdir / "before.html").read_text(encoding="utf-8")
    box = re.search(r'<input[^>]*id="(cl-setting-the-scene-manage-expectations)"[^>]*>', html)
    assert f'aria-describedby="{box.group(1)}-hint"' in box.group(0)
    hint = re.search(
        rf'<div class="checklist-hint" id="{box.group(1)}-hint">(.*?)</div>', html, re.S
    )
    assert "There are no right or wrong answers." in hint.group(1)
    ask = re.search(r'<input[^>]*id="cl-setting-the-scene-ask-consent"[^>]*>', html).group(0)
    assert "aria-describedby" not in ask


@pytest.mark.sphinx("html", testroot="checklist")
def test_progress_clear_and_memory_note_wait_for_javascript(app):
    app.build()
    html = (app.outdir / "before.html").read_text(encoding="utf-8")
    tools = re.search(r'<div class="checklist-tools" hidden>(.*?)</div>', html, re.S).group(1)
    assert 'role="status"' in tools and 'aria-live="polite"' in tools
    assert '<button type="button" class="checklist-clear">Clear ticks</button>' in tools
    assert "kept only in this browser tab" in tools
    assert 'data-remember="tab"' in html
    assert re.search(r'<script defer="defer" src="_static/checklist.js', html)
    plain = (app.outdir / "all.html").read_text(encoding="utf-8")
    assert "checklist.js" not in plain, "pages without a checklist do not load its script"


@pytest.mark.sphinx(
    "html", testroot="checklist", confoverrides={"checklist_remember_ticks": "off"}, freshenv=True
)
def test_memory_policy_reaches_the_page_and_its_note(app):
    app.build()
    html = (app.outdir / "before.html").read_text(encoding="utf-8")
    assert 'data-remember="off"' in html
    assert "Your ticks are not kept" in html


@pytest.mark.sphinx(
    "html",
    testroot="checklist",
    confoverrides={"checklist_remember_ticks": "forever"},
    freshenv=True,
)
def test_unknown_memory_policy_warns_and_falls_back_to_tab(app, warning):
    app.build()
    assert "checklist_remember_ticks is 'forever'" in warning.getvalue()
    assert "[checklist.config]" in warning.getvalue()
    assert 'data-remember="tab"' in (app.outdir / "before.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="checklist")
def test_timer_markup_with_a_static_fallback(app):
    app.build()
    html = (app.outdir / "during.html").read_text(encoding="utf-8")
    timer = re.search(r'<div class="checklist-timer"[^>]*>', html).group(0)
    assert 'data-seconds="120"' in timer
    assert 'data-done="Time is up: 2 minutes have passed."' in timer
    assert '<p class="checklist-timer-static">Allow 2 minutes.</p>' in html
    assert '<span class="checklist-timer-display" role="timer">02:00</span>' in html


@pytest.mark.sphinx("html", testroot="checklist")
def test_index_lists_every_checklist_with_its_page(app):
    app.build()
    html = (app.outdir / "all.html").read_text(encoding="utf-8")
    listing = re.search(r'<ul class="checklist-index[^"]*">(.*?)</ul>', html, re.S).group(1)
    links = re.findall(r'href="([^"]+)">([^<]+)</a>', listing)
    assert links == [
        ("before.html#checklist-setting-the-scene", "Setting the scene"),
        ("during.html#checklist-observation", "The observation"),
        ("rst-page.html#checklist-after-the-visit", "After the visit"),
        ("extra-1.html#checklist-extra-1", "Extra 1"),
        ("extra-2.html#checklist-extra-2", "Extra 2"),
        ("extra-3.html#checklist-extra-3", "Extra 3"),
    ]
    assert "Before the visit" in listing and "3 items" in listing


@pytest.mark.sphinx("html", testroot="checklist")
def test_checklists_json_matches_the_pages(app):
    app.build()
    data = json.loads((app.outdir / "checklists.json").read_text(encoding="utf-8"))
    exported = data["checklists"]
    assert [c["id"] for c in exported] == sorted(c["id"] for c in exported)
    on_pages = {}
    for page in app.outdir.glob("*.html"):
        for checklist in checklists_in(page.read_text(encoding="utf-8")):
            on_pages[checklist["id"]] = (page.name, checklist)
    assert set(on_pages) == {c["id"] for c in exported}
    for record in exported:
        page, checklist = on_pages[record["id"]]
        assert record["url"] == f"{page}#checklist-{record['id']}"
        assert record["page"] == page.removesuffix(".html")
        assert record["title"] == checklist["title"]
        assert [(i["id"], i["text"]) for i in record["items"]] == [
            (i["id"], i["text"]) for i in checklist["items"]
        ]
    hinted = next(c for c in exported if c["id"] == "setting-the-scene")["items"]
    assert hinted[0]["hint"] == "Reassure them that you ask everybody."


@pytest.mark.sphinx("text", testroot="checklist")
def test_text_builder_prints_a_titled_list_with_boxes(app):
    app.build()
    text = (app.outdir / "before.txt").read_text(encoding="utf-8")
    assert "Checklist: Setting the scene" in text
    assert "* ☐ Normalise the conversation." in text
    assert "* ☐ Ask consent." in text
    assert "Reassure them that you ask everybody." in text


@pytest.mark.sphinx("latex", testroot="checklist")
def test_latex_builder_writes_the_list_with_boxes(app):
    app.build()
    (tex,) = app.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert "Checklist: Setting the scene" in source
    assert "☐ Ask consent." in source
    assert "checkbox" not in source


@pytest.mark.sphinx("singlehtml", testroot="checklist")
def test_singlehtml_keeps_the_plain_list(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "☐ Ask consent." in html
    assert 'type="checkbox"' not in html
    assert "checklist.js" not in html


@pytest.mark.sphinx("html", testroot="checklist-errors", freshenv=True)
def test_every_error_has_its_file_line_and_type(app, warning):
    app.build()
    log = warning.getvalue()
    expected = [
        (3, r"checklist: needs an :id: option"),
        (8, r"checklist: id 'Not_A_Slug' is not a slug"),
        (14, r"checklist 'no-list': has no bullet list of items"),
        (20, r"checklist 'empty-item': item 2 \(line 24\) is empty"),
        (28, r"checklist 'odd-timer': timer 'two minutes' is not a duration"),
        (35, r"checklist 'no-title': needs a title"),
    ]
    for line, message in expected:
        assert re.search(rf"bad\.md:{line}: WARNING: {message}", log), (line, message, log)
    assert log.count("[checklist.") >= len(expected) + 1


@pytest.mark.parametrize("parallel", [1, 2])
def test_duplicate_id_names_both_places_serial_and_parallel(make_app, rootdir, tmp_path, parallel):
    import shutil

    from sphinx.testing.util import SphinxTestApp  # noqa: F401 (documents the fixture's type)

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-checklist-errors", src)
    app = make_app("html", srcdir=src, parallel=parallel, freshenv=True)
    app.build()
    log = app.warning.getvalue()
    assert re.search(
        r"second\.md:3: WARNING: checklist 'shared': duplicate id, first used at .*first\.md:5",
        log,
    ), log
    assert "[checklist.duplicate]" in log


def test_parallel_build_writes_the_same_output_as_a_serial_one(make_app, rootdir, tmp_path):
    import shutil

    outputs = {}
    for parallel in (1, 2):
        src = tmp_path / f"src-{parallel}"
        shutil.copytree(rootdir / "test-checklist", src)
        app = make_app("html", srcdir=src, parallel=parallel, freshenv=True)
        app.build()
        assert app.parallel == parallel
        outputs[parallel] = {
            path.relative_to(app.outdir).as_posix(): path.read_bytes()
            for path in sorted(app.outdir.rglob("*"))
            if path.is_file() and path.suffix in (".html", ".json")
        }
    assert outputs[1].keys() == outputs[2].keys()
    assert "checklists.json" in outputs[1]
    for name in outputs[1]:
        assert outputs[1][name] == outputs[2][name], name


def test_duplicate_message_and_checklists_json_agree_on_which_came_first(
    make_app, rootdir, tmp_path
):
    """Reading order is the table of contents, not the alphabet: put "second" before "first"
    and both the warning and checklists.json keep the checklist on "second"."""
    import json
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-checklist-errors", src)
    index = src / "index.md"
    index.write_text(index.read_text().replace("first\nsecond\n", "second\nfirst\n"))
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    log = app.warning.getvalue()
    assert re.search(
        r"first\.md:5: WARNING: checklist 'shared': duplicate id, first used at .*second\.md:3",
        log,
    ), log
    data = json.loads((app.outdir / "checklists.json").read_text())
    assert [c["page"] for c in data["checklists"] if c["id"] == "shared"] == ["second"]
