"""A hostile profile: every path escape, size limit, unreadable file and unsafe value.

Each case asserts the exact message the administrator gets. Markup and template syntax in
text fields are tested on the built pages in ``tests/site/test_hostile_profile.py``.
"""

import os
import subprocess
import sys

import pytest
from helpers import ROOT
from profile_helpers import BASE, TODAY, problems_of, yaml_for
from profiledata.profile import load_profile

pytestmark = pytest.mark.unit

GOOD = '[area]\nname = "Testshire"\nnation = "england"\n'
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def write_profile(folder, toml, files=None):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.toml").write_text(toml, encoding="utf-8")
    for name, content in (files or {}).items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def with_logo(name, alt="Testshire Council"):
    return GOOD + f'logo = "{name}"\nlogo_alt = "{alt}"\n'


def with_sources(*names):
    quoted = ", ".join(f"'{n}'" for n in names)
    return GOOD + f"[directory]\nsources = [{quoted}]\ninclude_national = false\n"


# --- every path a profile names stays inside its folder --------------------------------------

PATH_ESCAPES = [
    (with_logo("../outside.svg"), "profile.toml:4: [area] logo: '../outside.svg' leads out of the profile folder: name a file inside it"),
    (with_logo("/etc/passwd.svg"), "profile.toml:4: [area] logo: '/etc/passwd.svg' is an absolute path: name a file inside the profile folder"),
    (with_logo("C:\\\\logo.svg"), "profile.toml:4: [area] logo: 'C:\\\\logo.svg' is an absolute path: name a file inside the profile folder"),
    (with_logo("..\\\\outside.svg"), "profile.toml:4: [area] logo: '..\\\\outside.svg' leads out of the profile folder: name a file inside it"),
    (with_sources("../outside.yaml"), "profile.toml:5: [directory] sources: '../outside.yaml' leads out of the profile folder: name a file inside it"),
    (with_sources("/etc/passwd.csv"), "profile.toml:5: [directory] sources: '/etc/passwd.csv' is an absolute path: name a file inside the profile folder"),
    (with_sources("sub/../../outside.yaml"), "profile.toml:5: [directory] sources: 'sub/../../outside.yaml' leads out of the profile folder: name a file inside it"),
    (with_sources("/proc/self/environ"), "profile.toml:5: [directory] sources: '/proc/self/environ' is an absolute path: name a file inside the profile folder"),
]  # fmt: skip


@pytest.mark.parametrize(("toml", "expected"), PATH_ESCAPES)
def test_names_leading_out_of_the_folder_are_refused(tmp_path, toml, expected):
    folder = write_profile(tmp_path / "profile", toml)
    (tmp_path / "outside.svg").write_text(SVG.format(""))
    (tmp_path / "outside.yaml").write_text(yaml_for([BASE]))
    assert problems_of(folder) == [expected]


@pytest.mark.parametrize(
    ("toml", "link", "target", "expected"),
    [
        (with_logo("logo.svg"), "logo.svg", "/etc/passwd", "profile.toml:4: [area] logo: 'logo.svg' is a link to a file outside the profile folder"),
        (with_sources("s.yaml"), "s.yaml", "/etc/passwd", "profile.toml:5: [directory] sources: 's.yaml' is a link to a file outside the profile folder"),
        (with_sources("s.csv"), "s.csv", "/proc/self/environ", "profile.toml:5: [directory] sources: 's.csv' is a link to a file outside the profile folder"),
        (with_sources("data/s.yaml"), "data", "..", "profile.toml:5: [directory] sources: 'data/s.yaml' is not a file in the profile folder"),
        (with_sources("gone.yaml"), "gone.yaml", "/nowhere/at/all", "profile.toml:5: [directory] sources: 'gone.yaml' is not a file in the profile folder"),
    ],
)  # fmt: skip
def test_symbolic_links_leading_out_are_refused(tmp_path, toml, link, target, expected):
    folder = write_profile(tmp_path / "profile", toml)
    (folder / link).symlink_to(target)
    assert problems_of(folder) == [expected]


def test_a_link_inside_the_folder_is_followed(tmp_path):
    folder = write_profile(
        tmp_path / "profile", with_sources("s.yaml"), {"real.yaml": yaml_for([BASE])}
    )
    (folder / "s.yaml").symlink_to("real.yaml")
    assert [s.id for s in load_profile(folder, on=TODAY).services] == ["stay-and-play"]


# --- sizes are bounded before anything is parsed ---------------------------------------------


def big(path, size):
    """A sparse file: its size is real, its bytes are never written."""
    with open(path, "wb") as handle:
        handle.truncate(size)


def test_profile_toml_over_1_mib(tmp_path):
    folder = write_profile(tmp_path / "p", "")
    big(folder / "profile.toml", 1024 * 1024 + 1)
    assert problems_of(folder) == ["profile.toml: is 1.0 MiB; profile.toml may be at most 1.0 MiB"]


