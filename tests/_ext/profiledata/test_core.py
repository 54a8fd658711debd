"""The pure core: ``profiledata`` and the commands that use it load no Sphinx or docutils.

Each case runs in a fresh interpreter and reads ``sys.modules`` after the work is done, so an
import hidden in any ``__init__`` or any function body is caught."""

import json
import pkgutil
import shutil
import subprocess
import sys

import profiledata
import pytest
from helpers import ROOT

pytestmark = pytest.mark.unit

HEAVY = ("sphinx", "docutils", "signposting", "checklist", "languages", "attribution")
PROBE = f"""
import json, runpy, sys
code = None
if sys.argv[1] == "--modules":
    import importlib, guide  # guide puts docs/_ext on the path, as the commands do
    for name in sys.argv[2:]:
        importlib.import_module(name)
else:
    sys.argv = ["guide", *sys.argv[1:]]
    try:
        runpy.run_module("guide", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
print(json.dumps({{"code": code, "loaded": loaded}}))
"""


def probe(*args):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.stdout, result.stderr
    return json.loads(result.stdout.splitlines()[-1]), result


def test_every_core_module_imports_without_sphinx():
    names = [f"profiledata.{m.name}" for m in pkgutil.iter_modules(profiledata.__path__)]
    assert {"profiledata.schema", "profiledata.hsds", "profiledata.openreferral"} <= set(names)
    found, _ = probe("--modules", *names)
    assert found["loaded"] == []


@pytest.mark.parametrize("profile", ["local/default", "local/examples/cardiff"])
def test_check_loads_no_sphinx(profile):
    found, result = probe("check", "--profile", profile)
    assert found == {"code": 0, "loaded": []}, result.stderr
    assert "is ready" in result.stdout


def test_schema_loads_no_sphinx():
    found, result = probe("schema", "--check")
    assert found == {"code": 0, "loaded": []}, result.stderr


def test_import_loads_no_sphinx(tmp_path):
    folder = tmp_path / "area"
    folder.mkdir()
    (folder / "profile.toml").write_text(
        '[area]\nname = "Exampleton"\nnation = "england"\n\n'
        '[directory]\nsources = ["imported.yaml"]\ninclude_national = false\n\n'
        '[import]\nfile = "feed.json"\nformat = "oruk-1"\nsnapshot = "imported.yaml"\n'
        'default_tier = "help"\ndefault_access = ["self-referral"]\n',
        encoding="utf-8",
    )
    shutil.copy(ROOT / "tests/fixtures/oruk-1/services.json", folder / "feed.json")
    found, result = probe("import", "--profile", folder)
    assert found == {"code": 0, "loaded": []}, result.stdout + result.stderr
    assert (folder / "imported.yaml").exists()
