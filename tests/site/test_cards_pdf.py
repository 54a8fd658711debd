"""The quick-reference cards as PDFs: one tagged A4 page each, titled, in the page's language,
with bookmarks, filled with text as large as fits (at least 11 pt, none under 9 pt), linked
from its card with its size, the same bytes from any folder, and in the ``make dist`` zip."""

import io
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from html import unescape

import pytest
from cards.naming import size_text
from helpers import DOCS, EXAMPLES, ROOT, body_size, pdf_runs, reach, sphinx_build
from pypdf import PdfReader

CARDS = sorted(p.stem for p in (DOCS / "quick-reference").glob("*.md") if p.stem != "index")
EPOCH = "1711022400"  # 21 March 2024, 12:00 UTC
LINK = re.compile(r"<a\b[^>]*\bdata-card-pdf=\"([^\"]+)\"[^>]*>(.*?)</a>", re.S)


def normal(text):
    return " ".join(unicodedata.normalize("NFKC", text).split())


def card_page(site, card):
    return (site / "quick-reference" / f"{card}.html").read_text(encoding="utf-8")


def title_of(html):
    return normal(unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)<a", html, re.S)[1])))


def outline_titles(outline):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item)
        else:
            yield item.title


@pytest.mark.unit
def test_there_are_four_cards():
    assert CARDS == [
        "observing-the-relationship",
        "prompts-at-a-glance",
        "supporting-the-relationship",
        "where-to-turn-locally",
    ]


@pytest.mark.site
@pytest.mark.parametrize("card", CARDS)
def test_each_card_has_a_one_page_tagged_pdf_beside_it(site, card):
    html = card_page(site, card)
    path = site / "quick-reference" / f"{card}-england.pdf"
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    title = title_of(html)

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) <= 1 and abs(float(box.height) - 842) <= 1, "A4"
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == title
    assert title in normal(reader.pages[0].extract_text())
    headings = list(outline_titles(reader.outline))
    assert headings[0] == title and len(headings) >= 2, "bookmarks from the headings"
    assert "/CreationDate" not in reader.metadata, "no date without SOURCE_DATE_EPOCH"

    # Links go to the published site: relative, never a file of the build machine.
    for annotation in reader.pages[0].get("/Annots", []):
        action = annotation.get_object().get("/A")
        if action is None:
            continue
        target = action["/URI"]
        assert not target.startswith("file:") and str(site) not in target
        if not re.match(r"[a-z]+:", target):
            assert (path.parent / target.split("#")[0].split("?")[0]).resolve().is_file()


@pytest.mark.site
@pytest.mark.parametrize("card", CARDS)
@pytest.mark.parametrize("profile", ["local/default", *EXAMPLES, "cy"])
def test_each_card_fills_its_page_with_text_as_large_as_fits(site_named, profile, card):
    """Body text of at least 11 pt, at the size of the step the card's page names (so a
    browser prints it alike), reaching at least 75% of the page; nothing under 9 pt, the
    footer included; no line ending in "https://"; a link into the guide followed by where
    it goes."""
    site = site_named(profile)
    html = card_page(site, card)
    (path,) = (site / "quick-reference").glob(f"{card}-*.pdf")
    reader = PdfReader(path)
    page = reader.pages[0]
    runs = pdf_runs(page)
    step = re.search(r'<body class="[^"]*\bcard-text-(\d+)\b', html)
    assert len(reader.pages) == 1
    assert step, "the page names the size its card was set at"
    assert body_size(runs) >= 11 and abs(body_size(runs) - int(step[1]) / 10) < 0.05
    assert reach(runs, float(page.mediabox.height)) >= 0.75
    small = [(size, text) for size, text in ((r[0], r[2]) for r in runs) if size < 9]
    assert small == []
    words = normal(page.extract_text()).split(" ")
    assert not [w for w in words if w.endswith(("https://", "http://"))], "a line ends in https://"
    for title in re.findall(r'<span class="print-only print-title"[^>]*> \((.*?)\)</span>', html):
        assert f"({normal(unescape(title))})" in normal(page.extract_text())