def test_services_file_over_10_mib(tmp_path):
    folder = write_profile(tmp_path / "p", with_sources("s.yaml"))
    big(folder / "s.yaml", 60 * 1024 * 1024)
    assert problems_of(folder) == ["s.yaml: is 60.0 MiB; a services file may be at most 10.0 MiB"]


def test_a_300_mb_logo(tmp_path):
    folder = write_profile(tmp_path / "p", with_logo("logo.png"))
    big(folder / "logo.png", 300 * 1000 * 1000)
    assert problems_of(folder) == [
        "profile.toml:4: [area] logo: is 286.1 MiB; a logo may be at most 1.0 MiB"
    ]


def test_more_than_10000_services(tmp_path):
    header = "id,name,organisation,tier,summary,stages,access,phone,last_reviewed\n"
    rows = "".join(
        f"s-{n},Name,Org,help,Summary,pregnancy,drop-in,0113 843 0841,2026-01-01\n"
        for n in range(10_001)
    )
    folder = write_profile(tmp_path / "p", with_sources("s.csv"), {"s.csv": header + rows})
    assert problems_of(folder) == [
        "s.csv: brings the number of services past 10,000, the most a directory may hold"
    ]


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for letter, previous in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += (
            f"{letter}: &{letter} [*{previous},*{previous},*{previous},*{previous},*{previous}]\n"
        )
    folder = write_profile(tmp_path / "p", with_sources("s.yaml"), {"s.yaml": bomb})
    assert problems_of(folder) == [
        "s.yaml:1: is not valid YAML: anchors and aliases (& and *) are not allowed in a services file"
    ]


def test_an_alias_inside_a_service_is_refused(tmp_path):
    text = yaml_for([BASE]) + "  address: &place Leeds\n- <<: *place\n"
    folder = write_profile(tmp_path / "p", with_sources("s.yaml"), {"s.yaml": text})
    assert problems_of(folder) == [
        "s.yaml:10: is not valid YAML: anchors and aliases (& and *) are not allowed in a services file"
    ]


def test_toml_nested_50000_deep(tmp_path):
    folder = write_profile(tmp_path / "p", GOOD + "deep = " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert problems_of(folder) == ["profile.toml: is not valid TOML: it is nested too deeply"]


def test_yaml_nested_50000_deep(tmp_path):
    folder = write_profile(
        tmp_path / "p", with_sources("s.yaml"), {"s.yaml": "[" * 50_000 + "]" * 50_000}
    )
    assert problems_of(folder) == ["s.yaml: is not valid YAML: it is nested too deeply"]


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", 200), ("organisation", 200), ("cost", 200), ("area", 100), ("address", 500), ("opening_times", 500), ("name_cy", 200)],
)  # fmt: skip
def test_every_text_field_is_bounded(profile, field, limit):
    service = dict(BASE, **{field: "x" * (limit + 1)})
    folder = profile(yaml=yaml_for([service]))
    line = list(service).index(field) + 1
    assert problems_of(folder) == [
        f"services.yaml:{line}: service 'stay-and-play': {field} is {limit + 1} characters long; it may be at most {limit}"
    ]


# --- files that cannot be read: a message, never a traceback ---------------------------------

UNREADABLE = [
    ("", "profile.toml: [area]: is missing: every profile needs [area] with name and nation"),
    ("[[front_door]]\nname = 'x'\n" + GOOD, "profile.toml:1: [front_door]: must be a table, written [front_door] on a line of its own"),
    (GOOD + '[ "safeguarding" ]\nphone = "0113 843 0841"\n', "profile.toml:4: [safeguarding] summary: is missing"),
    ('area.name = "T"\narea.nation = "mars"\n', "profile.toml:2: [area] nation: 'mars' is not one of: england, wales"),
    ('name = "Testshire"\n', "profile.toml:1: [name]: unknown table"),
    ("[directory]\n", "profile.toml: [area]: is missing: every profile needs [area] with name and nation"),
    (GOOD + "[front_door]\nname = '''\nname = 1\n'''\nwebsite = 'ftp://x'\n", "profile.toml:8: [front_door] website: 'ftp://x' must start with https:// (or http://)"),
]  # fmt: skip


@pytest.mark.parametrize(("toml", "expected"), UNREADABLE)
def test_profile_toml_shapes(tmp_path, toml, expected):
    assert expected in problems_of(write_profile(tmp_path / "p", toml))


def test_profile_toml_in_utf_16(tmp_path):
    folder = write_profile(tmp_path / "p", "")
    (folder / "profile.toml").write_bytes(GOOD.encode("utf-16"))
    assert problems_of(folder) == ["profile.toml:1: is not UTF-8 text: save it as UTF-8"]


