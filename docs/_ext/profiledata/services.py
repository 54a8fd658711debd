"""Services from YAML and CSV files, each field kept with its line, then validated.

Every problem in every file is collected; nothing here raises for bad data.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import fields, files, schema
from .fields import Invalid
from .problems import Problem, shown_path

COLUMNS = schema.SERVICE.keys


@dataclass
class Record:
    """One service as written: each field's raw value and the line it is on."""

    path: str
    line: int
    number: int = 0
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)


def read_file(path: Path, shown=None):
    """Records and problems from one data file, chosen by its ending; never more than
    ``files.SOURCE_LIMIT`` bytes are read."""
    shown = shown or shown_path(path)
    try:
        raw = files.read_bounded(path, files.SOURCE_LIMIT, "a services file")
    except Invalid as exc:
        return [], [Problem(shown, 0, str(exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [Problem(shown, line, "is not UTF-8 text: save it as 'CSV UTF-8' or UTF-8")]
    if path.suffix.lower() == ".csv":
        return read_csv(text, shown)
    return read_yaml(text, shown)


class _NoAnchors(yaml.YAMLError):
    def __init__(self, mark):
        super().__init__()
        self.problem_mark = mark
        self.problem = "anchors and aliases (& and *) are not allowed in a services file"


class _Refusing:
    """Composes nodes refusing anchors and aliases: a spreadsheet never writes them, and an
    alias bomb expands a few lines into gigabytes."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _NoAnchors(event.start_mark)
        return super().compose_node(parent, index)


class _PythonLoader(_Refusing, yaml.SafeLoader):
    """PyYAML's safe loader, all in Python."""


_Loader = _PythonLoader  # a whole safe loader refusing anchors, for small texts (front matter)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _FastLoader(_Refusing, yaml.composer.Composer, CParser, yaml.resolver.Resolver):
        """libyaml reads the text into events (a snapshot of 10,000 services in seconds, not
        a minute); PyYAML's composer builds the nodes from them, refusing anchors as above."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    LOADERS = (_FastLoader, _PythonLoader)
else:  # pragma: no cover (PyYAML built without libyaml)
    LOADERS = (_PythonLoader,)


def compose(text):
    """The document's root node. A text libyaml cannot read is read again in Python, so
    every problem is named as PyYAML names it (the same character, line and words)."""
    *fast, last = LOADERS
    for loader_class in fast:
        try:
            loader = loader_class(text)
        except UnicodeError:  # a lone surrogate, which only PyYAML's reader can name
            continue
        try:
            return loader.get_single_node()
        except (yaml.YAMLError, RecursionError):
            continue
        finally:
            loader.dispose()
    loader = last(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def read_yaml(text, shown):
    problems, records = [], []
    try:
        root = compose(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        return [], [
            Problem(
                shown,
                line,
                f"is not valid YAML: the character U+{ord(exc.character) if isinstance(exc.character, str) else exc.character:04X} is not allowed",
            )
        ]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reason = getattr(exc, "problem", None) or "cannot be read"
        return [], [Problem(shown, mark.line + 1 if mark else 1, f"is not valid YAML: {reason}")]
    except RecursionError:
        return [], [Problem(shown, 0, "is not valid YAML: it is nested too deeply")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        message = "must be a list of services, each starting with '- id: ...'"
        return [], [Problem(shown, root.start_mark.line + 1, message)]
    constructor = yaml.SafeLoader("")
    for number, item in enumerate(root.value, start=1):
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(
                Problem(shown, line, f"service {number}: must be a set of 'field: value' lines")
            )
            continue
        record = Record(shown, line, number)
        for key_node, value_node in item.value:
            key_line = key_node.start_mark.line + 1
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                problems.append(Problem(shown, key_line, f"service {number}: a field has no name"))
                continue
            if key in record.values:
                problems.append(
                    Problem(shown, key_line, f"service {number}: field {key!r} is given twice")
                )
                continue
            try:
                value = constructor.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
                problems.append(
                    Problem(shown, key_line, f"service {number}: {key}: cannot be read ({exc})")
                )
                continue
            record.values[key] = value
            record.lines[key] = key_line
        records.append(record)
    constructor.dispose()
    return records, problems


def read_csv(text, shown):
    problems, records = [], []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return [], []
        header = [name.strip() for name in header]
        for name in header:
            if name and name not in COLUMNS:
                problems.append(
                    Problem(shown, 1, f"unknown column {name!r}{fields.suggest(name, COLUMNS)}")
                )
        for name in set(header):
            if name and header.count(name) > 1:
                problems.append(Problem(shown, 1, f"column {name!r} appears twice"))
        start = reader.line_num + 1
        number = 0
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                problems.append(
                    Problem(
                        shown, line, f"row has {len(row)} cells but the header has {len(header)}"
                    )
                )
            number += 1
            record = Record(shown, line, number)
            for name, cell in zip(header, row, strict=False):
                if name in COLUMNS and cell.strip() and name not in record.values:
                    record.values[name] = cell
                    record.lines[name] = line
            records.append(record)
    except csv.Error as exc:
        problems.append(Problem(shown, reader.line_num or 1, f"is not valid CSV: {exc}"))
    return records, problems


NATIONAL_NEEDS = ("audience", "nations", "provenance")


def validate(record: Record, *, area: str, today: dt.date, nation: str = "", national=False):
    """A ``Service`` and no problems, or ``None`` and every problem with this record.

    A profile's own services may leave out ``area`` and ``nations`` (the profile's) and
    ``audience`` and ``provenance`` (families; the local profile). A bundled national entry
    must say who it is for, where it applies and where it came from, and has no local area.
    """
    values = record.values
    raw_id = values.get("id")
    who = (
        f"service {raw_id.strip()[:100]!r}"
        if isinstance(raw_id, str) and raw_id.strip()
        else f"service {record.number}"
    )
    clean, welsh, trouble = schema.validate(schema.SERVICE, values, schema.Context(today))
    if national:
        trouble += [
            schema.Issue(key, "is missing: a national entry must give it")
            for key in NATIONAL_NEEDS
            if values.get(key) is None
        ]
    problems = [
        Problem(
            record.path,
            record.lines.get(issue.key or "id", record.line),
            f"{who}: {issue.key + ' ' if issue.key and issue.named else ''}{issue.message}",
        )
        for issue in trouble
    ]
    if problems:
        return None, problems
    if not national:
        clean.setdefault("area", area)
        clean.setdefault("nations", [nation] if nation else [])
    line = record.lines.get("id", record.line)
    service = schema.Service(**clean, in_welsh=welsh, source=record.path, line=line)
    service.national = national
    return service, []