@pytest.mark.site
def test_a_link_into_the_guide_prints_where_it_goes(site_named):
    text = normal(
        PdfReader(site_named("local/default") / "quick-reference/where-to-turn-locally-england.pdf")
        .pages[0]
        .extract_text()
    )
    assert "More in step 3 (Step 3: signposting, referring or providing further support)" in text


@pytest.mark.unit
def test_the_largest_size_that_fits_is_chosen_in_a_few_layouts():
    from cards.fit import ROOM, choose, steps, with_class

    ladder = steps()
    sizes = [size for _, size in ladder]
    assert sizes[0] == 11 and sizes == sorted(sizes) and len(set(sizes)) == len(sizes)
    assert all(name == f"card-text-{round(size * 10)}" for name, size in ladder)
    page = '<html><body class="is-card card-text-120">'
    assert with_class(page, "card-text-135") == '<html><body class="is-card card-text-135">'

    def layouts(height_at_11):
        tried = []

        def trial(name):
            size = dict(ladder)[name]
            tried.append(size)
            share = height_at_11 * (size / 11) ** 1.6
            return (1 if share <= 1 else 2), min(share, 1), name

        return choose(trial, ladder), tried

    ((name, size), result), tried = layouts(0.6)
    assert result == name and 0.6 * (size / 11) ** 1.6 <= ROOM
    assert size == sizes[-1] or 0.6 * (sizes[sizes.index(size) + 1] / 11) ** 1.6 > ROOM
    assert len(tried) <= 4
    ((name, size), _), tried = layouts(1.2)  # too long even at 11 pt: the build warns
    assert size == 11 and tried == [11]


@pytest.mark.site
@pytest.mark.parametrize("card", CARDS)
def test_each_card_links_its_pdf_with_its_size(site, card):
    html = card_page(site, card)
    (name, text), *others = LINK.findall(html)
    size = (site / "quick-reference" / name).stat().st_size
    assert others == [] and name == f"{card}-england.pdf"
    assert text == f"Download this card (PDF, 1 page, {size_text(size)})"
    assert re.search(rf'<p class="card-download screen-only"><a [^>]*href="{name}"', html)


@pytest.mark.site
def test_only_cards_have_a_pdf(site):
    assert sorted(p.name for p in site.rglob("*.pdf")) == sorted(f"{c}-england.pdf" for c in CARDS)
    assert "data-card-pdf" not in (site / "quick-reference" / "index.html").read_text()


@pytest.mark.site
def test_the_pdfs_are_the_same_from_any_folder_and_in_the_dist_zip(tmp_path):
    """``make dist`` in one folder; the site built from a copy of docs/ in another."""
    env = {
        "SOURCE_DATE_EPOCH": EPOCH,
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "docs/_ext"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "guide", "dist", "--builddir", str(tmp_path / "one"),
         "--dist", str(tmp_path / "dist")],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "dist" / "parent-infant-guide-0.1.0-england.zip") as archive:
        zipped = {
            name.rsplit("/", 1)[-1]: archive.read(name)
            for name in archive.namelist()
            if name.endswith(".pdf")
        }
        names = archive.namelist()
    assert sorted(zipped) == [f"{card}-england.pdf" for card in CARDS]
    assert {"sw.js", "offline.json"} <= {name.split("/", 1)[1] for name in names}

    docs = tmp_path / "elsewhere" / "docs"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("_ext", "__pycache__"))
    out = tmp_path / "elsewhere" / "html"
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-c", str(ROOT), str(docs), str(out)],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    for name, data in zipped.items():
        again = (out / "quick-reference" / name).read_bytes()
        assert again == data, f"{name} differs between two folders"
        assert str(tmp_path).encode() not in data and b"file:" not in data
        reader = PdfReader(io.BytesIO(data))
        assert reader.metadata["/CreationDate"] == "D:20240321120000Z"
    offline = (tmp_path / "one" / "dist" / "html" / "offline.json").read_bytes()
    assert (out / "offline.json").read_bytes() == offline, "the whole site is the same"


