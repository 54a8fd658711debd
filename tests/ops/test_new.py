"""``python -m guide new``: an area's profile from an example, ready to check, never over a
folder that is there."""

import subprocess
import sys
import tomllib

import pytest
from helpers import ROOT

from guide.new import set_area

pytestmark = pytest.mark.unit


def new(*args):
    return subprocess.run([sys.executable, "-m", "guide", "new", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True)  # fmt: skip


def test_a_copy_of_leeds_with_its_name_nation_and_schema_lines_that_checks(tmp_path):
    folder = tmp_path / "local" / "my area"
    result = new(folder, "--from", "leeds", "--name", "My Area", "--nation", "england")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in (ROOT / "local/examples/leeds").iterdir()
    )
    area = tomllib.loads((folder / "profile.toml").read_text(encoding="utf-8"))["area"]
    assert (area["name"], area["nation"]) == ("My Area", "england")
    # The schema lines point at local/schema from the new folder, wherever it is.
    for name, line in (("profile.toml", "#:schema "),
                       ("services.yaml", "# yaml-language-server: $schema=")):  # fmt: skip
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(line), first
        target = (folder / first.removeprefix(line)).resolve()
        assert target == (ROOT / "local/schema" / target.name) and target.is_file()
    # The next three steps, with the folder quoted for a shell.
    lines = result.stdout.splitlines()
    assert [line.strip()[:2] for line in lines[1:4]] == ["1.", "2.", "3."]
    assert f"python -m guide check --profile '{folder.as_posix()}'" in lines[2]
    check = subprocess.run([sys.executable, "-m", "guide", "check", "--profile", str(folder)],
                           cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0 and "My Area" in check.stdout, check.stderr


def test_a_welsh_area_from_cardiff_keeps_nothing_of_cardiff_s_name(tmp_path):
    folder = tmp_path / "bro"
    result = new(folder, "--from", "cardiff", "--name", 'Bro "Test"', "--nation", "wales",
                 "--name-cy", "Bro Prawf")  # fmt: skip
    assert result.returncode == 0, result.stderr
    area = tomllib.loads((folder / "profile.toml").read_text(encoding="utf-8"))["area"]
    assert (area["name"], area["name_cy"], area["nation"]) == ('Bro "Test"', "Bro Prawf", "wales")
    assert "Caerdydd" not in (folder / "profile.toml").read_text(encoding="utf-8")


def test_an_existing_folder_is_refused_and_left_as_it_was(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "profile.toml").write_text("# mine\n", encoding="utf-8")
    result = new(folder, "--from", "leeds", "--name", "Mine", "--nation", "england")
    assert result.returncode == 1
    assert "already there; nothing was changed" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["profile.toml"]
    assert (folder / "profile.toml").read_text(encoding="utf-8") == "# mine\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert new(empty, "--name", "E", "--nation", "england").returncode == 1
    assert list(empty.iterdir()) == []


def test_bad_arguments_say_what_is_wrong_and_write_nothing(tmp_path):
    folder = tmp_path / "x"
    cases = [
        (["--from", "nowhere", "--name", "X", "--nation", "england"], "no such example"),
        (["--name", "Line\nbreak", "--nation", "england"], "--name"),
        (["--name", "X", "--nation", "england", "--name-cy", "Y"], "--name-cy"),
        (["--name", "X", "--nation", "scotland"], "invalid choice"),
    ]
    for args, words in cases:
        result = new(folder, *args)
        assert result.returncode == 2 and words in result.stderr, (args, result.stderr)
        assert not folder.exists() and not (tmp_path / "x.part").exists()


def test_only_the_area_table_changes_and_its_notes_stay():
    text = (
        '#:schema x\n# a note\n[area]\nname = "Old"  # old\nname_cy = "Hen"\n'
        'nation = "wales"\nexample = true\n\n[front_door]\nname = "Door"\n'
    )
    changed = set_area(text, "New", "england", None)
    data = tomllib.loads(changed)
    assert data["area"] == {"name": "New", "nation": "england", "example": True}
    assert data["front_door"] == {"name": "Door"}
    assert changed.startswith("#:schema x\n# a note\n[area]\n")
