"""The practice guide's commands: what ``make`` runs, and what works without ``make``."""

import argparse
import sys

from . import (
    bench,
    build,
    dist,
    importer,
    new,
    pages,
    profile_check,
    schema_files,
    serve,
    translations,
)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m guide", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    for module in (
        build,
        serve,
        dist,
        pages,
        new,
        profile_check,
        schema_files,
        importer,
        translations,
        bench,
    ):
        sub = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.arguments(sub)
        sub.set_defaults(run=module.run)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("build", "bench"):
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    if args.command == "bench":
        args.options = [*args.options, *extra]
    return args.run(args, extra) if args.command == "build" else args.run(args)


if __name__ == "__main__":
    sys.exit(main())
