"""Counts, not timings (ARCHITECTURE.md, "Budgets"): what a one-page edit re-reads, how many bytes of our own
JavaScript and CSS a reader downloads, and what every page type weighs with all it loads.
(That thousands of services build is ``test_at_scale.py``.)"""

import gzip
import re
import sys

import pytest
from helpers import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from bench import BUDGET, OWN, PAGE_TYPES, static_weight  # noqa: E402

STATIC = [ROOT / "docs/_ext/theme/practice-guide/static", ROOT / "docs/_ext/checklist/static",
          ROOT / "docs/_ext/signposting/static", ROOT / "docs/_ext/attribution/static",
          ROOT / "docs/_ext/offline/static", ROOT / "docs/_ext/localpages/static",
          ROOT / "docs/_ext/languages/static"]  # fmt: skip
KIB = 1024


def gzipped(paths):
    return sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)


@pytest.mark.unit
def test_our_own_javascript_and_css_stay_within_budget():
    own = [path for folder in STATIC for path in folder.iterdir() if path.name in OWN]
    js = [p for p in own if p.suffix == ".js"]
    css = [p for p in own if p.suffix == ".css"]
    assert {p.name for p in js} == {
        "guide.js",
        "checklist.js",
        "directory.js",
        "copybutton.js",
        "offline.js",
    }
    assert {p.name for p in css} == {
        "guide.css",
        "checklist.css",
        "directory.css",
        "copybutton.css",
        "languages.css",
        "localpages.css",
    }
    assert gzipped(js) <= BUDGET["own_js_kib"] * KIB, f"{gzipped(js)} bytes of gzipped JavaScript"
    assert gzipped(css) <= BUDGET["own_css_kib"] * KIB, f"{gzipped(css)} bytes of gzipped CSS"


def within_budget(site, path):
    """Bytes, gzipped: the page with all it loads, its CSS and its JavaScript (ours and our
    dependencies'); every file named, so a failure says which grew."""
    weight = static_weight(site, path)
    files = ", ".join(f"{name} {size}" for name, size in weight["files"].items())
    assert weight["gzip"] <= BUDGET["page_kib"] * KIB, f"{path}: {weight['gzip']} bytes: {files}"
    assert weight["css_gzip"] <= BUDGET["css_kib"] * KIB, (
        f"{path}: CSS {weight['css_gzip']}: {files}"
    )
    assert weight["js_gzip"] <= BUDGET["js_kib"] * KIB, f"{path}: JS {weight['js_gzip']}: {files}"
    return weight


@pytest.mark.site
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_is_within_its_budget(site, kind):
    """25 KiB with all its requests, 10 KiB of CSS, 8 KiB of JavaScript (README, Performance)."""
    weight = within_budget(site, PAGE_TYPES[kind])
    assert "sphinx-design.min.css" not in weight["files"], "the theme styles sphinx-design's parts"
    assert "clipboard.min.js" not in weight["files"]


@pytest.mark.site
def test_every_page_type_is_within_its_budget_with_each_example_profile(example_builds):
    for profile in EXAMPLES:
        result, out = example_builds[profile]
        assert result.returncode == 0, result.stderr
        for path in PAGE_TYPES.values():
            within_budget(out, path)


def pages_of(site):
    return [p for p in site.rglob("*.html") if "_" not in p.relative_to(site).parts[0][:1]]


def loads_what_it_shows(site, page):
    """The files ``page`` loads, after checking that the copy button's script and stylesheet
    come exactly with words to say to a parent, and the languages' stylesheet exactly with a
    link to the other language or a "not yet translated" notice."""
    html = page.read_text(encoding="utf-8")
    files = static_weight(site, page.relative_to(site).as_posix())["files"]
    words = re.search(r'<blockquote class="[^"]*\bwording-say\b', html) is not None
    assert ("copybutton.js" in files) == words, page
    assert ("copybutton.css" in files) == words, page
    other = re.search(r'<a class="language-link"|class="translation-notice', html) is not None
    assert ("languages.css" in files) == other, page
    return files


@pytest.mark.site
def test_pages_load_only_the_files_they_use(site):
    """Tabs' script only where there are tabs, the copy button's script and stylesheet only
    where there are words to say to a parent, the languages' stylesheet on no page of a site in
    English alone, and no page links sphinx-design's stylesheet (nor is it copied)."""
    pages = pages_of(site)
    assert len(pages) >= 35
    for page in pages:
        html = page.read_text(encoding="utf-8")
        files = loads_what_it_shows(site, page)
        has_tabs = re.search(r'class="sd-tab-set[ "]', html) is not None
        assert ("design-tabs.js" in files) == has_tabs, page
        assert "languages.css" not in files, page
        assert "sphinx-design.min.css" not in files, page
    loaded = [static_weight(site, p.relative_to(site))["files"] for p in pages]
    assert any("copybutton.css" in files for files in loaded)
    assert not all("copybutton.css" in files for files in loaded)
    assert not (site / "_static" / "sphinx-design.min.css").exists()


@pytest.mark.site
def test_pages_in_both_languages_load_the_languages_stylesheet(welsh_build):
    """Every page of an area in Wales links to the other language, so each loads the
    languages' stylesheet, in both languages; the copy button's files still come only with
    words to say."""
    out, _ = welsh_build
    for site in (out, out / "cy"):
        pages = [p for p in pages_of(site) if p.relative_to(site).parts[0] != "cy"]
        assert len(pages) >= 35, site
        for page in pages:
            assert "languages.css" in loads_what_it_shows(site, page), page
