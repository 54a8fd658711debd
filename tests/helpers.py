"""Small checks and tools shared by the tests (fixtures live in conftest.py)."""

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = ["local/examples/cardiff", "local/examples/leeds"]


def site_pages():
    """Every HTML page the site has: one per source file, plus search and the index."""
    pages = sorted(
        path.relative_to(DOCS).with_suffix(".html").as_posix()
        for path in DOCS.rglob("*.md")
        if "_ext" not in path.parts
    )
    return [*pages, "search.html", "genindex.html"]


def sphinx_build(srcdir, outdir, *options, confdir=None, quiet=True):
    """Run sphinx-build in a child process, as ``make html`` does, and keep what it printed."""
    env = {**os.environ, "PYTHONPATH": str(DOCS / "_ext")}
    command = [sys.executable, "-m", "sphinx", "--no-color", *(["-q"] if quiet else []), *options]
    if confdir is not None:
        command += ["-c", str(confdir)]
    return subprocess.run(
        [*command, str(srcdir), str(outdir)], capture_output=True, text=True, cwd=ROOT, env=env
    )


def guide_build(profile, builddir, *options):
    """Run ``python -m guide build`` in a child process, as ``make html`` does; the site is in
    ``builddir/html``."""
    env = {**os.environ, "PYTHONPATH": str(DOCS / "_ext")}
    command = [sys.executable, "-m", "guide", "build", "--profile", str(profile),
               "--builddir", str(builddir), *options]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)


def import_profile(source, *, format="hsds-3", area="Exampleton", extra=""):
    """``profile.toml`` for an area whose directory is what its ``[import]`` writes: ``source``
    is the ``url = ...`` or ``file = ...`` line; ``extra``, more lines for ``[import]`` or
    more tables (``[import.topics]``...)."""
    return f"""[area]
name = "{area}"
nation = "england"

[directory]
sources = ["imported.yaml"]
include_national = false

[import]
{source}
format = "{format}"
snapshot = "imported.yaml"
default_tier = "help"
default_access = ["self-referral"]
{extra}
"""


def loopback_only(monkeypatch):
    """Watch every connection made in this process (``socket.create_connection``, which
    http.client uses): anything but 127.0.0.1 fails the test before a packet is sent. Returns
    the list of addresses connected to, in order (the ``connections`` fixture)."""
    made, real = [], socket.create_connection

    def create_connection(address, *args, **kwargs):
        made.append(address)
        if address[0] != "127.0.0.1":
            raise AssertionError(f"the import tried to connect to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return made


# The policy an intranet is expected to send (README, "Publishing on your intranet").
# The W3C Nu HTML Checker (npm's vnu-jar) as the tests run it: Java's quick compiler alone and
# one garbage-collecting thread, which halve the CPU a run of a few seconds takes; without the
# optimising compiler the HTML schema needs a deeper stack than the default.
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NU_CHECKER = ["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, optionally under a sub-path and with a Content-Security-Policy."""

    prefix = "/"
    csp = None

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def handle(self):
        # A browser context may close while a file is still on its way.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()


@contextlib.contextmanager
def serving(directory, *, prefix="/", csp=None):
    """Serve a folder on 127.0.0.1 and yield its base URL (ending in ``prefix``)."""
    handler_class = type("Handler", (_Handler,), {"prefix": prefix, "csp": csp})
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _InlineFinder(HTMLParser):
    """Collect everything a strict Content-Security-Policy would block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script":
            if "src" not in names:
                self.problems.append(f"<script> without src at line {self.getpos()[0]}")
            self._in_script = True
        if tag == "style":
            self.problems.append(f"<style> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style= on <{tag}> at line {self.getpos()[0]}")
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}> at line {self.getpos()[0]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script text at line {self.getpos()[0]}")


def inline_code(html: str) -> list[str]:
    """Every inline script, style element, style attribute or event handler in a page."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


class ChecklistParser(HTMLParser):
    """Checklists as a reader's browser sees them: id, title and each box's label text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._label, self._legend = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-checklist" in attrs:
            self.found.append({"id": attrs["data-checklist"], "title": "", "items": []})
        elif tag == "legend" and self.found:
            self._legend = True
        elif tag == "li" and "data-item" in attrs and self.found:
            self.found[-1]["items"].append({"id": attrs["data-item"], "text": ""})
        elif tag == "label" and self.found and self.found[-1]["items"]:
            self._label = self.found[-1]["items"][-1]

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None
        if tag == "legend":
            self._legend = False

    def handle_data(self, data):
        if self._label is not None:
            self._label["text"] += data
        elif self._legend:
            self.found[-1]["title"] += data


def checklists_in(html):
    parser = ChecklistParser()
    parser.feed(html)
    for checklist in parser.found:
        for item in checklist["items"]:
            item["text"] = " ".join(item["text"].split())
    return parser.found


class _VisibleText(HTMLParser):
    """The text a reader sees, leaving out scripts, styles and the elements named in ``skip``.

    Attribute values (``class``, ``data-``, ``href`` and the rest) are never text, so they are
    left out by construction.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # fmt: skip

    def __init__(self, skip):
        super().__init__(convert_charrefs=True)
        self.skip = {"script", "style", *skip}
        self.open, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in self.open:
            return
        while self.open.pop() != tag:
            pass

    def handle_data(self, data):
        if not self.skip.intersection(self.open):
            self.texts.append(data)


def visible_text(html, skip=()):
    """A page's visible text as one line, without the elements named in ``skip``."""
    parser = _VisibleText(skip)
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.texts).split())


def pdf_runs(pdf_page):
    """Each piece of text on a PDF page as ``(size in points, height of its baseline above the
    page's foot, text)``, read from the content stream's text operators."""
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        # The text matrix times the current transformation matrix: where and how large.
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append((round(size * (c * c + d * d) ** 0.5, 2), y, text))

    pdf_page.extract_text(visitor_text=visit)
    return found


def body_size(runs):
    """The size most of a page's characters are set in."""
    chars = {}
    for size, _, text in runs:
        chars[size] = chars.get(size, 0) + len(text.strip())
    return max(chars, key=chars.get)


def reach(runs, height):
    """How far down the page its text reaches, as a share of the page's height."""
    return (height - min(y for _, y, _ in runs)) / height
