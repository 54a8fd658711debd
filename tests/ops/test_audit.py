"""``make audit``: pip-audit over the lock file exits non-zero on a known vulnerability. Run
here against an advisory server on 127.0.0.1 (pip-audit's OSV service with ``--osv-url``), so
the test reaches no other host; ``make audit`` itself asks PyPI."""

import http.server
import json
import os
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.unit

ADVISORY = {
    "id": "GHSA-test-0000-0000",
    "summary": "A made-up advisory for the test",
    "affected": [{"package": {"name": "jinja2", "ecosystem": "PyPI"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                                                              {"fixed": "99.0"}]}]}],
}  # fmt: skip


class Advisories(http.server.BaseHTTPRequestHandler):
    """OSV's /v1/query: the advisories for one package version; at most 400 answers."""

    vulnerable = set()
    asked = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Advisories.asked.append(query["package"]["name"])
        found = query["package"]["name"] in self.vulnerable and len(self.asked) <= 400
        body = json.dumps({"vulns": [ADVISORY]} if found else {}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def advisories():
    Advisories.asked = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Advisories)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1/query"
    finally:
        server.shutdown()
        server.server_close()


def audit_command():
    """The command ``make audit`` runs (make -n prints it without running anything)."""
    venv = Path(sys.executable).parent.parent
    printed = subprocess.run(
        ["make", "--no-print-directory", "-n", "audit", f"VENV={venv}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    joined = printed.replace("\\\n", " ")
    (line,) = [line for line in joined.splitlines() if "pip-audit" in line]
    return shlex.split(line)


def run_audit(url, tmp_path):
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    command = [*audit_command(), "--vulnerability-service", "osv", "--osv-url", url,
               "--cache-dir", str(tmp_path / "cache"), "--timeout", "5"]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def test_the_command_reads_the_lock_with_hashes_required():
    command = audit_command()
    assert command[0].endswith("pip-audit")
    assert "--require-hashes" in command and "--disable-pip" in command
    assert command[command.index("--requirement") + 1] == "requirements-test.txt"


def test_a_known_vulnerability_fails_the_audit_and_is_named(advisories, tmp_path):
    Advisories.vulnerable = {"jinja2"}
    result = run_audit(advisories, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "jinja2" in result.stdout and "GHSA-test-0000-0000" in result.stdout
    assert "jinja2" in Advisories.asked and "sphinx" in Advisories.asked


def test_no_known_vulnerability_passes(advisories, tmp_path):
    Advisories.vulnerable = set()
    result = run_audit(advisories, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No known vulnerabilities found" in result.stdout + result.stderr
    assert len(Advisories.asked) >= 90
