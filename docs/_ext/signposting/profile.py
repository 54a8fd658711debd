"""A local profile: ``profile.toml`` and the service files it names, loaded and checked.

``load_profile`` either returns a ``Directory`` or raises ``ProfileDataError`` listing every
problem in every file. It never raises anything else for bad data.
"""

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import fields
from .fields import Invalid
from .problems import Problem, ProfileDataError, shown_path
from .services import Service, read_file, validate
from .vocabulary import NATIONS, REMEMBER_TICKS

NATIONAL = Path(__file__).parent / "national"
DATA_SUFFIXES = (".yaml", ".yml", ".csv")

# Each table, its keys, and whether the key is required when the table is present.
SCHEMA = {
    "area": {"name": True, "nation": True, "brand_colour": False, "logo": False,
             "logo_alt": False, "example": False},
    "front_door": {"name": True, "phone": False, "email": False, "website": False,
                   "opening_times": False},
    "safeguarding": {"summary": True, "phone": False, "email": False, "procedures_url": False},
    "checklists": {"remember_ticks": False},
    "directory": {"sources": False, "include_national": False, "review_after_months": False},
}  # fmt: skip


@dataclass
class Contact:
    name: str = ""
    summary: str = ""
    phone: str = ""
    phone_e164: str = ""
    email: str = ""
    website: str = ""
    opening_times: str = ""


@dataclass
class Directory:
    """Everything a profile says, checked: the area, its contacts and its services."""

    folder: Path
    area: str
    nation: str
    example: bool = False
    brand_colour: str = ""
    logo: Path | None = None
    logo_alt: str = ""
    front_door: Contact | None = None
    safeguarding: Contact | None = None
    remember_ticks: str = "tab"
    review_after_months: int = 12
    services: list[Service] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

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


def key_lines(text):
    """Where each ``[table] key`` is written, so messages can name the line."""
    lines, table = {}, ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]", stripped)
        if header:
            table = header.group(1)
            lines.setdefault((table, None), number)
            continue
        key = re.match(r"^([A-Za-z0-9_-]+)\s*=", stripped)
        if key:
            lines.setdefault((table, key.group(1)), number)
    return lines


