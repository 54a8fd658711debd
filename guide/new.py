"""``new``: start an area's profile from an example: copy it, set the area's name and nation,
point the editor schema lines at ``local/schema`` from the new folder, and say what to do next.
It never writes over a folder that is already there."""

import json
import os
import re
import shlex
import shutil
import sys
from pathlib import Path

from . import ROOT

NAME = "new"
HELP = "start an area's profile folder from an example (leeds, cardiff or default)"
SCHEMAS = ROOT / "local" / "schema"
# The first lines that tell editors which JSON Schema a file follows (taplo for TOML, the YAML
# language server for YAML); the path is relative to the file.
SCHEMA_LINE = re.compile(
    r"^(#:schema |# yaml-language-server: \$schema=)(\S*?)([a-z]+\.schema\.json)\s*$"
)


def arguments(parser):
    parser.add_argument("folder", help="the new profile folder, for example local/my-area")
    parser.add_argument("--from", dest="source", default="leeds",
                        help="an example (leeds, cardiff, default) or a profile folder to copy")  # fmt: skip
    parser.add_argument("--name", required=True, help='the area\'s name, e.g. "My Area"')
    parser.add_argument("--nation", required=True, choices=["england", "wales"],
                        help="the nation the area is in: Welsh pages beside English for wales")  # fmt: skip
    parser.add_argument("--name-cy", help="the area's name in Welsh, for an area in Wales")


def source_folder(source):
    for candidate in (ROOT / "local" / "examples" / source, ROOT / "local" / source, Path(source)):
        if (candidate / "profile.toml").is_file():
            return candidate
    return None


def toml_string(value):
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(value, ensure_ascii=False)


def set_area(text, name, nation, name_cy):
    """``profile.toml``'s text with [area]'s name, nation and Welsh name set, everything else
    (notes included) as it was."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == "[area]"), None)
    if start is None:
        lines += ["\n[area]\n"]
        start = len(lines) - 1
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
               len(lines))  # fmt: skip
    wanted = {"name": name, "nation": nation, "name_cy": name_cy}
    kept = []
    for line in lines[start + 1 : end]:
        key = re.match(r"\s*([A-Za-z_]+)\s*=", line)
        if key and key.group(1) in wanted:
            continue
        kept.append(line)
    settings = [f"{key} = {toml_string(value)}\n" for key, value in wanted.items() if value]
    return "".join([*lines[: start + 1], *settings, *kept, *lines[end:]])


def fix_schema_lines(folder):
    """Point each file's schema line at local/schema, relative to the new folder."""
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".toml", ".yaml", ".yml") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        first, newline, rest = text.partition("\n")
        match = SCHEMA_LINE.match(first)
        if match:
            relative = Path(os.path.relpath(SCHEMAS, folder.resolve())).as_posix()
            first = f"{match.group(1)}{relative}/{match.group(3)}"
            path.write_text(first + newline + rest, encoding="utf-8")


def problems_with(args):
    name = args.name.strip()
    if not name or len(name) > 100 or any(ord(c) < 32 for c in name):
        return "--name: give the area's name, on one line, at most 100 characters"
    if args.name_cy is not None and args.nation != "wales":
        return "--name-cy: only an area in Wales has a Welsh name in the guide"
    return None


def run(args):
    folder = Path(args.folder)
    problem = problems_with(args)
    if problem:
        print(f"new: {problem}", file=sys.stderr)
        return 2
    if folder.exists() or folder.is_symlink():
        print(f"new: {folder} is already there; nothing was changed. Choose another folder, "
              "or edit that one.", file=sys.stderr)  # fmt: skip
        return 1
    source = source_folder(args.source)
    if source is None:
        print(f"new: --from {args.source}: no such example or profile folder (try leeds, "
              "cardiff or default)", file=sys.stderr)  # fmt: skip
        return 2
    partial = folder.with_name(folder.name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, partial, ignore=shutil.ignore_patterns("__pycache__", "*.part"))
    toml = partial / "profile.toml"
    text = set_area(toml.read_text(encoding="utf-8"), args.name.strip(), args.nation,
                    args.name_cy.strip() if args.name_cy else None)  # fmt: skip
    toml.write_text(text, encoding="utf-8")
    partial.rename(folder)
    fix_schema_lines(folder)
    shown = shlex.quote(folder.as_posix())
    print(f"new: {shown} is a copy of {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source}"
          f" for {args.name.strip()} ({args.nation.title()}). Next:")  # fmt: skip
    then = " then set example = false;" if re.search(r"(?m)^example\s*=\s*true", text) else ""
    print(f"  1. Put in your area's details: the contacts in {folder.as_posix()}/profile.toml and your "
          f"services in its services file, checking each with the service;{then} see the "
          "README, Your area: the local profile.")  # fmt: skip
    print(f"  2. Check it:    python -m guide check --profile {shown}")
    print(f"  3. Look at it:  python -m guide serve --profile {shown}   "
          f"(then publish: python -m guide dist --profile {shown})")  # fmt: skip
    return 0
