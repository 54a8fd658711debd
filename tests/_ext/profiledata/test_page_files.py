"""An area's own pages (``pages/*.md``): what they may hold, and every hostile page refused
with one ``file:line: what is not allowed here`` line, all at once, before anything is built."""

import os
import sys

import pytest
from profiledata import pages
from profiledata.problems import ProfileDataError
from profiledata.profile import load_profile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "signposting"))
from profile_helpers import TODAY, problems_of  # noqa: E402

pytestmark = pytest.mark.unit

PROFILE = (
    '[area]\nname = "Testshire"\nnation = "england"\n\n[directory]\ninclude_national = false\n'
)
GOOD = """---
title: Referring a family
summary: How to refer a family in Testshire.
last_reviewed: 2026-09-01
owner: Testshire infant mental health team
---

## Who to ring

Ring the team on [0113 843 0841](tel:+441138430841) or
[email them](mailto:team@example.org). See [step 3](/framework/step-3.md) and
{directory}`crying and soothing <topic=crying-and-soothing>`; you are in {profile}`area.name`.

| When | Who |
| --- | --- |
| Weekdays | The duty worker |

> A quotation from the area's own pathway.

```{note}
A note with *emphasis* and **strong** words.
```

:::{warning}
A warning.
:::

```{signposting}
:tier: help
```

![A map of the area](map.png)
"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def area(tmp_path):
    """``area({"name.md": text, ...}, toml=extra)`` writes a profile with pages; its folder."""

    def write(files, toml=""):
        (tmp_path / "profile.toml").write_text(PROFILE + toml, encoding="utf-8")
        folder = tmp_path / "pages"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return write


def page(body, front="title: A page"):
    return f"---\n{front}\n---\n\n{body}\n"


def test_a_page_with_every_allowed_construct_loads(area):
    folder = area({"referral-pathway.md": GOOD, "map.png": PNG})
    directory = load_profile(folder, on=TODAY)
    [found] = directory.pages
    assert (found.stem, found.docname, found.title) == (
        "referral-pathway",
        "local/referral-pathway",
        "Referring a family",
    )
    assert found.owner == "Testshire infant mental health team"
    assert found.last_reviewed.isoformat() == "2026-09-01"
    assert not found.needs_review
    assert [p.name for p in found.images] == ["map.png"]
    assert found.path in directory.files and found.images[0] in directory.files


def test_review_is_flagged_after_the_profile_s_period_or_with_no_date(area):
    folder = area(
        {
            "old.md": page("Text.", "title: Old\nlast_reviewed: 2025-10-01"),
            "undated.md": page("Text.", "title: Undated"),
            "recent.md": page("Text.", "title: Recent\nlast_reviewed: 2026-06-01"),
        },
        toml="\n[pages]\nreview_after_months = 6\n",
    )
    flagged = {p.stem: p.needs_review for p in load_profile(folder, on=TODAY).pages}
    assert flagged == {"old": True, "undated": True, "recent": False}


def test_a_welsh_counterpart_is_kept_with_its_english_page(area):
    folder = area(
        {
            "referral.md": page("Text.", "title: Referring a family"),
            "referral.cy.md": page("Testun.", "title: Atgyfeirio teulu\nsummary: Sut i atgyfeirio"),
        }
    )
    [found] = load_profile(folder, on=TODAY).pages
    assert found.welsh.name == "referral.cy.md"
    assert (found.title_cy, found.summary_cy) == ("Atgyfeirio teulu", "Sut i atgyfeirio")
    assert found.source(welsh=True) == found.welsh and found.source(welsh=False) == found.path


# Each construct outside the subset, and the one line that refuses it.
REFUSED = [
    ("<b>bold</b> words", "1: raw HTML (<b>) is not allowed here"),
    ("<div>\nblock\n</div>", "1: raw HTML (<div>) is not allowed here"),
    ("<script>alert(1)</script>", "1: raw HTML (<script>alert(1)</script>) is not allowed here"),
    (
        "```{eval-rst}\n.. raw:: html\n\n   <b>x</b>\n```",
        "1: the directive {eval-rst} is not allowed here",
    ),
    ("```{raw} html\n<b>x</b>\n```", "1: the directive {raw} is not allowed here"),
    ("```{include} ../profile.toml\n```", "1: the directive {include} is not allowed here"),
    (
        "```{literalinclude} ../profile.toml\n```",
        "1: the directive {literalinclude} is not allowed here",
    ),
    (
        "```{csv-table}\n:file: ../services.csv\n```",
        "1: the directive {csv-table} is not allowed here",
    ),
    ("```{toctree}\n/about/index\n```", "1: the directive {toctree} is not allowed here"),
    (
        "```{checklist} Mine\n:id: mine\n\n- one\n```",
        "1: the directive {checklist} is not allowed here",
    ),
    ("{eval-rst}`x`", "1: the role {eval-rst} is not allowed here"),
    ("{raw-html}`<b>x</b>`", "1: the role {raw-html} is not allowed here"),
    ("{download}`the profile <../profile.toml>`", "1: the role {download} is not allowed here"),
    ("[run](javascript:alert(1))", "1: a javascript: link is not allowed here"),
    ("[run](JavaScript:alert(1))", "1: a javascript: link is not allowed here"),
    ("[page](data:text/html,<b>x</b>)", "1: a data: link is not allowed here"),
    ("[run](vbscript:msgbox)", "1: a vbscript: link is not allowed here"),
    ("[file](file:///etc/passwd)", "1: a file: link is not allowed here"),
    ("[settings](../profile.toml)", "1: the link '../profile.toml' is not allowed here"),
    ("```python\nprint(1)\n```", "1: a code block is not allowed here"),
    ("`code`", "1: code is not allowed here"),
    ("(target)=\n\nText.", "1: a target, (name)= is not allowed here"),
    ("```{note} A title\nText.\n```", "1: a title or option on {note} is not allowed here"),
    ("```{note}\n<i>inside</i> a note\n```", "2: raw HTML (<i>) is not allowed here"),
    (
        "```{signposting}\n:tier: help\n\nSome text.\n```",
        "4: text inside {signposting} is not allowed here: it takes only options",
    ),
    (
        "# A second title",
        "1: a page's title comes from its front matter (title:): start its headings at ##",
    ),
    ("![x](https://example.org/track.png)", "1: an image from another site is not allowed here"),
    ("Text {text-align=center}", ""),  # attributes MyST ignores are inert text
]


@pytest.mark.parametrize(("body", "expected"), REFUSED, ids=[b[:30] for b, _ in REFUSED])
def test_each_construct_outside_the_subset_is_refused_with_its_line(area, body, expected):
    folder = area({"hostile.md": page(body)})
    problems = problems_of(folder)
    if not expected:
        assert problems == []
        return
    line, message = expected.split(": ", 1)
    wanted = f"pages/hostile.md:{4 + int(line)}: {message}"
    assert [p for p in problems if p.startswith(wanted)], problems


def test_every_problem_in_every_page_is_listed_at_once(area):
    folder = area(
        {
            "one.md": page("<b>x</b>\n\n[run](javascript:alert(1))"),
            "two.md": page("```{include} x.md\n```", front="summary: no title"),
        }
    )
    problems = problems_of(folder)
    assert len(problems) == 4, problems
    assert any("two.md:2: title: is missing" in p for p in problems)


def test_template_syntax_is_ordinary_text(area):
    body = "{{ config.local_profile }} {% include 'x' %} ${HOME} $(id) {{7*7}}"
    assert problems_of(area({"jinja.md": page(body)})) == []


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: " + "x" * 10_000, "title: is 10000 characters long; it may be at most 150"),
        ("title: A\nmyst:\n  substitutions:\n    key: value", "3: unknown key 'myst'"),
        ("title: A\nsource: guidance", "3: unknown key 'source'"),
        ("title: A\nlast_reviewed: 2030-01-01", "last_reviewed: 2030-01-01 is in the future"),
        ("title: [a, b]", "title: must be text"),
        ("title: &a A\nsummary: *a", "front matter is not valid YAML: anchors and aliases"),
        ("summary: no title", "title: is missing"),
    ],
)
def test_front_matter_is_checked_against_its_declaration(area, front, expected):
    problems = problems_of(area({"front.md": page("Text.", front)}))
    assert any(expected in p for p in problems), problems


def test_a_page_larger_than_its_limit_is_refused_before_it_is_read(area, monkeypatch):
    folder = area({"huge.md": page("Text.")})
    with open(folder / "pages" / "huge.md", "ab") as handle:
        handle.truncate(20 * 1024 * 1024)  # 20 MiB, sparse
    read = []
    monkeypatch.setattr(pages.files, "logo", lambda path: read.append(path))
    [problem] = problems_of(folder)
    assert problem == "pages/huge.md: is 20.0 MiB; a page may be at most 256 KiB"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Referral Pathway.md", "a page's file name must be lower-case words joined by hyphens"),
        ("referral_pathway.md", "a page's file name must be lower-case words joined by hyphens"),
        ("..md", "a page's file name must be lower-case words joined by hyphens"),
        ("index.md", "'index.md' is the name of the guide's own list of local pages"),
        ("orphan.cy.md", "is a Welsh page without its English page orphan.md"),
    ],
)
def test_page_names_are_slugs_and_never_the_index(area, name, expected):
    problems = problems_of(area({name: page("Text.")}))
    assert any(expected in p for p in problems), problems


def test_a_page_or_the_pages_folder_linked_from_outside_is_refused(tmp_path, area):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.md").write_text(page("Secret."), encoding="utf-8")
    folder = area({})
    (folder / "pages" / "x.md").symlink_to(outside / "secret.md")
    assert problems_of(folder) == [
        "pages/x.md: 'x.md' is a link to a file outside the profile folder"
    ]
    (folder / "pages" / "x.md").unlink()
    (folder / "pages").rmdir()
    (folder / "pages").symlink_to(outside)
    assert problems_of(folder) == ["pages: must be a folder inside the profile folder"]


def test_images_come_only_from_the_pages_folder_and_are_judged_by_content(tmp_path, area):
    outside = tmp_path.parent / f"{tmp_path.name}-images"
    outside.mkdir()
    (outside / "photo.png").write_bytes(PNG)
    folder = area(
        {
            "a.md": page(
                "![up](../logo.png)\n\n![abs](/etc/x.png)\n\n![link](linked.png)\n\n"
                "![svg](bad.svg)\n\n![text](fake.png)\n\n![missing](nothing.png)"
            ),
            "bad.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "fake.png": "not an image",
        }
    )
    (folder / "logo.png").write_bytes(PNG)
    (folder / "pages" / "linked.png").symlink_to(outside / "photo.png")
    problems = problems_of(folder)
    assert problems == [
        "pages/a.md:5: image: '../logo.png' leads out of the pages folder: name a file inside it",
        "pages/a.md:7: image: '/etc/x.png' is an absolute path: name a file inside the pages folder",
        "pages/a.md:9: image: 'linked.png' is a link to a file outside the pages folder",
        "pages/a.md:11: image: 'bad.svg' contains a <script> element; remove it, or use a PNG instead",
        "pages/a.md:13: image: 'fake.png' is not a PNG, JPEG or SVG image",
        "pages/a.md:15: image: 'nothing.png' is not a file in the pages folder",
    ]


def test_too_many_pages_are_refused(area):
    folder = area({f"p{n}.md": page("Text.") for n in range(pages.PAGES_LIMIT + 1)})
    assert problems_of(folder) == [f"pages: holds {pages.PAGES_LIMIT + 1} pages; at most 100"]


def test_no_pages_folder_means_no_pages(tmp_path):
    (tmp_path / "profile.toml").write_text(PROFILE, encoding="utf-8")
    assert load_profile(tmp_path, on=TODAY).pages == []


def test_a_refused_page_stops_the_profile_loading(area):
    folder = area({"bad.md": page("<b>x</b>")})
    with pytest.raises(ProfileDataError):
        load_profile(folder, on=TODAY)


def test_in_wales_a_page_without_its_welsh_page_is_listed_or_required(area):
    files = {"a.md": page("Text."), "b.md": page("Text."), "b.cy.md": page("Testun.")}
    folder = area(files, toml="")
    text = (folder / "profile.toml").read_text(encoding="utf-8")
    (folder / "profile.toml").write_text(
        text.replace('nation = "england"', 'nation = "wales"').replace(
            'name = "Testshire"', 'name = "Testshire"\nname_cy = "Sir Brawf"'
        ),
        encoding="utf-8",
    )
    from profiledata.profile import lacking_welsh

    lacking = lacking_welsh(load_profile(folder, on=TODAY))
    assert [(what, fields) for what, fields, _ in lacking] == [("page 'a'", ["pages/a.cy.md"])]
    (folder / "profile.toml").write_text(
        text.replace('nation = "england"', 'nation = "wales"\nwelsh = "required"').replace(
            'name = "Testshire"', 'name = "Testshire"\nname_cy = "Sir Brawf"'
        ),
        encoding="utf-8",
    )
    assert problems_of(folder) == [
        'pages/a.md: has no Welsh page: add pages/a.cy.md ([area] welsh is "required")'
    ]