def months_between(earlier, later):
    return (
        (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    )


def load_profile(folder, *, on=None):
    """Load and check the profile in ``folder``; raise ``ProfileDataError`` with every problem.

    ``on`` fixes the day (for tests). Otherwise a review date is "in the future" against the
    real date, while "may be out of date" is judged on the build's date (``today()``), so a
    reproducible build gives the same pages whenever it runs.
    """
    folder = Path(folder)
    day = on or today()
    latest = on or dt.date.today()
    toml_path = folder / "profile.toml"
    shown = shown_path(toml_path)
    if not toml_path.is_file():
        raise ProfileDataError(
            [Problem(shown, 0, "not found: a profile folder needs a profile.toml")]
        )
    try:
        text = toml_path.read_bytes().decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ProfileDataError([Problem(shown, 0, "is not UTF-8 text")]) from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ProfileDataError(
            [Problem(shown, int(where.group(1)) if where else 1, f"is not valid TOML: {reason}")]
        ) from None

    lines = key_lines(text)
    problems = []

    def report(table, key, message):
        line = lines.get((table, key)) or lines.get((table, None)) or lines.get(("", table)) or 0
        label = f"[{table}] {key}" if key else f"[{table}]"
        problems.append(Problem(shown, line, f"{label}: {message}"))

    for table, value in data.items():
        if table not in SCHEMA:
            report(table, None, f"unknown table{fields.suggest(table, SCHEMA)}")
        elif not isinstance(value, dict):
            report(table, None, "must be a table, written [" + table + "]")
    tables = {t: v for t, v in data.items() if t in SCHEMA and isinstance(v, dict)}
    for table, keys in tables.items():
        for key in keys:
            if key not in SCHEMA[table]:
                report(table, key, f"unknown key{fields.suggest(key, SCHEMA[table])}")
        for key, required in SCHEMA[table].items():
            if required and key not in keys:
                report(table, key, "is missing")

    def check(table, key, checker):
        value = tables.get(table, {}).get(key)
        if value is None:
            return None
        try:
            return checker(value)
        except Invalid as exc:
            report(table, key, str(exc))
            return None

    if "area" not in tables:
        report("area", None, "is missing: every profile needs [area] with name and nation")
    area = check("area", "name", fields.text) or ""
    nation = check("area", "nation", lambda v: fields.one_of(v, NATIONS)) or ""
    directory = Directory(folder=folder, area=area, nation=nation, files=[toml_path])
    directory.example = bool(check("area", "example", boolean))
    directory.brand_colour = check("area", "brand_colour", fields.brand_colour) or ""
    logo = check("area", "logo", fields.text)
    if logo:
        logo_path = folder / logo
        if logo_path.suffix.lower() not in (".svg", ".png"):
            report("area", "logo", f"{logo!r} must be an .svg or .png file")
        elif not logo_path.is_file():
            report("area", "logo", f"{logo!r} is not a file in {shown_path(folder)}")
        else:
            directory.logo = logo_path
            directory.files.append(logo_path)
        directory.logo_alt = check("area", "logo_alt", fields.text) or ""
        if "logo_alt" not in tables.get("area", {}):
            report("area", "logo_alt", "is missing: describe the logo for people who cannot see it")

    for table in ("front_door", "safeguarding"):
        if table not in tables:
            continue
        contact = Contact(
            name=check(table, "name", fields.text) or "",
            summary=check(table, "summary", fields.text) or "",
            email=check(table, "email", fields.email) or "",
            website=check(table, "website", fields.web_address)
            or check(table, "procedures_url", fields.web_address)
            or "",
            opening_times=check(table, "opening_times", fields.text) or "",
        )
        phone = check(table, "phone", fields.uk_phone)
        if phone:
            contact.phone, contact.phone_e164 = phone
        if table == "front_door" and not ({"phone", "email", "website"} & set(tables[table])):
            report(table, None, "needs at least one of phone, email or website")
        setattr(directory, table, contact)

    directory.remember_ticks = (
        check("checklists", "remember_ticks", lambda v: fields.one_of(v, REMEMBER_TICKS)) or "tab"
    )
    months = check("directory", "review_after_months", positive_int)
    directory.review_after_months = months or 12
    include_national = check("directory", "include_national", boolean)
    sources = check("directory", "sources", source_list) or []

    records, read_problems = [], []
    for source in sources:
        path = folder / source
        if path.suffix.lower() not in DATA_SUFFIXES:
            report("directory", "sources", f"{source!r} must be a .yaml, .yml or .csv file")
            continue
        if not path.is_file():
            report("directory", "sources", f"{source!r} is not a file in {shown_path(folder)}")
            continue
        directory.files.append(path)
        found, trouble = read_file(path)
        records += [(record, False) for record in found]
        read_problems += trouble
    if include_national is not False:
        for path in national_files(nation):
            directory.files.append(path)
            found, trouble = read_file(path)
            records += [(record, True) for record in found]
            read_problems += trouble
    problems += read_problems

    first_seen = {}
    for record, national in records:
        service, trouble = validate(record, area=area, today=latest)
        problems += trouble
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
        service.national = national
        service.stale = months_between(service.last_reviewed, day) >= directory.review_after_months
        first_seen[service.id] = service
        directory.services.append(service)
    if problems:
        raise ProfileDataError(problems)
    return directory


def national_files(nation):
    files = [NATIONAL / "common.yaml"]
    if nation == "wales":
        files.append(NATIONAL / "wales.yaml")
    return files


def boolean(value):
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def positive_int(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid("must be a whole number of months, 1 or more")
    return value


def source_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid('must be a list of file names, such as ["services.yaml"]')
    return value
