"""A local profile: ``profile.toml`` and the service files it names, loaded and checked.

``load_profile`` either returns a ``Directory`` or raises ``ProfileDataError`` listing every
problem in every file. It never raises anything else for bad data: whatever the folder holds
(or fails to hold), the administrator gets ``path:line: what is wrong``.
"""

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import fields, files, pages, schema
from .fields import Invalid
from .problems import Problem, ProfileDataError, shown_path
from .services import read_file, validate

NATIONAL = Path(__file__).parent / "national"


@dataclass
class Directory:
    """Everything a profile says, checked: the area, its contacts and its services."""

    folder: Path
    tables: dict  # table name -> its record (schema.RECORDS), for every table written
    services: list = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    pages: list = field(default_factory=list)  # the area's own pages (pages.Page)

    @property
    def area(self):
        return self.tables["area"].name

    @property
    def nation(self):
        return self.tables["area"].nation

    @property
    def example(self):
        return self.tables["area"].example

    @property
    def brand_colour(self):
        return self.tables["area"].brand_colour

    @property
    def logo(self):
        return self.tables["area"].logo or None

    @property
    def logo_alt(self):
        return self.tables["area"].logo_alt

    @property
    def remember_ticks(self):
        return self.tables["checklists"].remember_ticks

    @property
    def review_after_months(self):
        return self.tables["directory"].review_after_months

    @property
    def front_door(self):
        return self.tables.get("front_door")

    @property
    def safeguarding(self):
        return self.tables.get("safeguarding")

    @property
    def local_services(self):
        return [service for service in self.services if not service.national]

    @property
    def stale(self):
        return [service for service in self.services if service.stale]


