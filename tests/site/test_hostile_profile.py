"""The whole site built with a hostile profile: markup and template syntax in every text field
come out as text, nothing runs, no file from elsewhere is published, and a build that fails
late leaves the last good site in place."""

import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import ROOT, inline_code

pytestmark = pytest.mark.site

MARKER = Path("/tmp/pg-ran")  # short: the area name may be 100 characters

# (where it goes, the value, a page it must appear on as text)
PAYLOADS = [
    ("area.name", "Leeds {{ cycler.__init__.__globals__.os.system('touch " + str(MARKER) + "') }}", "quick-reference/where-to-turn-locally.html"),
    ("area.logo_alt", '"><img src=x onerror=alert(3)>', "index.html"),
    ("front_door.name", "</script><script>alert(4)</script>", "directory/index.html"),
    ("front_door.opening_times", "![x](https://elsewhere.example/track.png)", "directory/index.html"),
    ("safeguarding.summary", ":::{include} /etc/passwd ::: {eval-rst} .. raw:: html <b>x</b>", "directory/index.html"),
    ("service.name", "<b>bold</b> {{ 7*7 }}", "directory/index.html"),
    ("service.organisation", "{% for x in range(3) %}loop{% endfor %}", "directory/index.html"),
    ("service.summary", "```{raw} html <script>alert(5)</script> ``` {{ env.config }}", "directory/index.html"),
    ("service.address", "[click](javascript:alert(6)) <a href=javascript:alert(7)>a</a>", "directory/index.html"),
    ("service.opening_times", "|area_name| ${area} %(area)s {0.__class__}", "directory/index.html"),
    ("service.cost", "**free** <!-- hidden -->", "directory/index.html"),
    ("service.area", "&amp; &lt;script&gt;", "directory/index.html"),
    ("service.name_cy", "<i>Cymraeg</i> {{ 8*8 }}", "directory.json"),
]  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def tags(html):
    """Every real start tag and its attributes, as a browser would parse them."""
    parser = _Tags()
    parser.feed(html)
    return parser.found


def toml_string(value):
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def write_hostile_profile(folder):
    values = {key: value for key, value, _ in PAYLOADS}
    folder.mkdir(parents=True)
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>'
    )
    service = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("service.")}
    service |= {
        "id": "hostile", "tier": "help", "stages": ["first-year"], "access": ["drop-in"],
        "phone": "0113 843 0841 ext 2", "email": "team@example.org",
        "website": "HTTPS://example.org/", "last_reviewed": "2026-01-01",
    }  # fmt: skip
    (folder / "services.yaml").write_text(json.dumps([service]), encoding="utf-8")  # JSON is YAML
    (folder / "profile.toml").write_text(
        f"""[area]
name = {toml_string(values["area.name"])}
nation = "england"
logo = "logo.svg"
logo_alt = {toml_string(values["area.logo_alt"])}

[front_door]
name = {toml_string(values["front_door.name"])}
phone = "0113 843 0841 ext 2"
opening_times = {toml_string(values["front_door.opening_times"])}

[safeguarding]
summary = {toml_string(values["safeguarding.summary"])}

[directory]
sources = ["services.yaml"]
""",
        encoding="utf-8",
    )


def guide(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")}
    return subprocess.run(
        [sys.executable, "-m", "guide", *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The site built by ``python -m guide build`` into a folder with a space and an accent."""
    MARKER.unlink(missing_ok=True)
    work = tmp_path_factory.mktemp("hostile")
    profile = work / "prófile with spaces"
    write_hostile_profile(profile)
    builddir = work / "büild dir"
    result = guide("build", "--profile", str(profile), "--builddir", str(builddir))
    return result, builddir / "html", profile, builddir


def test_the_hostile_profile_builds(hostile):
    result, out, _, _ = hostile
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").exists()


def test_no_template_ran(hostile):
    assert not MARKER.exists(), "a template in the area's name ran a shell command"


@pytest.mark.parametrize(("where", "value", "page"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_each_payload_is_published_as_the_text_it_is(hostile, where, value, page):
    _, out, _, _ = hostile
    published = (out / page).read_text(encoding="utf-8")
    if page.endswith(".json"):
        assert "<" not in published and ">" not in published, "markup characters as JSON escapes"
        assert value in json.dumps(json.loads(published), ensure_ascii=False)
        return
    text = unescape(re.sub(r"<[^>]+>", " ", published))
    assert " ".join(value.split()) in " ".join(text.split()) or value in unescape(published)


def test_no_page_holds_live_markup_or_another_host(hostile):
    _, out, _, _ = hostile
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 35
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(out).as_posix()
        assert inline_code(html) == [], name
        sources = [v for tag, attrs in tags(html) for k, v in attrs if k in ("src", "href")]
        assert not [
            v for v in sources if re.match(r"(?i)\s*(https?:)?//elsewhere|x$|javascript:", v or "")
        ], name
        assert not [t for t, _ in tags(html) if t in ("iframe", "object", "embed")], name
        assert "<b>bold</b>" not in html and "<i>Cymraeg</i>" not in html, name
        assert "root:x:0:0" not in html, name
        assert "49" not in re.sub(r"<[^>]+>", "", html).split("{{ 7*7 }}")[0][-5:], name


def test_links_are_safe_and_the_extension_is_dialled(hostile):
    _, out, _, _ = hostile
    directory = (out / "directory/index.html").read_text(encoding="utf-8")
    assert 'href="tel:+441138430841;ext=2">0113 843 0841 ext 2</a>' in directory
    assert 'href="https://example.org/"' in directory


def test_the_logo_is_published_under_the_guides_own_name(hostile):
    _, out, _, _ = hostile
    assert (out / "_static" / "area-logo.svg").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'src="_static/area-logo.svg"' in home
    assert 'alt="&#34;&gt;&lt;img src=x onerror=alert(3)&gt;"' in home or (
        'alt="&quot;&gt;&lt;img src=x onerror=alert(3)&gt;"' in home
    )


def test_a_failed_build_leaves_the_last_good_site(hostile):
    """The profile breaks after a good build: the command fails and html/ is unchanged."""
    _, out, profile, builddir = hostile
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    toml = profile / "profile.toml"
    good = toml.read_text(encoding="utf-8")
    toml.write_text(good.replace('nation = "england"', 'nation = "mars"'), encoding="utf-8")
    try:
        result = guide("build", "--profile", str(profile), "--builddir", str(builddir))
    finally:
        toml.write_text(good, encoding="utf-8")
    assert result.returncode == 2
    assert "[area] nation: 'mars' is not one of: england, wales" in result.stderr
    assert "was not changed (the last good site is still there)" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_late_failure_replaces_nothing_and_the_next_build_reads_every_page(
    tmp_path, monkeypatch, capfd
):
    """A warning in a page fails the build after every page was written: html/ stays as it
    was, and the next build shows the warning again instead of passing the page over."""
    import guide.build

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(guide.build, "DOCS", docs)
    builddir = tmp_path / "build"
    assert guide.build.build("local/default", builddir) == 0
    out = builddir / "html"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    page = docs / "about" / "changelog.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{doc}`/no/such/page`\n")
    capfd.readouterr()
    for _ in range(2):
        assert guide.build.build("local/default", builddir) != 0
        assert "no/such/page" in capfd.readouterr().err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
