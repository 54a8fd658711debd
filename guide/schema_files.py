"""``schema``: the JSON Schemas for editors and the README's field tables, from the declaration."""

import sys

from . import ROOT

NAME = "schema"
HELP = "write local/schema/*.schema.json and the README's field tables (--check: only compare)"


def arguments(parser):
    parser.add_argument("--check", action="store_true", help="fail if any file is out of date")


def stale():
    """Each generated file that differs from what the declaration makes, with its content."""
    from profiledata import json_schema

    wanted = dict(json_schema.outputs())
    readme = ROOT / "README.md"
    wanted["README.md"] = json_schema.fill_readme(readme.read_text(encoding="utf-8"))
    result = {}
    for name, text in wanted.items():
        path = ROOT / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            result[name] = text
    return result


def run(args):
    changed = stale()
    if args.check:
        for name in changed:
            print(f"schema: {name} is out of date: run  make schema", file=sys.stderr)
        return 1 if changed else 0
    for name, text in changed.items():
        path = ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"schema: wrote {name}")
    if not changed:
        print("schema: every file is up to date")
    return 0
