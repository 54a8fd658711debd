"""Shared fixtures: sphinx.testing roots, one build of the whole site, a local server, Chromium."""

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))

from feeds_server import feeds_serving  # noqa: E402
from helpers import DOCS, EXAMPLES, ROOT, serving, sphinx_build  # noqa: E402

pytest_plugins = ["sphinx.testing.fixtures"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def rootdir():
    """Where sphinx.testing finds the ``test-*`` roots."""
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """Build the whole site once with warnings as errors."""
    out = tmp_path_factory.mktemp("site") / "html"
    return sphinx_build(DOCS, out, "-W", "-n", "--keep-going", confdir=ROOT), out


@pytest.fixture(scope="session")
def site(site_build):
    """The built site's folder; fails (never skips) if the build did not succeed."""
    result, out = site_build
    if result.returncode != 0:
        pytest.fail(f"the site did not build:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def example_builds(tmp_path_factory):
    """The site built with each example profile, as ``make html PROFILE=...`` does."""
    builds = {}
    for profile in EXAMPLES:
        out = tmp_path_factory.mktemp(profile.rsplit("/", 1)[-1]) / "html"
        options = ["-W", "-n", "--keep-going", "-D", f"local_profile={profile}"]
        builds[profile] = (sphinx_build(DOCS, out, *options, confdir=ROOT), out)
    return builds


@pytest.fixture(scope="session")
def profile_sites(site, example_builds):
    """Each profile's built site, by profile: the default and each example."""
    folders = {"local/default": site}
    for profile in EXAMPLES:
        result, out = example_builds[profile]
        if result.returncode != 0:
            pytest.fail(f"{profile} did not build:\n{result.stderr}")
        folders[profile] = out
    return folders


@pytest.fixture(scope="session")
def welsh_build(tmp_path_factory):
    """The Cardiff example as ``python -m guide build`` makes it: English, and Welsh in cy/."""
    import subprocess

    builddir = tmp_path_factory.mktemp("welsh")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")}
    result = subprocess.run(
        [sys.executable, "-m", "guide", "build", "--profile", "local/examples/cardiff",
         "--builddir", str(builddir)],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"the Welsh example did not build:\n{result.stdout}\n{result.stderr}")
    return builddir / "html", result


@pytest.fixture(scope="session")
def server(site):
    """The whole site, served."""
    with serving(site) as url:
        yield url


@pytest.fixture
def feed_server():
    """Bristol's and Buckinghamshire's real feeds served on 127.0.0.1 (``tests/feeds_server.py``):
    ``feed_server.url("bristol")`` or ``url("bucks")`` is the ``[import] url``; ``asked`` lists
    every path requested; ``add`` and ``route`` serve a test's own feed or answers."""
    with feeds_serving() as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. A missing browser fails: it never skips."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: install it with  sudo apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run  npm ci  (make test does this)")
    return AXE.read_text(encoding="utf-8")
