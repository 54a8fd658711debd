"""``make dist``: a zip and its checksum, byte-identical across builds, and none on failure."""

import hashlib
import shutil
import subprocess
import sys
import zipfile

import pytest
from helpers import ROOT

pytestmark = pytest.mark.site


def run_dist(tmp_path, name, *args, epoch="1764000000"):
    env = {
        "SOURCE_DATE_EPOCH": epoch,
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "docs/_ext"),
    }
    return subprocess.run(
        [sys.executable, "-m", "guide", "dist", "--builddir", str(tmp_path / f"build-{name}"),
         "--dist", str(tmp_path / f"dist-{name}"), *args],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip


def test_two_clean_builds_give_byte_identical_zips_with_checksums(tmp_path):
    first = run_dist(tmp_path, "one")
    second = run_dist(tmp_path, "two")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    zip_one = tmp_path / "dist-one" / "parent-infant-guide-0.1.0-england.zip"
    zip_two = tmp_path / "dist-two" / "parent-infant-guide-0.1.0-england.zip"
    assert zip_one.read_bytes() == zip_two.read_bytes()
    bill = (tmp_path / "dist-one" / "sbom.cdx.json").read_bytes()
    assert bill == (tmp_path / "dist-two" / "sbom.cdx.json").read_bytes()
    sums = (tmp_path / "dist-one" / "SHA256SUMS").read_text()
    assert sums == (
        f"{hashlib.sha256(zip_one.read_bytes()).hexdigest()}  {zip_one.name}\n"
        f"{hashlib.sha256(bill).hexdigest()}  sbom.cdx.json\n"
    )
    with zipfile.ZipFile(zip_one) as archive:
        assert archive.read("parent-infant-guide-0.1.0-england/sbom.cdx.json") == bill
        names = archive.namelist()
        assert names == sorted(names)
        assert "parent-infant-guide-0.1.0-england/index.html" in names
        assert "parent-infant-guide-0.1.0-england/directory.json" in names
        assert not any(".doctrees" in n or n.endswith(".buildinfo") for n in names)
        assert {info.date_time for info in archive.infolist()} == {(2025, 11, 24, 16, 0, 0)}


def test_the_area_names_the_zip_and_a_failed_build_leaves_dist_as_it_was(tmp_path):
    """The zip is named after the area, in ASCII with no spaces, whatever the folder is called;
    a failed build of the same profile then touches neither the zip nor SHA256SUMS."""
    profile = tmp_path / "my área"
    shutil.copytree(ROOT / "local/examples/leeds", profile)
    toml = profile / "profile.toml"
    toml.write_text(
        toml.read_text().replace('name = "Leeds"', 'name = "Bro Morgannwg – Ynys Môn"', 1)
    )
    assert run_dist(tmp_path, "x", "--profile", str(profile)).returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "dist-x").iterdir()}
    assert sorted(before) == [
        "SHA256SUMS",
        "parent-infant-guide-0.1.0-bro-morgannwg-ynys-mon.zip",
        "sbom.cdx.json",
    ]
    toml.write_text('[area]\nname = "Bad"\nnation = "mars"\n')
    result = run_dist(tmp_path, "x", "--profile", str(profile))
    assert result.returncode == 2, "a bad profile"
    assert "the build failed, so" in result.stderr and "was left as it was" in result.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "dist-x").iterdir()} == before
