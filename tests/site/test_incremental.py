"""The edit loop (ARCHITECTURE.md, "Builds that succeed or change nothing"): after one page is
edited, ``python -m guide build`` reads only that page again and makes no card PDF and no icon
again; a page removed from docs/ is gone from the next build's site and its offline list.
Counts of files, never timings (``make bench`` times these builds)."""

import json
import shutil

import pytest
from helpers import DOCS

import guide.build

pytestmark = pytest.mark.site

EXTRA = "---\nsource: project\n---\n# A page soon withdrawn\n\nIt is here for one build.\n"


def stamps(folder, pattern="*"):
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob(pattern)}


def changed(before, after):
    return sorted(name for name in after if before.get(name) != after[name])


def test_one_page_edited_then_one_withdrawn(tmp_path, monkeypatch, capfd):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("__pycache__"))
    index = docs / "about" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("changelog\n", "changelog\nextra\n"))
    (docs / "about" / "extra.md").write_text(EXTRA, encoding="utf-8")
    monkeypatch.setattr(guide.build, "DOCS", docs)
    builddir = tmp_path / "build"
    html, doctrees = builddir / "html", builddir / "doctrees"
    assert guide.build.build("local/default", builddir) == 0
    assert "cards: writing the cards' PDFs" in capfd.readouterr().out
    assert (html / "about" / "extra.html").is_file()
    site, read = stamps(html), stamps(doctrees, "*.doctree")

    page = docs / "professions" / "team-leaders.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert guide.build.build("local/default", builddir) == 0
    assert "cards: writing" not in capfd.readouterr().out
    assert changed(read, stamps(doctrees, "*.doctree")) == ["professions/team-leaders.doctree"]
    remade = changed(site, stamps(html))
    assert "professions/team-leaders.html" in remade
    assert "One more sentence." in (html / "professions/team-leaders.html").read_text()
    assert not [name for name in remade if name.endswith((".pdf", ".png", ".ico"))], remade
    pages = [n for n in remade if n.endswith(".html") and n not in ("search.html", "genindex.html")]
    assert pages == ["professions/index.html", "professions/team-leaders.html"], remade

    index.write_text(index.read_text(encoding="utf-8").replace("extra\n", ""), encoding="utf-8")
    (docs / "about" / "extra.md").unlink()
    assert guide.build.build("local/default", builddir) == 0
    assert not (html / "about" / "extra.html").exists()
    assert not (builddir / ".html-next" / "about" / "extra.html").exists()
    listed = {f["url"] for f in json.loads((html / "offline.json").read_text())["files"]}
    assert "about/index.html" in listed and "about/extra.html" not in listed
