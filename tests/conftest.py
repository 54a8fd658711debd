"""Shared fixtures: sphinx.testing roots, one build of the whole site, a local server, Chromium."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))

from feeds_server import feeds_serving  # noqa: E402
from helpers import EXAMPLES, ROOT, guide_build, loopback_only, serving  # noqa: E402

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

# Each test is in exactly one layer (README, "Tests"); make test-fast runs the first two.
LAYERS = {
    "unit": "pure Python, and commands that build no site (make test-fast)",
    "extension": "Sphinx on a small root in tests/roots, or stopping at a bad profile (make test-fast)",
    "site": "builds the whole site, or reads a built one (make test)",
    "browser": "drives Debian's Chromium through Playwright (make test)",
    "scale": "thousands of services through the import or the build (make test)",
    "lock": "installs the lock files into a fresh virtual environment (make test)",
}


def layers_of(item):
    return sorted({mark.name for mark in item.iter_markers() if mark.name in LAYERS})


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """A module with a test in no layer, or in two, fails to collect, saying what to add.

    A collection error, rather than an error raised later, so that pytest-xdist reports it too.
    """
    report = yield
    if not report.passed:
        return report
    wrong = {
        f"    {getattr(item, 'originalname', item.name)}: {' and '.join(layers) or 'no layer'}": 1
        for item in report.result
        if isinstance(item, pytest.Item) and len(layers := layers_of(item)) != 1
    }
    if wrong:
        names = "\n".join(f"    {name:<10} {what}" for name, what in LAYERS.items())
        report.outcome, report.result = "failed", []
        report.longrepr = (
            f'{len(wrong)} tests here are not in exactly one layer (README, "Tests"), e.g.\n'
            + "\n".join(list(wrong)[:3])
            + "\nAdd one line under the test module's imports:\n\n"
            "    pytestmark = pytest.mark.unit\n\n"
            "or mark a single test with @pytest.mark.unit; instead of unit, the layer it is in:\n"
            + names
        )
    return report


@pytest.fixture(scope="session")
def rootdir():
    """Where sphinx.testing finds the ``test-*`` roots."""
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory, worker_id):
    """A folder for this run that every pytest-xdist worker sees (each worker's own temporary
    folder sits inside the run's)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def build_once(shared_folder, profile):
    """The site built with ``profile`` as ``python -m guide build`` builds it (every language),
    once per test run: the first worker to ask builds it, under a file lock, and the others
    wait for it and read the same folder. Returns (the build's result, its builddir)."""
    from filelock import FileLock

    builddir = shared_folder / "builds" / profile.replace("/", "-")
    record = builddir / "result.json"
    with FileLock(f"{builddir}.lock"):
        if not record.exists():
            builddir.mkdir(parents=True, exist_ok=True)
            result = guide_build(profile, builddir)
            record.write_text(
                json.dumps([result.args, result.returncode, result.stdout, result.stderr]),
                encoding="utf-8",
            )
    return subprocess.CompletedProcess(*json.loads(record.read_text(encoding="utf-8"))), builddir


class Builds(dict):
    """The site built with each profile, by profile, each built when first asked for."""

    def __init__(self, shared_folder):
        super().__init__()
        self.shared_folder = shared_folder

    def __missing__(self, profile):
        result, builddir = build_once(self.shared_folder, profile)
        self[profile] = (result, builddir / "html")
        return self[profile]


@pytest.fixture(scope="session")
def builds(shared_folder):
    """``builds[profile]``: (result, html folder) of that profile's one build in this run."""
    return Builds(shared_folder)


@pytest.fixture(scope="session")
def site_build(builds):
    """The whole site with the default profile, warnings as errors."""
    return builds["local/default"]


@pytest.fixture(scope="session")
def site(site_build):
    """The built site's folder; fails (never skips) if the build did not succeed."""
    result, out = site_build
    if result.returncode != 0:
        pytest.fail(f"the site did not build:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def example_builds(builds):
    """The site built with each example profile, as ``make html PROFILE=...`` does; each is
    built the first time a test asks for it."""
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
def welsh_build(builds):
    """The Cardiff example as ``python -m guide build`` makes it: English, and Welsh in cy/."""
    result, out = builds["local/examples/cardiff"]
    if result.returncode != 0:
        pytest.fail(f"the Welsh example did not build:\n{result.stdout}\n{result.stderr}")
    return out, result


@pytest.fixture(scope="session")
def site_named(request):
    """Each profile's built site by its profile's path, and Cardiff's Welsh one as ``cy``,
    each built only when a test asks for it."""

    def site_of(name):
        if name == "cy":
            return request.getfixturevalue("welsh_build")[0] / "cy"
        return request.getfixturevalue("profile_sites")[name]

    return site_of


@pytest.fixture(scope="session")
def server(site):
    """The whole site, served."""
    with serving(site) as url:
        yield url


@pytest.fixture
def connections(monkeypatch):
    """Every address this process connects to; anything but 127.0.0.1 fails the test before
    a packet is sent (``helpers.loopback_only``). Every import test that fetches uses it."""
    return loopback_only(monkeypatch)


@pytest.fixture
def feed_server():
    """Bristol's and Buckinghamshire's real feeds served on 127.0.0.1 (``tests/feeds_server.py``):
    ``feed_server.url("bristol")`` or ``url("bucks")`` is the ``[import] url``; ``asked`` lists
    every path requested; ``add`` and ``route`` serve a test's own feed or answers."""
    with feeds_serving() as server:
        yield server


@pytest.fixture(scope="session")
def axe_page(browser):
    """One page kept for the run and visited in turn by the tests that only load a page and
    look at it (axe-core on every page): its renderer compiles axe-core once and keeps it,
    where a new page for each test compiled it again (three times slower)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


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
