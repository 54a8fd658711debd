"""``bench``: the benchmark (``scripts/bench.py``): build times, every page type's weight
against its budget, other themes, 100 to 5,000 services, filtering at full and 4x slowed CPU."""

import functools
import runpy
import sys

from . import ROOT

NAME = "bench"
HELP = "the benchmark: build times, page weights against the budget, scale (writes bench.json)"


@functools.cache
def script():
    return runpy.run_path(str(ROOT / "scripts" / "bench.py"))


def arguments(parser):
    script()["arguments"](parser)


def run(args):
    return script()["bench"](args)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