def today():
    """The build's date: ``SOURCE_DATE_EPOCH`` when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def months_between(earlier, later):
    return (
        (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    )


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'"
_PART = rf"(?:{_BARE}|{_QUOTED})"
_HEADER = re.compile(rf"^\s*\[\[?\s*(?P<path>{_PART}(?:\s*\.\s*{_PART})*)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*(?P<path>{_PART}(?:\s*\.\s*{_PART})*)\s*=")


def _parts(path):
    return [p[1:-1] if p[0] in "\"'" else p for p in re.findall(_PART, path)]


def key_lines(text):
    """Where each ``[table] key`` is written, so messages can name the line: headers in any
    form (``[t]``, ``[[t]]``, ``[ "t" ]``), dotted keys, and not inside multi-line strings."""
    lines, table, in_string = {}, [], None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2:
                in_string = None
            continue
        header = _HEADER.match(line)
        key = None if header else _KEY.match(line)
        if header:
            table = _parts(header["path"])
            path = [*table, None][:2]
        elif key:
            path = (table + _parts(key["path"]))[:2]
            if len(path) == 1:
                path = ["", path[0]]
        else:
            path = None
        if path:
            lines.setdefault((path[0], path[1]), number)
            lines.setdefault((path[0], None), number)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2:
                in_string = quote
    return lines


def read_toml(folder):
    """``profile.toml`` as data and its key lines; a ``ProfileDataError`` for anything that
    stops it being read: no folder, no file, too big, not UTF-8, not TOML."""
    folder = Path(folder)
    path = folder / "profile.toml"
    shown = shown_path(path)

    def fail(message, line=0, where=shown):
        raise ProfileDataError([Problem(where, line, message)])

    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        fail(
            f"{what}: PROFILE must name a profile folder holding profile.toml",
            where=shown_path(folder),
        )
    if path.is_dir():
        fail("is a folder; it must be a file")
    if not path.exists():
        fail("not found: a profile folder needs a profile.toml")
    try:
        raw = files.read_bounded(path, files.PROFILE_LIMIT, "profile.toml")
    except Invalid as exc:
        fail(str(exc))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail("is not UTF-8 text: save it as UTF-8", raw[: exc.start].count(b"\n") + 1)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        fail(f"is not valid TOML: {reason}", int(where.group(1)) if where else 1)
    except RecursionError:
        fail("is not valid TOML: it is nested too deeply")
    return data, key_lines(text), shown


def load_profile(folder, *, on=None):
    """Load and check the profile in ``folder``; raise ``ProfileDataError`` with every problem.

    ``on`` fixes the day (for tests). Otherwise a review date is "in the future" against the
    real date, while "may be out of date" is judged on the build's date (``today()``), so a
    reproducible build gives the same pages whenever it runs.
    """
    folder = Path(folder)
    data, lines, shown = read_toml(folder)
    day = on or today()
    ctx = schema.Context(today=on or dt.date.today(), folder=folder)
    tables, problems = check_tables(data, lines, shown, ctx)

    directory = Directory(folder=folder, tables=tables, files=[folder / "profile.toml"])
    if directory.logo:
        directory.files.append(directory.logo.path)
    settings = tables["directory"]
    sources = [(path, False) for path in settings.sources]
    if settings.include_national:
        sources += [(path, True) for path in national_files(directory.nation)]
    problems += read_services(directory, sources, ctx.today, day)
    directory.pages, trouble = pages.read_pages(folder, ctx.today)
    problems += trouble
    for page in directory.pages:
        page.needs_review = page.last_reviewed is None or (
            months_between(page.last_reviewed, day) >= tables["pages"].review_after_months
        )
        directory.files += [page.path, *([page.welsh] if page.welsh else []), *page.images]
    if directory.nation == "wales" and tables["area"].welsh == "required":
        problems += welsh_required(directory, lines, shown)
    if problems:
        raise ProfileDataError(problems)
    return directory


def lacking_welsh(directory):
    """(what, fields, record) for each of the profile's own texts given in English only: a
    table, a service, or a page without its Welsh page."""
    found = []
    for name, record in directory.tables.items():
        if missing := schema.missing_welsh(schema.PROFILE_TABLES[name], record):
            found.append((f"[{name}]", missing, None))
    for service in directory.local_services:
        missing = schema.missing_welsh(schema.SERVICE, service)
        if service.area == directory.area:
            missing = [name for name in missing if name != "area"]  # the area's own name
        if missing:
            found.append((f"service {service.id!r}", missing, service))
    for page in directory.pages:
        if not page.welsh:
            found.append((f"page {page.stem!r}", [f"pages/{page.stem}.cy.md"], page))
    return found


def welsh_required(directory, lines, shown):
    """With ``[area] welsh = "required"``: every English-only text is a problem."""
    problems = []
    for what, missing, service in lacking_welsh(directory):
        if isinstance(service, pages.Page):
            message = f'has no Welsh page: add {missing[0]} ([area] welsh is "required")'
            problems.append(Problem(shown_path(service.path), 0, message))
            continue
        needed = ", ".join(f"{name}{schema.WELSH_SUFFIX}" for name in missing)
        message = f'{what}: has no Welsh text: add {needed} ([area] welsh is "required")'
        if service is None:
            table = what.strip("[]")
            line = lines.get((table, missing[0])) or lines.get((table, None)) or 0
            problems.append(Problem(shown, line, message))
        else:
            problems.append(Problem(service.source, service.line, message))
    return problems


def check_tables(data, lines, shown, ctx):
    """Each table's record (declared defaults for a table not written) and every problem
    with the tables of ``profile.toml``; ``python -m guide import`` uses it too."""
    problems = []

    def report(table, key, message):
        line = lines.get((table, key)) or lines.get((table, None)) or lines.get(("", table)) or 0
        label = f"[{table}] {key}" if key else f"[{table}]"
        problems.append(Problem(shown, line, f"{label}: {message}"))

    tables = {}
    for name, values in data.items():
        if name not in schema.PROFILE_TABLES:
            report(name, None, f"unknown table{fields.suggest(name, schema.PROFILE_TABLES)}")
        elif not isinstance(values, dict):
            report(name, None, f"must be a table, written [{name}] on a line of its own")
    for table in schema.PROFILE:
        values = data.get(table.name)
        written = isinstance(values, dict)
        if not written:
            if table.required and table.name not in data:
                report(
                    table.name, None, "is missing: every profile needs [area] with name and nation"
                )
            if not table.required and table.name in ("front_door", "safeguarding"):
                continue
            values = {}  # the declared defaults, so the rest can still be checked
        clean, welsh, issues = schema.validate(table, values, ctx)
        for issue in issues if written else ():
            report(table.name, issue.key, issue.message)
        tables[table.name] = schema.RECORDS[table.name](**clean, in_welsh=welsh)
    return tables, problems


def read_services(directory, sources, latest, day):
    """Read and check every service file into ``directory``; return the problems."""
    problems, first_seen, count = [], {}, 0
    for path, national in sources:
        directory.files.append(path)
        shown = shown_path(path)
        records, trouble = read_file(path, shown)
        problems += trouble
        count += len(records)
        if count > files.SERVICES_LIMIT:
            problems.append(
                Problem(
                    shown,
                    0,
                    f"brings the number of services past {files.SERVICES_LIMIT:,}, the most a directory may hold",
                )
            )
            break
        for record in records:
            service, trouble = validate(
                record,
                area=directory.area,
                nation=directory.nation,
                today=latest,
                national=national,
            )
            problems += trouble
            area_cy = directory.tables["area"].in_welsh.get("name")
            if service is not None and area_cy and service.area == directory.area:
                service.in_welsh.setdefault("area", area_cy)  # the area's own name, in Welsh
            if service is None:
                continue
            if service.id in first_seen:
                other = first_seen[service.id]
                problems.append(
                    Problem(
                        record.path,
                        record.lines.get("id", record.line),
                        f"service {service.id!r}: id is also used at {other.source}:{other.line}",
                    )
                )
                continue
            service.stale = bool(service.last_reviewed) and (
                months_between(service.last_reviewed, day) >= directory.review_after_months
            )
            first_seen[service.id] = service
            directory.services.append(service)
    return problems


def national_files(nation):
    files = [NATIONAL / "common.yaml"]
    if nation == "wales":
        files.append(NATIONAL / "wales.yaml")
    return files
