"""The lock files: every package the build and the tests use, pinned with hashes, agreeing with
pyproject.toml's ranges; and a fresh virtual environment installs them with hashes required."""

import os
import re
import subprocess
import sys
import tomllib

import pytest
from helpers import ROOT
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

SITE_LOCK, TEST_LOCK = ROOT / "requirements.txt", ROOT / "requirements-test.txt"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# The platforms and Pythons the lock is for: every one must find a pin for every requirement.
ENVIRONMENTS = [
    {"python_version": v, "python_full_version": f"{v}.0", "sys_platform": p,
     "platform_system": s, "os_name": o, "implementation_name": "cpython",
     "platform_python_implementation": "CPython", "platform_machine": "x86_64"}
    for v in ("3.11", "3.12", "3.13")
    for p, s, o in (("linux", "Linux", "posix"), ("darwin", "Darwin", "posix"),
                    ("win32", "Windows", "nt"))
]  # fmt: skip


def pins(path):
    """{name: [(version, marker, hashes)]} from a lock file (pip's requirements format)."""
    found = {}
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        spec, *hashes = line.split("--hash=")
        name, _, rest = spec.partition("==")
        version, _, marker = rest.partition(";")
        entry = (version.strip(), marker.strip() or None, [h.strip() for h in hashes])
        found.setdefault(canonicalize_name(name.strip()), []).append(entry)
    return found


def pinned_version(lock, name, environment):
    for version, marker, _ in lock.get(canonicalize_name(name), []):
        if marker is None or Marker(marker).evaluate(environment):
            return version
    return None


@pytest.mark.unit
@pytest.mark.parametrize("path", [SITE_LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_pin_is_exact_with_sha256_hashes(path):
    lock = pins(path)
    assert len(lock) > 40
    for name, entries in lock.items():
        for version, _, hashes in entries:
            assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), (name, version)
            assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name
    assert "make lock" in path.read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.unit
def test_the_site_lock_is_the_test_lock_with_the_test_tools_left_out():
    site, test = pins(SITE_LOCK), pins(TEST_LOCK)
    assert set(site) < set(test)
    for name, entries in site.items():
        assert entries == test[name], name
    assert {"pytest", "playwright", "pip-audit"} <= set(test) - set(site)


@pytest.mark.unit
@pytest.mark.parametrize("environment", ENVIRONMENTS,
                         ids=lambda e: f"{e['sys_platform']}-{e['python_version']}")  # fmt: skip
def test_each_lock_meets_pyproject_on_every_platform_and_python(environment):
    """What pyproject.toml asks for, directly, is pinned within its range: if a dependency is
    added or its range moves, the lock is stale (run make lock)."""
    wanted = {
        SITE_LOCK: PROJECT["dependencies"],
        TEST_LOCK: PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"],
    }
    for path, requirements in wanted.items():
        lock = pins(path)
        for text in requirements:
            requirement = Requirement(text)
            version = pinned_version(lock, requirement.name, environment)
            assert version is not None, f"{path.name}: {requirement.name} is not locked"
            assert requirement.specifier.contains(version, prereleases=True), (path.name, text)
            for extra in requirement.extras:
                assert extra in {"json-validation"}, text


@pytest.mark.lock
def test_a_fresh_virtual_environment_installs_the_lock_with_hashes_required(tmp_path):
    """What make does on a new machine: a venv, then each lock file with --require-hashes.
    Downloads from the package index (or pip's cache); the marker keeps it out of test-fast."""
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", f"PYTHON={sys.executable}",
         f"{venv}/.installed"],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
        # No bytecode: what is checked is what installs, and compiling took a third of the time.
        env={**os.environ, "PIP_COMPILE": "0"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "--require-hashes" in result.stdout
    python = venv / "bin" / "python"
    check = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True
    ).stdout
    installed = {canonicalize_name(n): v for n, v in (ln.split("==") for ln in listed.split())}
    environment = default_environment()
    lock = pins(TEST_LOCK)
    for name in lock:
        version = pinned_version(lock, name, environment)
        if version is not None:
            assert installed.get(name) == version, name
