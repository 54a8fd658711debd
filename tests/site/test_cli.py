"""Every command of ``python -m guide`` (what make runs, and what Windows administrators run in
PowerShell): the list, serve with its rebuild on save, translations, and bench's options.
build, check, schema, dist and import have their own tests."""

import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from helpers import ROOT

COMMANDS = [
    "build",
    "serve",
    "dist",
    "pages",
    "new",
    "check",
    "schema",
    "import",
    "translations",
    "bench",
]


def guide(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")}
    return subprocess.run(
        [sys.executable, "-m", "guide", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


@pytest.mark.unit
def test_the_help_lists_every_command():
    result = guide("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert f"    {command}" in result.stdout, command
    for command in COMMANDS:
        assert guide(command, "--help").returncode == 0, command


@pytest.mark.site
def test_serve_rebuilds_when_a_page_is_saved(tmp_path, monkeypatch):
    import guide.build
    import guide.serve

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(guide.build, "DOCS", docs)
    monkeypatch.setattr(guide.serve, "DOCS", docs)
    real, servers = guide.serve.start_server, []
    monkeypatch.setattr(
        guide.serve,
        "start_server",
        lambda folder, port: servers.append(real(folder, port)) or servers[-1],
    )
    stop = threading.Event()
    thread = threading.Thread(
        target=guide.serve.watch, args=("local/default", tmp_path / "build", 0),
        kwargs={"interval": 0.2, "stop": stop}, daemon=True,
    )  # fmt: skip
    thread.start()
    try:
        url = wait_for(lambda: servers and f"http://127.0.0.1:{servers[0].server_address[1]}/")
        page = url + "about/changelog.html"
        assert "A sentence saved just now." not in fetch(page)
        changelog = docs / "about" / "changelog.md"
        changelog.write_text(changelog.read_text() + "\nA sentence saved just now.\n")
        wait_for(lambda: "A sentence saved just now." in fetch(page), seconds=90)
    finally:
        stop.set()
        thread.join(timeout=30)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
        return response.read().decode("utf-8")


def wait_for(condition, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if value := condition():
                return value
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail("timed out")


@pytest.mark.site
def test_translations_extract_pages_and_keep_what_is_translated(tmp_path):
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    index = locales / "cy/LC_MESSAGES/index.po"
    before = index.read_text(encoding="utf-8")
    assert 'msgid "Skip to main content"' in (locales / "cy/LC_MESSAGES/sphinx.po").read_text()
    (locales / "cy/LC_MESSAGES/framework/step-1.po").unlink()
    result = guide("translations", "--locales", str(locales), "--builddir", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    assert (locales / "cy/LC_MESSAGES/framework/step-1.po").exists(), "made again"
    assert index.read_text(encoding="utf-8") == before, "an up-to-date catalogue is kept"
    signposting = (locales / "cy/LC_MESSAGES/signposting.po").read_text(encoding="utf-8")
    assert 'msgid "Getting more help"' in signposting, "the declared words are offered"
    step1 = (locales / "cy/LC_MESSAGES/framework/step-1.po").read_text(encoding="utf-8")
    quote = "What 3 words or phrases would you use to describe your relationship with your baby?"
    assert f'msgid "{quote}"' not in step1, "a {wording} quotation is not offered"
    assert 'msgid "Step 1: starting the conversation"' in step1
