"""Every command of ``python -m guide`` (what make runs, and what Windows administrators run in
PowerShell): the list, --version and the ``guide`` command, a misspelt option or command, help
with every default, the same exit status for a bad profile everywhere, serve (a busy port, no
service worker, one line per rebuild), translations, and the examples' schema lines.
build, check, schema, dist and import have their own tests."""

import argparse
import importlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.error
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
    from guide.__main__ import parser

    _, subs = parser()
    for command in COMMANDS:
        assert subs[command].format_help().startswith(f"usage: python -m guide {command}"), command


@pytest.mark.site
def test_serve_rebuilds_when_a_page_is_saved_and_says_so_in_one_line(tmp_path, monkeypatch, capfd):
    import guide.build
    import guide.serve

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(guide.build, "DOCS", docs)
    monkeypatch.setattr(guide.serve, "DOCS", docs)
    real, servers = guide.serve.listen, []
    monkeypatch.setattr(
        guide.serve, "listen", lambda *args: servers.append(real(*args)) or servers[-1]
    )
    # A page saved just as the first build ends (after Sphinx read it) is built again, not
    # missed: serve notes what it watches before it builds.
    real_build, early = guide.serve.build, docs / "about" / "accessibility.md"

    def build_then_save(*args, **kwargs):
        status = real_build(*args, **kwargs)
        if "Saved as the first build ended." not in early.read_text(encoding="utf-8"):
            early.write_text(early.read_text() + "\nSaved as the first build ended.\n")
        return status

    monkeypatch.setattr(guide.serve, "build", build_then_save)
    stop = threading.Event()
    thread = threading.Thread(
        target=guide.serve.watch, args=("local/default", tmp_path / "build", 0),
        kwargs={"interval": 0.2, "stop": stop}, daemon=True,
    )  # fmt: skip
    thread.start()
    try:
        # The first build makes the cards' PDFs, each laid out at a few sizes: a minute or more
        # on a busy machine. This test is about the rebuild, not the build's speed.
        url = wait_for(
            lambda: servers and f"http://127.0.0.1:{servers[0].server_address[1]}/", seconds=300
        )
        page = url + "about/changelog.html"
        wait_for(lambda: fetch(page), seconds=300)
        early_page = url + "about/accessibility.html"
        wait_for(lambda: "Saved as the first build ended." in fetch(early_page), seconds=90)
        assert "A sentence saved just now." not in fetch(page)
        capfd.readouterr()
        changelog = docs / "about" / "changelog.md"
        changelog.write_text(changelog.read_text() + "\nA sentence saved just now.\n")
        wait_for(lambda: "A sentence saved just now." in fetch(page), seconds=90)
    finally:
        stop.set()
        thread.join(timeout=30)
    lines = [line for line in capfd.readouterr().out.splitlines() if "accessibility" not in line]
    assert len(lines) == 1 and re.fullmatch(
        r"serve: .*about/changelog\.md changed; rebuilt in \d+\.\d s", lines[0]
    ), lines


@pytest.mark.unit
def test_pages_serve_serves_register_no_worker(tmp_path):
    """sw.js and offline.json are not found, and offline.js is the script that registers
    nothing and removes what an earlier visit kept; every other file is the site's own."""
    import guide.serve

    (tmp_path / "_static").mkdir()
    for name in ("index.html", "sw.js", "offline.json", "_static/offline.js"):
        (tmp_path / name).write_text(f"the built {name}", encoding="utf-8")
    server = guide.serve.start(guide.serve.listen(tmp_path, "127.0.0.1", 0))
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        assert fetch(url + "index.html") == "the built index.html"
        for name in ("sw.js", "offline.json"):
            with pytest.raises(urllib.error.HTTPError, match="404"):
                fetch(url + name)
        script = fetch(url + "_static/offline.js")
        assert "unregister()" in script and "register(" not in script.replace("unregister(", "")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.unit
