"""``bench``: the benchmark (``scripts/bench.py``): build times, every page type's weight
against its budget, other themes, 100 to 5,000 services, filtering at full and 4x slowed CPU."""

import runpy
import sys

from . import ROOT

NAME = "bench"
HELP = "the benchmark: build times, page weights against the budget, scale (writes bench.json)"


def arguments(parser):
    parser.add_argument("options", nargs="*", help="passed to scripts/bench.py (--sizes, --runs)")


def run(args):
    script = runpy.run_path(str(ROOT / "scripts" / "bench.py"))
    return script["main"](args.options)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
