"""An area's own pages in the built site: where they are, what heads them, how they are reached
(navigation, the Local pathway page, step 3, the directory, search, the offline list), Welsh
counterparts, and a hostile page that stops the build with one line and changes nothing."""

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from urllib.parse import unquote

import pytest
from helpers import ROOT, guide_build, visible_text
from test_performance import within_budget

pytestmark = pytest.mark.site

LEEDS = "local/examples/leeds"
WALES = "tests/fixtures/local-pages"


@pytest.fixture(scope="module")
def leeds(example_builds):
    result, out = example_builds[LEEDS]
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def wales(builds):
    result, out = builds[WALES]
    assert result.returncode == 0, result.stderr
    return out


def read(path):
    return path.read_text(encoding="utf-8")


def test_a_page_is_built_at_local_name_and_says_the_area_wrote_it(leeds):
    html = read(leeds / "local" / "early-attachment-observation.html")
    text = visible_text(html)
    assert "<h1>The Leeds Early Attachment Observation in Leeds" in html
    assert (
        "Written by Leeds for its practitioners, not by the authors of the guidance this guide "
        "is built on." in text
    )
    assert "Needs review: no review date is given." in text  # the example gives none
    assert "Written by the local area for its own practitioners" in text  # its Source box
    assert 'href="../framework/leeds-early-attachment-observation.html"' in html
    links = {unquote(unescape(href)) for href in re.findall(r'href="([^"]+)"', html)}
    assert {"tel:+441138430841", "mailto:leedsimh@nhs.net"} <= links
    assert "localpages.css" in html


def test_the_pages_are_listed_in_the_navigation_and_on_the_local_pathway_page(leeds):
    home = read(leeds / "index.html")
    nav = home[
        home.index('class="site-nav"') : home.index("</nav>", home.index('class="site-nav"'))
    ]
    assert "In Leeds" in nav and 'href="local/index.html"' in nav
    listing = read(leeds / "local" / "index.html")
    assert 'href="early-attachment-observation.html"' in listing
    assert "How the Leeds EAO is used at the 6 to 8-week contact" in listing
    assert "Needs review." in visible_text(listing)


@pytest.mark.parametrize("page", ["framework/step-3.html", "directory/index.html"])
def test_step_3_and_the_directory_lead_to_the_area_s_pages(leeds, site, page):
    assert 'href="../local/index.html"' in read(leeds / page)
    assert "local/index.html" not in read(site / page)  # an area without pages: no line
    assert not (site / "local").exists()


def test_search_and_the_offline_list_include_the_pages(leeds):
    index = read(leeds / "searchindex.js")
    assert '"local/early-attachment-observation"' in index
    assert "The Leeds Early Attachment Observation in Leeds" in index
    kept = {entry["url"] for entry in json.loads(read(leeds / "offline.json"))["files"]}
    assert {"local/index.html", "local/early-attachment-observation.html"} <= kept


def test_a_welsh_counterpart_is_the_welsh_site_s_page_linked_both_ways(wales):
    english = read(wales / "local" / "referral-pathway.html")
    welsh = read(wales / "cy" / "local" / "referral-pathway.html")
    assert "<h1>Referring a family in Testshire" in english
    assert "<h1>Atgyfeirio teulu yn Sir Brawf" in welsh
    assert 'hreflang="cy"' in english and 'href="../cy/local/referral-pathway.html"' in english
    assert 'hreflang="en"' in welsh and 'href="../../local/referral-pathway.html"' in welsh
    body = welsh[welsh.index('id="main-content"') : welsh.index("page-source")]
    assert 'lang="en"' not in body  # written in Welsh: nothing marked English
    assert "translation-notice" not in body
    assert "Ysgrifennwyd y dudalen hon yn lleol (Sir Brawf)" in body
    assert (wales / "cy" / "_images" / "map.png").exists()


def test_a_page_without_a_welsh_counterpart_is_english_under_the_notice(wales):
    welsh = read(wales / "cy" / "local" / "training.html")
    assert "translation-notice" in welsh
    assert re.search(r'<p class="language-en"[^>]*lang="en"[^>]*>A half-day course', welsh) or (
        re.search(r'<p[^>]*lang="en"[^>]*>A half-day course', welsh)
    )
    # Template syntax in a page is text.
    assert "{{ config.local_profile }} {% raw %}." in visible_text(welsh)


def test_check_refuses_a_hostile_page_as_the_build_does(tmp_path):
    profile = tmp_path / "area"
    shutil.copytree(ROOT / WALES, profile)
    (profile / "pages" / "training.md").write_text(
        "---\ntitle: Training\n---\n\n{eval-rst}`.. raw:: html`\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "guide", "check", "--profile", str(profile)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (
        "training.md:5: the role {eval-rst} is not allowed here: allowed are {profile} and {directory}"
        in result.stderr
    )


def test_a_hostile_page_stops_the_build_with_one_line_and_changes_nothing(tmp_path):
    profile = tmp_path / "area"
    shutil.copytree(ROOT / WALES, profile)
    builddir = tmp_path / "build"
    assert guide_build(profile, builddir).returncode == 0
    before = {p: p.read_bytes() for p in (builddir / "html").rglob("*") if p.is_file()}
    (profile / "pages" / "training.md").write_text(
        "---\ntitle: Training\n---\n\n<script>alert(1)</script>\n\n"
        "```{include} ../profile.toml\n```\n\n[x](javascript:alert(2))\n",
        encoding="utf-8",
    )
    result = guide_build(profile, builddir)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if "training.md:" in line]
    assert [line.split("training.md:", 1)[1] for line in lines] == [
        "5: raw HTML (<script>alert(1)</script>) is not allowed here",
        "7: the directive {include} is not allowed here: allowed are {note}, {warning} and "
        "{signposting}",
        "10: a javascript: link is not allowed here: links may be http, https, mailto or tel, "
        "or a guide page by its path",
    ]
    after = {p: p.read_bytes() for p in (builddir / "html").rglob("*") if p.is_file()}
    assert after == before


def test_the_area_s_pages_are_within_the_page_budget(leeds):
    """25 KiB with all its requests, 10 KiB of CSS, 8 KiB of JavaScript, as every page type."""
    for path in ("local/index.html", "local/early-attachment-observation.html"):
        weight = within_budget(leeds, path)
        assert "localpages.css" in weight["files"]


def test_a_page_added_or_removed_between_builds_is_listed_or_gone(tmp_path):
    """As ``serve`` rebuilds: a new page is read with the list of pages and the navigation,
    so it is in a toctree; a removed one is gone from the site and the offline list."""
    profile = tmp_path / "area"
    shutil.copytree(ROOT / WALES, profile)
    builddir = tmp_path / "build"
    assert guide_build(profile, builddir).returncode == 0
    (profile / "pages" / "advice-line.md").write_text(
        "---\ntitle: The advice line\n---\n\n## When to ring\n\nWeekdays.\n", encoding="utf-8"
    )
    result = guide_build(profile, builddir)
    assert result.returncode == 0, result.stderr
    html = builddir / "html"
    assert 'href="advice-line.html"' in read(html / "local" / "index.html")
    (profile / "pages" / "advice-line.md").unlink()
    result = guide_build(profile, builddir)
    assert result.returncode == 0, result.stderr
    assert 'href="advice-line.html"' not in read(html / "local" / "index.html")
    assert not (html / "local" / "advice-line.html").exists()
    kept = {entry["url"] for entry in json.loads(read(html / "offline.json"))["files"]}
    assert "local/advice-line.html" not in kept and "local/training.html" in kept
