"""The administrator's commands through ``make``: paths with spaces and accents, ``check``,
and ``schema --check``."""

import os
import shutil
import subprocess

import pytest
from helpers import ROOT


def make(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    return subprocess.run(
        ["make", "--no-print-directory", *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


@pytest.mark.site
def test_make_html_with_spaces_and_accents_in_profile_and_builddir(tmp_path):
    profile = tmp_path / "Bro Morgannwg – prófile"
    shutil.copytree(ROOT / "local/examples/cardiff", profile)
    builddir = tmp_path / "my build dir"
    result = make("html", f"PROFILE={profile}", f"BUILDDIR={builddir}")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (builddir / "html" / "index.html").read_text(encoding="utf-8")
    assert '<span class="site-area">Cardiff</span>' in home
    assert not (builddir / "html" / ".doctrees").exists()


@pytest.mark.unit
def test_make_check_lists_problems_without_building(tmp_path):
    profile = tmp_path / "with space"
    shutil.copytree(ROOT / "local/examples/leeds", profile)
    good = make("check", f"PROFILE={profile}")
    assert good.returncode == 0 and "is ready: Leeds, 1 local and" in good.stdout, good.stderr
    toml = profile / "profile.toml"
    toml.write_text(toml.read_text().replace('nation = "england"', 'nation = "scotland"'))
    bad = make("check", f"PROFILE={profile}")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert f"{toml}:" in bad.stderr and "[area] nation: 'scotland' is not one of" in bad.stderr
    assert "1 problem in the local profile" in bad.stderr


@pytest.mark.unit
def test_schema_check_fails_when_a_generated_file_is_stale(tmp_path, monkeypatch):
    import guide.schema_files

    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    for folder in ("local/schema", "local/examples/schema"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setattr(guide.schema_files, "ROOT", tmp_path)
    assert guide.schema_files.stale() == {}
    readme.write_text(readme.read_text().replace("| `summary` | yes |", "| `summary` | no |"))
    assert list(guide.schema_files.stale()) == ["README.md"]
    assert guide.schema_files.run(type("Args", (), {"check": True})()) == 1
    assert guide.schema_files.run(type("Args", (), {"check": False})()) == 0
    assert guide.schema_files.stale() == {}
