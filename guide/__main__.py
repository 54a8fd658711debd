"""The practice guide's commands: what ``make`` runs, and what works without ``make``.

Every command exits with the same status for the same outcome (README, "All the commands"):
0 done; 1 failed (a build, a feed, a stale file, a busy port); 2 bad usage or a bad profile.
"""

import argparse
import difflib
import re
import sys
from pathlib import Path

from . import (
    bench,
    build,
    dist,
    importer,
    new,
    pages,
    profile_check,
    project,
    schema_files,
    serve,
    translations,
)

COMMANDS = (
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
)
EPILOG = "exit status: 0 done; 1 failed; 2 bad usage or a bad profile"


class Help(argparse.HelpFormatter):
    """Each option's help ends with its default, when it has one worth saying."""

    def _get_help_string(self, action):
        text = action.help or ""
        flag = action.nargs == 0
        if flag or action.default in (None, argparse.SUPPRESS) or "%(default)" in text:
            return text
        if action.option_strings or action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE):
            return f"{text} (default: %(default)s)"
        return text


class Parser(argparse.ArgumentParser):
    """argparse that says "did you mean" for a misspelt command, with defaults in the help."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Help)
        kwargs.setdefault("epilog", EPILOG)
        super().__init__(*args, **kwargs)

    def error(self, message):
        found = re.search(
            r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)", message
        )
        if found:
            choices = re.findall(r"'([^']*)'", found[3])
            hint = did_you_mean(found[2], choices)
            if found[1] == "command":
                message = f"there is no command {found[2]!r}" + hint
            else:
                message += hint
        super().error(message)


def did_you_mean(word, choices):
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def unrecognised(extra, sub):
    """The message for arguments a command does not take, naming the option meant if any."""
    options = [o for action in sub._actions for o in action.option_strings]
    for word in extra:
        if word.startswith("-"):
            hint = did_you_mean(word.split("=", 1)[0], options)
            return f"unrecognised option {word}" + (
                hint or f" (the options are: {', '.join(o for o in options if o.startswith('--'))})"
            )
    return f"unrecognised arguments: {' '.join(extra)}"


def prog():
    return "guide" if Path(sys.argv[0]).name in ("guide", "guide.exe") else "python -m guide"


def parser():
    """The command line: the top parser and each command's, by name."""
    top = Parser(prog=prog(), description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"%(prog)s {project()['version']}")
    commands = top.add_subparsers(dest="command", required=True, metavar="command")
    subs = {}
    for module in COMMANDS:
        sub = subs[module.NAME] = commands.add_parser(
            module.NAME, help=module.HELP, description=module.HELP
        )
        module.arguments(sub)
        sub.set_defaults(run=module.run)
    return top, subs


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    # What follows -- goes to sphinx-build unchanged (build only): guide build -- -j auto
    passthrough = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    top, subs = parser()
    args, extra = top.parse_known_args(argv)
    sub = subs[args.command]
    if extra:
        sub.error(unrecognised(extra, sub))
    if args.command == "build":
        return args.run(args, passthrough)
    if passthrough:
        sub.error(f"only build passes options to sphinx-build (after --): {' '.join(passthrough)}")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