def test_profile_toml_is_a_folder(tmp_path):
    (tmp_path / "p" / "profile.toml").mkdir(parents=True)
    assert problems_of(tmp_path / "p") == ["profile.toml: is a folder; it must be a file"]


def test_the_profile_folder_does_not_exist(tmp_path):
    assert problems_of(tmp_path / "mistyped") == [
        f"{tmp_path / 'mistyped'}: does not exist: PROFILE must name a profile folder holding profile.toml"
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("s.yaml", b"- id: x\n  name: \xff\xfe\n", "s.yaml:2: is not UTF-8 text: save it as 'CSV UTF-8' or UTF-8"),
        ("s.csv", b"id,name\n\"x,unterminated\n", "s.csv:2: is not valid CSV: unexpected end of data"),
        ("s.csv", b"id,name\nx,\x00y\n", "s.csv:2: service 'x': name contains a control character"),
        ("s.yaml", b"- id: x\n\tname: y\n", "s.yaml:2: is not valid YAML: found character '\\t' that cannot start any token"),
        ("s.yaml", b"- id: !!python/object/apply:os.system ['id']\n", "s.yaml:1: service 1: id: cannot be read (could not determine a constructor for the tag"),
        ("s.yaml", b"- id: x\n  name: \x07\n", "s.yaml:2: is not valid YAML: the character U+0007 is not allowed"),
    ],
)  # fmt: skip
def test_services_files_that_cannot_be_read(tmp_path, name, content, expected):
    folder = write_profile(tmp_path / "p", with_sources(name), {name: content})
    problems = problems_of(folder)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_services_file_that_is_a_folder(tmp_path):
    folder = write_profile(tmp_path / "p", with_sources("s.yaml"))
    (folder / "s.yaml").mkdir()
    assert problems_of(folder) == [
        "profile.toml:5: [directory] sources: 's.yaml' is not a file in the profile folder"
    ]


# --- logos are judged by what is in them -----------------------------------------------------

LOGOS = [
    (SVG.format("<script>alert(1)</script>"), "'logo.svg' contains a <script> element; remove it, or use a PNG instead"),
    (SVG.format('<rect onload="alert(1)" width="1" height="1"/>'), "'logo.svg' contains an event attribute (onload=); remove it, or use a PNG instead"),
    (SVG.format("<foreignObject><p>hi</p></foreignObject>"), "'logo.svg' contains a <foreignobject> element; remove it, or use a PNG instead"),
    (SVG.format('<image href="https://elsewhere.example/track.png"/>'), "'logo.svg' refers to something outside the image (href='https://elsewhere.example/track.png'); remove it, or use a PNG instead"),
    (SVG.format('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#a"/>'), "'logo.svg' refers to something outside the image (href='other.svg#a'); remove it, or use a PNG instead"),
    (SVG.format('<rect style="fill: url(https://elsewhere.example/x)"/>'), "'logo.svg' refers to something outside the image (style=); remove it, or use a PNG instead"),
    (SVG.format("<style>@import 'https://elsewhere.example/x.css';</style>"), "'logo.svg' has a stylesheet that refers to something outside the image; remove it, or use a PNG instead"),
    ('<?xml-stylesheet href="https://elsewhere.example/x.css"?>' + SVG.format(""), "'logo.svg' loads a stylesheet from elsewhere (<?xml-stylesheet?>); remove it, or use a PNG instead"),
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG.format("&a;"), "'logo.svg' declares a DTD or entities, which a logo never needs; remove it, or use a PNG instead"),
    (SVG.format('<a href="javascript:alert(1)"><rect/></a>'), "'logo.svg' refers to something outside the image (href='javascript:alert(1)'); remove it, or use a PNG instead"),
    (SVG.format('<set attributeName="href" to="javascript:alert(1)"/>'), "'logo.svg' contains an <set> that changes a link; remove it, or use a PNG instead"),
    ("<html><body><script>alert(1)</script></body></html>", "'logo.svg' is not a PNG, JPEG or SVG image"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "expected"), LOGOS)
def test_unsafe_or_false_logos_are_refused(tmp_path, content, expected):
    folder = write_profile(tmp_path / "p", with_logo("logo.svg"), {"logo.svg": content})
    assert problems_of(folder) == [f"profile.toml:4: [area] logo: {expected}"]


def test_a_logo_is_judged_by_its_content_not_its_name(tmp_path):
    folder = write_profile(tmp_path / "p", with_logo("logo.svg"), {"logo.svg": PNG})
    assert load_profile(folder, on=TODAY).logo.format == "png"
    folder = write_profile(
        tmp_path / "q", with_logo("logo.png"), {"logo.png": SVG.format("<rect/>")}
    )
    logo = load_profile(folder, on=TODAY).logo
    assert logo.format == "svg" and logo.published_name == "area-logo.svg"


