"""The records a loaded profile is made of: a ``Service``, and one class per ``profile.toml``
table.

Written out in the source, not made at run time, so an editor or a type checker sees every
attribute. ``tests/_ext/signposting/test_records.py`` holds them to the declaration in
``schema.py``: the same fields in the same order, with the declared defaults. A field the
declaration gives no default is ``""`` (text) or ``None`` (a date, a file) when not given;
``in_welsh`` keeps the ``_cy`` counterparts by field name.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .fields import Phone
from .files import Logo
from .schema import FILTERS, PROFILE, SERVICE


@dataclass
class Service:
    """One validated service (``services.validate``), local or national."""

    id: str = ""
    name: str = ""
    organisation: str = ""
    audience: str = "families"
    tier: str = ""
    summary: str = ""
    stages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    delivery: list[str] = field(default_factory=list)
    cost: str = ""
    languages: list[str] = field(default_factory=list)
    area: str = ""
    nations: list[str] = field(default_factory=list)
    phone: Phone | str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    opening_times: str = ""
    provenance: str = "local-profile"
    added: list[str] = field(default_factory=list)
    checked_against: str = ""
    feed_id: str = ""
    last_reviewed: dt.date | None = None
    # Beyond the declaration: what the loader adds.
    in_welsh: dict[str, str] = field(default_factory=dict)
    national: bool = False  # one of the bundled national resources
    stale: bool = False  # last reviewed longer ago than [directory] review_after_months
    source: str = ""  # the file it was read from, as messages show it
    line: int = 0  # the line of its id there

    def as_json(self):
        """The validated service, as ``directory.json`` holds it."""
        data = {}
        for f in SERVICE.fields:
            value = getattr(self, f.name)
            if value in ("", None):
                continue
            data[f.name] = value.isoformat() if isinstance(value, dt.date) else value
        data["last_reviewed"] = self.last_reviewed.isoformat() if self.last_reviewed else None
        if self.phone:
            data["phone_uri"] = self.phone.uri
        if self.in_welsh:
            data["welsh"] = {k: v for k, v in sorted(self.in_welsh.items())}
        data["national"] = self.national
        data["stale"] = self.stale
        return data

    def filters(self):
        """Each filter's key and this service's values, for the ``data-`` attributes."""
        return {
            f.filter.key: " ".join(getattr(self, f.name)) if f.kind.many else getattr(self, f.name)
            for f in FILTERS
        }


@dataclass
class AreaTable:
    """``[area]``."""

    name: str = ""
    nation: str = ""
    brand_colour: str = ""
    logo: Logo | None = None
    logo_alt: str = ""
    example: bool = False
    welsh: str = "optional"
    in_welsh: dict[str, str] = field(default_factory=dict)


@dataclass
class FrontDoorTable:
    """``[front_door]``."""

    name: str = ""
    phone: Phone | str = ""
    email: str = ""
    website: str = ""
    opening_times: str = ""
    in_welsh: dict[str, str] = field(default_factory=dict)


@dataclass
class SafeguardingTable:
    """``[safeguarding]``."""

    summary: str = ""
    phone: Phone | str = ""
    email: str = ""
    procedures_url: str = ""
    in_welsh: dict[str, str] = field(default_factory=dict)


@dataclass
class ChecklistsTable:
    """``[checklists]``."""

    remember_ticks: str = "tab"
    in_welsh: dict[str, str] = field(default_factory=dict)


@dataclass
class DirectoryTable:
    """``[directory]``."""

    sources: list[Path] = field(default_factory=list)
    include_national: bool = True
    review_after_months: int = 12
    in_welsh: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportTable:
    """``[import]``."""

    url: str = ""
    file: Path | None = None
    format: str = ""
    snapshot: Path | None = None
    default_tier: str = ""
    default_access: list[str] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)
    tiers: dict[str, str] = field(default_factory=dict)
    select: dict | None = None  # [import.select]; None: the README's default words
    own_export: bool = False
    deadline: int = 10
    in_welsh: dict[str, str] = field(default_factory=dict)


@dataclass
class SiteTable:
    """``[site]``."""

    offline: bool = True
    in_welsh: dict[str, str] = field(default_factory=dict)


# Each table's record, by table name.
RECORDS = {
    "area": AreaTable,
    "front_door": FrontDoorTable,
    "safeguarding": SafeguardingTable,
    "checklists": ChecklistsTable,
    "directory": DirectoryTable,
    "import": ImportTable,
    "site": SiteTable,
}
assert list(RECORDS) == [table.name for table in PROFILE], "a table without its record"
