"""Shared fixtures: sphinx.testing roots, one build of the whole site, a local server, Chromium."""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))  # the extensions, for sphinx.testing roots and unit tests
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def rootdir():
    """Where sphinx.testing finds the ``test-*`` roots."""
    return ROOT / "tests" / "roots"


def site_pages():
    """Every HTML page the site has: one per source file, plus search and the index."""
    pages = sorted(
        path.relative_to(DOCS).with_suffix(".html").as_posix()
        for path in DOCS.rglob("*.md")
        if "_ext" not in path.parts
    )
    return [*pages, "search.html", "genindex.html"]


def sphinx_build(srcdir, outdir, *options, confdir=None):
    """Run sphinx-build in a child process, as ``make html`` does, and keep what it printed."""
    env = {**os.environ, "PYTHONPATH": str(DOCS / "_ext")}
    command = [sys.executable, "-m", "sphinx", "-q", *options]
    if confdir is not None:
        command += ["-c", str(confdir)]
    return subprocess.run(
        [*command, str(srcdir), str(outdir)], capture_output=True, text=True, cwd=ROOT, env=env
    )


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(directory):
    """Serve a folder on 127.0.0.1 and yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(site):
    """The whole site, served."""
    with serving(site) as url:
        yield url


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


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run  npm ci  (make test does this)")
    return AXE.read_text(encoding="utf-8")