# --- values that would become unsafe links ---------------------------------------------------

LINKS = [
    ("email", "x?subject=Hi&body=Visit@nhs.net", "email 'x?subject=Hi&body=Visit@nhs.net' is not a plain email address: before the @ use only letters, digits and . _ ' + -"),
    ("email", "a%0Abcc=b@nhs.net", "email 'a%0Abcc=b@nhs.net' is not a plain email address"),
    ("email", '"quoted local"@nhs.net', "email '\"quoted local\"@nhs.net' is not a plain email address"),
    ("email", "someone@nhs.net?cc=other@x.org", "email 'someone@nhs.net?cc=other@x.org' is not a plain email address"),
    ("website", "https://user:secret@example.org/", "website 'https://user:secret@example.org/' must not contain a user name or password"),
    ("website", "javascript://example.org/%0aalert(1)", "website 'javascript://example.org/%0aalert(1)' must start with https:// (or http://)"),
    ("phone", "0113 843 0841 ext two", "phone '0113 843 0841 ext two' is not a valid UK phone number"),
]  # fmt: skip


@pytest.mark.parametrize(("field", "value", "expected"), LINKS)
def test_link_values_that_could_do_more_than_link(profile, field, value, expected):
    service = dict(BASE, **{field: value})
    folder = profile(yaml=yaml_for([service]))
    line = list(service).index(field) + 1
    problems = problems_of(folder)
    assert any(
        p.startswith(f"services.yaml:{line}: service 'stay-and-play': {expected}") for p in problems
    ), problems


def test_upper_case_schemes_are_accepted_and_written_in_lower_case(profile):
    service = dict(BASE, website="HTTPS://Example.org/Page")
    directory = load_profile(profile(yaml=yaml_for([service])), on=TODAY)
    assert directory.services[0].website == "https://Example.org/Page"


def test_control_characters_in_text(profile):
    service = dict(BASE, name="Stay\\a and play")  # YAML's escape for the bell character
    problems = problems_of(profile(yaml=yaml_for([service])))
    assert problems == [
        "services.yaml:2: service 'stay-and-play': name contains a control character; type the text again without it"
    ]


# --- whole commands: every problem, no traceback, nothing written ----------------------------

COMMAND_CASES = {
    "no-folder": (None, "does not exist: PROFILE must name a profile folder holding profile.toml"),
    "empty": ("", "profile.toml: [area]: is missing"),
    "utf-16": (GOOD.encode("utf-16"), "profile.toml:1: is not UTF-8 text"),
    "array-of-tables": (
        "[[front_door]]\nname='x'\n" + GOOD,
        "profile.toml:1: [front_door]: must be a table",
    ),
    "nested": (
        GOOD + "x = " + "[" * 50_000 + "]" * 50_000,
        "profile.toml: is not valid TOML: it is nested too deeply",
    ),
}


def run_command(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.mark.parametrize("case", list(COMMAND_CASES))
def test_sphinx_build_prints_the_problem_and_no_traceback(tmp_path, case):
    content, expected = COMMAND_CASES[case]
    folder = tmp_path / "my profile"
    if content is not None:
        folder.mkdir()
        data = content.encode() if isinstance(content, str) else content
        (folder / "profile.toml").write_bytes(data)
    out = tmp_path / "out"
    result = run_command(
        "-m", "sphinx", "-q", "-c", str(ROOT), "-D", f"local_profile={folder}", str(ROOT / "docs"), str(out)
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr
    assert expected in result.stderr
    assert result.stderr.rstrip().endswith("; nothing was built.")
    assert not out.exists() or not any(out.iterdir()), "Sphinx makes the folder; nothing in it"


def test_check_lists_every_problem_in_every_file(tmp_path):
    service = dict(BASE, email="x?subject=y@nhs.net", website="ftp://x")
    folder = write_profile(
        tmp_path / "p",
        with_logo("logo.svg") + '[checklists]\nremember_ticks = "forever"\n[directory]\nsources = ["s.yaml"]\ninclude_national = false\n',
        {"logo.svg": SVG.format("<script/>"), "s.yaml": yaml_for([service])},
    )  # fmt: skip
    result = run_command("-m", "guide", "check", "--profile", str(folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 5, lines
    assert lines[-1].startswith("4 problems in the local profile")
    assert "[area] logo: 'logo.svg' contains a <script> element" in lines[0]
    assert "[checklists] remember_ticks: 'forever' is not one of: tab, device, off" in lines[1]
    assert "s.yaml:10: service 'stay-and-play': email 'x?subject=y@nhs.net'" in lines[2]
    assert "s.yaml:11: service 'stay-and-play': website 'ftp://x'" in lines[3]