def test_a_busy_port_is_one_line_naming_a_free_one(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = guide("serve", "--port", str(port), "--builddir", str(tmp_path / "b"))
    assert result.returncode == 1
    assert re.fullmatch(rf"serve: port {port} is in use; try --port \d+\n", result.stderr)
    assert result.stdout == "" and not (tmp_path / "b").exists(), "nothing was built"


@pytest.mark.unit
def test_version_and_the_guide_command():
    result = guide("--version")
    assert (result.returncode, result.stdout) == (0, "python -m guide 0.1.0\n")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"guide": "guide.__main__:main"}
    assert "guide" in project["tool"]["setuptools"]["packages"]
    module, function = project["project"]["scripts"]["guide"].split(":")
    assert callable(getattr(importlib.import_module(module), function))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["biuld"], "there is no command 'biuld'; did you mean build?"),
        (["build", "--profle", "local/examples/leeds"], "unrecognised option --profle; did you mean --profile?"),
        (["serve", "--prot", "8001"], "unrecognised option --prot; did you mean --port?"),
        (["dist", "--dist-dir=x"], "unrecognised option --dist-dir=x; did you mean --dist?"),
        (["check", "-j", "2"], "only build passes options"),
    ],
)  # fmt: skip
def test_a_misspelt_option_stops_with_the_commands_usage(tmp_path, args, meant):
    if args[0] == "check":
        args = ["check", "--", *args[1:]]
    result = (
        guide(*args, "--builddir", str(tmp_path / "b"))
        if args[0] in ("build", "serve")
        else guide(*args)
    )
    assert result.returncode == 2 and meant in result.stderr, result.stderr
    command = args[0] if args[0] != "biuld" else ""
    assert result.stderr.startswith(f"usage: python -m guide {command}".rstrip())
    assert "Traceback" not in result.stderr and not (tmp_path / "b").exists()


@pytest.mark.unit
def test_every_option_has_help_with_its_default(monkeypatch):
    from guide.__main__ import parser

    # argparse wraps help at the terminal's width, and may break a default path at a hyphen
    # ("/tmp/ci- final/locales"): a wide terminal keeps each default whole.
    monkeypatch.setenv("COLUMNS", "1000")
    _, subs = parser()
    assert sorted(subs) == sorted(COMMANDS)
    for name, sub in subs.items():
        text = " ".join(sub.format_help().split())
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, (name, action.option_strings)
            if action.nargs != 0 and action.default is not None:
                assert f"(default: {action.default})" in text, (name, action.option_strings)


@pytest.mark.unit
@pytest.mark.parametrize("command", ["build", "dist", "check", "import", "serve"])
def test_a_bad_profile_is_status_2_in_every_command(tmp_path, command):
    extra = ["--builddir", str(tmp_path / "b")] if command in ("build", "dist", "serve") else []
    port = ["--port", "0"] if command == "serve" else []
    result = guide(command, "--profile", str(tmp_path / "nowhere"), *extra, *port)
    assert result.returncode == 2, result.stderr
    assert "does not exist: PROFILE must name a profile folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.unit
def test_a_copied_example_still_finds_its_schemas():
    """An example's first line names its JSON Schema for editors; copied to local/<name>/ as
    the README says, the same line still names a file that exists."""
    for path in [
        *ROOT.glob("local/examples/*/profile.toml"),
        *ROOT.glob("local/examples/*/services.yaml"),
    ]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = re.search(r"(?:#:schema |\$schema=)(\S+)", first)[1]
        assert (path.parent / target).resolve().is_file(), path
        assert (ROOT / "local" / "my-area" / target).resolve().is_file(), path


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


@pytest.mark.site
def test_build_says_each_long_step_in_one_line_and_is_silent_with_q(builds, tmp_path):
    result, html = builds["local/examples/cardiff"]
    lines = result.stdout.splitlines()
    assert lines[0] == "build: building English" and "build: building Welsh" in lines, lines
    assert "cards: writing the cards' PDFs" in lines
    coverage = [line for line in lines if line.startswith("translation (cy)")]
    assert len(coverage) == 1, lines
    assert re.fullmatch(
        r"translation \(cy\): \d+ of \d+ messages translated \(\d+%\) on \d+ pages", coverage[0]
    )
    assert re.fullmatch(r"build: the site is in .* \(\d+\.\d s\)", lines[-1])
    copy = tmp_path / "build"
    shutil.copytree(html.parent, copy, symlinks=True)
    quiet = guide("build", "-q", "--profile", "local/examples/cardiff", "--builddir", str(copy))
    assert (quiet.returncode, quiet.stdout) == (0, ""), quiet.stderr
    loud = guide("build", "-v", "--profile", "local/examples/cardiff", "--builddir", str(copy))
    assert loud.returncode == 0, loud.stderr
    assert re.search(r"^translation \(cy\): .* on \d+ pages: .*index \d+/\d+", loud.stdout, re.M)
