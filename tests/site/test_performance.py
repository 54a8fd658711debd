"""Counts, not timings (ARCHITECTURE.md, "Budgets"): what a one-page edit re-reads, how many bytes of our own
JavaScript and CSS a reader downloads, and that 5,000 services build."""

import gzip
import re
import shutil
import sys

from helpers import DOCS, ROOT, sphinx_build

sys.path.insert(0, str(ROOT / "scripts"))

from bench import OWN, make_profile  # noqa: E402

STATIC = [ROOT / "docs/_ext/theme/practice-guide/static", ROOT / "docs/_ext/checklist/static",
          ROOT / "docs/_ext/signposting/static"]  # fmt: skip


def gzipped(paths):
    return sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)


def test_editing_one_page_rereads_exactly_one_document(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    out = tmp_path / "out"
    first = sphinx_build(docs, out, "-W", confdir=ROOT)
    assert first.returncode == 0, first.stderr
    page = docs / "professions" / "team-leaders.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    result = sphinx_build(docs, out, "-W", confdir=ROOT, quiet=False)
    assert result.returncode == 0, result.stderr
    assert re.search(r"0 added, 1 changed, 0 removed", result.stdout), result.stdout
    read = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", result.stdout)
    assert read == ["professions/team-leaders"], result.stdout


def test_our_own_javascript_and_css_stay_within_budget():
    own = [path for folder in STATIC for path in folder.iterdir() if path.name in OWN]
    js = [p for p in own if p.suffix == ".js"]
    css = [p for p in own if p.suffix == ".css"]
    assert {p.name for p in js} == {"guide.js", "checklist.js", "directory.js"}
    assert gzipped(js) <= 6 * 1024, f"{gzipped(js)} bytes of gzipped JavaScript"
    assert gzipped(css) <= 10 * 1024, f"{gzipped(css)} bytes of gzipped CSS"


def test_a_profile_of_5000_services_builds(tmp_path):
    profile = tmp_path / "profile"
    make_profile(profile, 5000)
    out = tmp_path / "out"
    result = sphinx_build(DOCS, out, "-W", "-D", f"local_profile={profile}", confdir=ROOT)
    assert result.returncode == 0, result.stderr
    directory = (out / "directory" / "index.html").read_text(encoding="utf-8")
    assert directory.count('<article class="service"') == 5000
