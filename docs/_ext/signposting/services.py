"""Services from YAML and CSV files, each field kept with its line, then validated.

Every problem in every file is collected; nothing here raises for bad data.
"""

import csv
import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from . import fields
from .fields import Invalid
from .problems import Problem, shown_path
from .vocabulary import ACCESS, DELIVERY, STAGES, TIERS, TOPICS

FIELDS = (
    "id", "name", "organisation", "tier", "summary", "stages", "topics", "access", "delivery",
    "cost", "languages", "area", "phone", "email", "website", "address", "opening_times",
    "last_reviewed",
)  # fmt: skip
REQUIRED = ("id", "name", "organisation", "tier", "summary", "stages", "access", "last_reviewed")
LIST_FIELDS = ("stages", "topics", "access", "delivery", "languages")
SUMMARY_LIMIT = 400


@dataclass
class Record:
    """One service as written: each field's raw value and the line it is on."""

    path: str
    line: int
    number: int = 0
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)


@dataclass
class Service:
    id: str
    name: str
    organisation: str
    tier: str
    summary: str
    stages: list
    access: list
    last_reviewed: dt.date
    topics: list = field(default_factory=list)
    delivery: list = field(default_factory=list)
    cost: str = "free"
    languages: list = field(default_factory=lambda: ["en"])
    area: str = ""
    phone: str = ""
    phone_e164: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    opening_times: str = ""
    national: bool = False
    source: str = ""
    line: int = 0
    stale: bool = False

    def as_json(self):
        data = asdict(self)
        data["last_reviewed"] = self.last_reviewed.isoformat()
        del data["source"], data["line"]
        return data


def read_file(path: Path):
    """Records and problems from one data file, chosen by its ending."""
    shown = shown_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [Problem(shown, 0, f"cannot be read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [Problem(shown, line, "is not UTF-8 text: save it as 'CSV UTF-8' or UTF-8")]
    if path.suffix.lower() == ".csv":
        return read_csv(text, shown)
    return read_yaml(text, shown)


def read_yaml(text, shown):
    problems, records = [], []
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reason = getattr(exc, "problem", None) or "cannot be read"
        return [], [Problem(shown, mark.line + 1 if mark else 1, f"is not valid YAML: {reason}")]
    except Exception as exc:  # noqa: BLE001 (any reader failure is the file's problem)
        return [], [Problem(shown, 1, f"is not valid YAML: {exc}")]
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
            except Exception as exc:  # noqa: BLE001 (a value PyYAML cannot build)
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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return [], []
        header = [name.strip() for name in header]
        for name in header:
            if name and name not in FIELDS:
                problems.append(
                    Problem(shown, 1, f"unknown column {name!r}{fields.suggest(name, FIELDS)}")
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
                if name in FIELDS and cell.strip() and name not in record.values:
                    record.values[name] = cell
                    record.lines[name] = line
            records.append(record)
    except csv.Error as exc:
        problems.append(Problem(shown, reader.line_num or 1, f"is not valid CSV: {exc}"))
    return records, problems


def validate(record: Record, *, area: str, today: dt.date):
    """A ``Service`` and no problems, or ``None`` and every problem with this record."""
    problems = []
    values = record.values
    raw_id = values.get("id")
    who = (
        f"service {raw_id.strip()!r}"
        if isinstance(raw_id, str) and raw_id.strip()
        else f"service {record.number}"
    )

    def report(name, message):
        problems.append(
            Problem(record.path, record.lines.get(name, record.line), f"{who}: {message}")
        )

    for name in values:
        if name not in FIELDS:
            report(name, f"unknown field {name!r}{fields.suggest(name, FIELDS)}")
    for name in REQUIRED:
        if name not in values or values[name] is None:
            report(name, f"{name} is missing")

    checks = {
        "id": fields.slug,
        "name": fields.text,
        "organisation": fields.text,
        "tier": lambda v: fields.one_of(v, TIERS),
        "summary": lambda v: fields.text(v, limit=SUMMARY_LIMIT),
        "stages": lambda v: fields.choices(v, STAGES, required=True),
        "topics": lambda v: fields.choices(v, TOPICS, required=False),
        "access": lambda v: fields.choices(v, ACCESS, required=True),
        "delivery": lambda v: fields.choices(v, DELIVERY, required=False),
        "cost": fields.text,
        "languages": fields.languages,
        "area": fields.text,
        "phone": fields.uk_phone,
        "email": fields.email,
        "website": fields.web_address,
        "address": fields.text,
        "opening_times": fields.text,
        "last_reviewed": lambda v: fields.review_date(v, today),
    }
    clean = {}
    for name, check in checks.items():
        if name not in values or values[name] is None:
            continue
        try:
            clean[name] = check(values[name])
        except Invalid as exc:
            report(name, f"{name} {exc}")
    if not any(values.get(name) is not None for name in ("phone", "email", "website")):
        report("id", "needs at least one of phone, email or website")
    if problems:
        return None, problems
    phone, phone_e164 = clean.pop("phone", ("", ""))
    clean.setdefault("area", area)
    line = record.lines.get("id", record.line)
    return Service(**clean, phone=phone, phone_e164=phone_e164, source=record.path, line=line), []