@pytest.mark.site
@pytest.mark.parametrize("builder", ["singlehtml", "text"])
def test_other_builders_make_no_pdf_and_no_worker(tmp_path, builder):
    out = tmp_path / builder
    result = sphinx_build(DOCS, out, "-b", builder, confdir=ROOT)
    assert result.returncode == 0, result.stderr
    assert not list(out.rglob("*.pdf")) and not (out / "sw.js").exists()
    if builder == "singlehtml":
        page = (out / "index.html").read_text(encoding="utf-8")
        assert "data-card-pdf" not in page and not re.search(r'src="[^"]*offline\.js', page)
        assert "data-offline-worker" not in page and 'rel="manifest"' not in page


@pytest.mark.unit
def test_names_sizes_and_links_are_pure_and_stable():
    from cards.naming import fill_link, pdf_name, slug, stale

    assert slug("Ynys Môn") == "ynys-mon" and slug("Bro  Morgannwg!") == "bro-morgannwg"
    assert pdf_name("quick-reference/prompts-at-a-glance", "Cardiff") == (
        "prompts-at-a-glance-cardiff.pdf"
    )
    assert size_text(0) == "1 KB" and size_text(24 * 1024 + 100) == "24 KB"
    page = '<p><a href="x-a.pdf" data-card-pdf="x-a.pdf">old</a></p>'
    filled, found = fill_link(page, "x-a.pdf", "Download <this> (PDF, 1 page, 2 KB)")
    assert found and filled == (
        '<p><a href="x-a.pdf" data-card-pdf="x-a.pdf">Download &lt;this&gt; (PDF, 1 page, 2 KB)</a></p>'
    )
    assert fill_link(filled, "x-a.pdf", "again")[0].count("again") == 1
    current = {
        "where-to-turn": "where-to-turn-leeds.pdf",
        "where-to-turn-locally": "where-to-turn-locally-leeds.pdf",
    }
    files = ["where-to-turn-cardiff.pdf", "where-to-turn-leeds.pdf", "where-to-turn-locally-leeds.pdf",
             "where-to-turn-locally-cardiff.pdf", "leaflet.pdf"]  # fmt: skip
    assert stale(files, current) == [
        "where-to-turn-cardiff.pdf",
        "where-to-turn-locally-cardiff.pdf",
    ]


@pytest.mark.site
def test_weasyprint_gets_only_the_sites_own_files(tmp_path, site):
    from cards import pdf

    root = tmp_path / "site"
    root.mkdir()
    (root / "ok.css").write_text("h1 { color: #123456 }", encoding="utf-8")
    (tmp_path / "outside.css").write_text("h1 { color: red }", encoding="utf-8")
    (root / "page.html").write_text(
        '<html lang="cy"><head><title>T</title><link rel="stylesheet" href="ok.css">'
        '<link rel="stylesheet" href="../outside.css">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/never.css"></head>'
        '<body><h1>Teitl</h1><a href="other.html#part">a link</a></body></html>',
        encoding="utf-8",
    )
    made = pdf.render(root / "page.html", root, title="Teitl")
    assert made.pages == 1 and len(made.refused) == 2
    assert any(u.endswith("/outside.css") for u in made.refused)
    assert "http://127.0.0.1:9/never.css" in made.refused
    reader = PdfReader(io.BytesIO(made.data))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    (annotation,) = reader.pages[0]["/Annots"]
    assert annotation.get_object()["/A"]["/URI"] == "other.html#part"
    # A long page is more than one page: the build warns for a card that spills.
    assert pdf.render(site / "framework/step-1.html", site, title="Step 1").pages > 1
