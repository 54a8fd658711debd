"""Sphinx in a child forked from a warm server (``guide/children.py``): what the child prints
reaches the caller, its status comes back, and the server is waited for when we stop, so
whoever runs us (``/usr/bin/time``, ``make bench``) counts what the builds used."""

import subprocess
import sys

import pytest
from helpers import ROOT

pytestmark = pytest.mark.unit

SCRIPT = """
import resource
from guide import children

status, printed = children.sphinx(["--version"], output="capture")
unwaited = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
children.stop_server()
waited = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(status, printed.strip(), unwaited, waited, sep="|")
"""


def test_a_child_prints_and_the_server_is_waited_for():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    status, printed, unwaited, waited = result.stdout.strip().split("|")
    assert status == "0" and printed.startswith("sphinx-build "), result.stdout
    # Until the server is waited for, nothing it ran is counted; then the largest is.
    assert int(unwaited) == 0 and int(waited) > 20_000, result.stdout
