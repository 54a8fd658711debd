"""Many areas in one command: each site is the one its area builds alone; the hub page lists
them (valid, no script, nothing a strict policy blocks, axe-clean light and dark); ``dist``
makes one zip per area and ``pages`` the folder to publish, refusing anything unsafe."""

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from helpers import NU_CHECKER, ROOT, STRICT_CSP, VNU, inline_code, serving

from guide import areas, pages
from guide.dist import write_sums, write_zip

THREE = ["local/default", "local/examples/cardiff", "local/examples/leeds"]


def guide(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "guide", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, **kwargs)  # fmt: skip


def files(folder):
    """{relative path: SHA-256} of a site, without what Sphinx keeps for itself."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not {".doctrees", ".buildinfo"} & set(path.relative_to(folder).parts)
    }


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    builddir = tmp_path_factory.mktemp("areas")
    args = [a for profile in THREE for a in ("--profile", profile)]
    result = guide("build", *args, "--builddir", builddir, "--jobs", "3")
    if result.returncode != 0:
        pytest.fail(f"the three areas did not build:\n{result.stdout}\n{result.stderr}")
    return builddir, result


@pytest.mark.site
def test_three_areas_in_one_command_are_the_sites_each_builds_alone(
    many, profile_sites, welsh_build
):
    builddir, result = many
    alone = {
        "default": profile_sites["local/default"],
        "cardiff": welsh_build[0],  # English, and Welsh in cy/
        "leeds": profile_sites["local/examples/leeds"],
    }
    for slug, site in alone.items():
        built = files(builddir / slug / "html")
        assert len(built) > 50, slug
        assert built == files(site), slug
    assert any(name.startswith("cy/") for name in files(builddir / "cardiff" / "html"))
    # Each area's output is printed whole, under its name.
    lines = result.stdout.splitlines()
    for slug in alone:
        assert f"[{slug}] done" in lines
    assert "3 of 3 areas built" in result.stdout


@pytest.mark.site
def test_the_hub_lists_each_area_and_its_welsh_site(many):
    builddir, _ = many
    page = (builddir / "index.html").read_text(encoding="utf-8")
    for name, slug in (("Cardiff", "cardiff"), ("England", "default"), ("Leeds", "leeds")):
        href = f"{slug}/html/index.html"
        assert f'<a href="{href}">{name}</a>' in page
        assert (builddir / href).is_file()
    assert '<a href="cardiff/html/cy/index.html" hreflang="cy">' in page
    assert (builddir / "cardiff/html/cy/index.html").is_file()
    assert "leeds/html/cy/" not in page
    assert page.index(">Cardiff<") < page.index(">England<") < page.index(">Leeds<")
    assert inline_code(page) == [] and "<script" not in page


@pytest.mark.site
def test_the_hub_is_valid_html(many):
    builddir, _ = many
    if shutil.which("java") is None or not VNU.exists():
        pytest.fail("the Nu HTML Checker needs Java and npm's vnu-jar (make test installs them)")
    result = subprocess.run(
        [*NU_CHECKER, "--format", "json", "--stdout", builddir / "index.html"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert json.loads(result.stdout)["messages"] == []


@pytest.mark.unit
def test_area_text_is_text_in_the_hub(tmp_path):
    hostile = '<script>alert(1)</script> & "Area"'
    areas.write_hub(tmp_path, [(hostile, True, "x/index.html")])
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page
    assert inline_code(page) == []


@pytest.mark.unit
def test_areas_that_would_share_a_folder_are_refused_before_anything_is_built(tmp_path):
    for name in ("My Area", "my-area"):
        shutil.copytree(ROOT / "local/default", tmp_path / name)
    result = guide("build", "--profiles", tmp_path, "--builddir", tmp_path / "out")
    assert result.returncode == 2
    assert "would both be built into my-area/" in result.stderr
    assert not (tmp_path / "out").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = guide("build", "--profiles", empty, "--builddir", tmp_path / "out")
    assert result.returncode == 2 and "no folder in it holds a profile.toml" in result.stderr


@pytest.mark.unit
def test_slugs_are_plain_folder_names():
    assert areas.slug("local/areas/My Área/") == "my-area"
    assert areas.slug("Caerdydd & Bro") == "caerdydd-bro"
    assert areas.slug("///") == "area"


@pytest.mark.site
def test_dist_of_two_areas_then_the_folder_to_publish(tmp_path):
    """One command, two zips, one SHA256SUMS and one bill of materials; then ``pages``."""
    env = {"SOURCE_DATE_EPOCH": "1764000000", "PATH": "/usr/bin:/bin"}
    result = guide("dist", "--profile", "local/default", "--profile", "local/examples/leeds",
                   "--builddir", tmp_path / "build", "--dist", tmp_path / "dist", env=env)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    dist = tmp_path / "dist"
    names = sorted(p.name for p in dist.iterdir())
    assert names == ["SHA256SUMS", "parent-infant-guide-0.1.0-england.zip",
                     "parent-infant-guide-0.1.0-leeds.zip", "sbom.cdx.json"]  # fmt: skip
    sums = (dist / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in sums] == names[1:]
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    bill = (dist / "sbom.cdx.json").read_bytes()
    with zipfile.ZipFile(dist / "parent-infant-guide-0.1.0-leeds.zip") as archive:
        assert archive.read("parent-infant-guide-0.1.0-leeds/sbom.cdx.json") == bill

    public = tmp_path / "public"
    result = guide("pages", "--dist", dist, "--out", public)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in public.iterdir()} == {"index.html", "hub.css", "england", "leeds"}
    assert (public / "leeds" / "directory.json").is_file()
    page = (public / "index.html").read_text(encoding="utf-8")
    assert '<a href="leeds/index.html">Leeds</a>' in page


def fake_dist(folder, *slugs, bad_name=None):
    """Tiny zips as dist makes them, and their SHA256SUMS."""
    folder.mkdir(parents=True, exist_ok=True)
    for slug in slugs:
        site = folder.parent / f"site-{slug}"
        (site / "cy").mkdir(parents=True, exist_ok=True)
        (site / "index.html").write_text(f"<p>{slug}</p>", encoding="utf-8")
        (site / "directory.json").write_text(json.dumps({"area": slug.title()}), encoding="utf-8")
        if slug == "cardiff":
            (site / "cy" / "index.html").write_text("<p>cy</p>", encoding="utf-8")
        target = folder / f"parent-infant-guide-0.1.0-{slug}.zip"
        write_zip(site, target, 1764000000)
        if bad_name:
            with zipfile.ZipFile(target, "a") as archive:
                archive.writestr(bad_name, b"x")
    write_sums(folder)
    return folder


@pytest.mark.unit
def test_one_area_is_published_at_the_root(tmp_path):
    dist = fake_dist(tmp_path / "dist", "leeds")
    assert pages.publish(dist, tmp_path / "public") == 1
    assert sorted(p.name for p in (tmp_path / "public").iterdir()) == [
        "directory.json", "index.html"]  # fmt: skip


@pytest.mark.unit
def test_welsh_sites_get_their_link_on_the_published_hub(tmp_path):
    dist = fake_dist(tmp_path / "dist", "cardiff", "leeds")
    pages.publish(dist, tmp_path / "public")
    page = (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert '<a href="cardiff/cy/index.html" hreflang="cy">Cardiff yn Gymraeg</a>' in page
    assert "leeds/cy/" not in page


@pytest.mark.unit
@pytest.mark.parametrize(
    "bad_name", ["../evil.html", "/etc/evil", "parent-infant-guide-0.1.0-leeds/../../evil"]
)
def test_a_zip_naming_a_file_outside_its_folder_publishes_nothing(tmp_path, bad_name):
    dist = fake_dist(tmp_path / "dist", "leeds", bad_name=bad_name)
    with pytest.raises(pages.PagesError, match="is not inside"):
        pages.publish(dist, tmp_path / "public")
    assert not (tmp_path / "public").exists() and not (tmp_path / "public.part").exists()
    assert not (tmp_path / "evil.html").exists()


@pytest.mark.unit
def test_a_zip_that_is_not_the_one_sha256sums_gives_publishes_nothing(tmp_path):
    dist = fake_dist(tmp_path / "dist", "leeds")
    with zipfile.ZipFile(dist / "parent-infant-guide-0.1.0-leeds.zip", "a") as archive:
        archive.writestr("parent-infant-guide-0.1.0-leeds/extra.html", b"x")
    result = guide("pages", "--dist", dist, "--out", tmp_path / "public")
    assert result.returncode == 1
    assert "its SHA-256 is not the one SHA256SUMS gives" in result.stderr
    assert not (tmp_path / "public").exists()


@pytest.mark.unit
def test_pages_never_writes_into_a_folder_that_has_something_in_it(tmp_path):
    dist = fake_dist(tmp_path / "dist", "leeds")
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "keep.txt").write_text("mine")
    with pytest.raises(pages.PagesError, match="already there"):
        pages.publish(dist, tmp_path / "public")
    assert [p.name for p in (tmp_path / "public").iterdir()] == ["keep.txt"]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_hub_is_accessible_and_breaks_no_strict_policy(tmp_path, browser, axe_source, scheme):
    areas.write_hub(tmp_path, [("Cardiff", True, "cardiff/index.html"),
                               ("Leeds", False, "leeds/index.html")])  # fmt: skip
    with serving(tmp_path, csp=STRICT_CSP) as url:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url + "index.html")
        assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"  # styled
        page.evaluate(axe_source)
        violations = page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(', '))""",
            AXE_TAGS,
        )
        context.close()
    assert violations == []
    assert not [text for text in console if "Content Security Policy" in text]
    assert all(request.startswith(url) for request in requests)
