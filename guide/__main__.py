"""The practice guide's commands: what ``make`` runs, and what works without ``make``."""

import argparse
import sys

from . import build, dist, importer, profile_check, schema_files, translations


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m guide", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    for module in (build, dist, profile_check, importer, schema_files, translations):
        sub = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.arguments(sub)
        sub.set_defaults(run=module.run)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "build":
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    return args.run(args, extra) if args.command == "build" else args.run(args)


if __name__ == "__main__":
    sys.exit(main())
