"""From feed services to our own, for ``python -m guide import``: one mapping, one validation.

Each feed service is put in the HSDS 3.0 shape (ORUK 1 through ``hsds.from_oruk1``) and read
by ``hsds.read_service``, the mapping the export is written with. Then the ``[import]``
table's topics, tiers and defaults are applied, unsafe links dropped, long summaries
shortened, languages put as ISO 639-1 codes, and ids given. Every service is then checked by
``services.validate``, exactly as a hand-written file is; what fails is skipped with its reason.
Pure: no network, no files written.
"""

import datetime as dt
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pycountry
import yaml
from profiledata import fields, hsds, schema
from profiledata.services import Record, validate

from . import ROOT

SUMMARY_LIMIT = 400
SCHEMA = ROOT / "local" / "schema" / "services.schema.json"
HEADER_MARK = "# Written by python -m guide import"
DATE_LINE = "# Imported on "
TOPICS = list(schema.SERVICE.by_name["topics"].kind.labels)
TIERS = list(schema.SERVICE.by_name["tier"].kind.labels)


# --- text ------------------------------------------------------------------------------------


class _PlainText(HTMLParser):
    """The text of some HTML: tags dropped, entities read, script and style left out."""

    SKIP = {"script", "style", "template", "noscript"}
    BLOCKS = set(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "br",
            "dd",
            "div",
            "dl",
            "dt",
            "footer",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "td",
            "th",
            "tr",
            "ul",
        ]
    )  # <p>one</p><p>two</p> reads "one two"; <b>on</b>e reads "one"

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def one_line(value):
    """Text on one line: control characters and runs of whitespace become one space."""
    value = "".join(" " if unicodedata.category(c) == "Cc" else c for c in value)
    return " ".join(value.split())


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def plain_text(value):
    """A feed's text (which may be HTML) as plain text; a number as text; anything else is
    left for validation to name."""
    if _number(value):
        return str(value)
    if not isinstance(value, str):
        return value
    parser = _PlainText()
    parser.feed(value)
    parser.close()
    return one_line("".join(parser.parts))


def as_written(value):
    """Text from the guide's own export: plain text already (a summary may say "<b>" and
    mean it), so only put on one line."""
    if _number(value):
        return str(value)
    return one_line(value) if isinstance(value, str) else value


def shorten(value, limit=SUMMARY_LIMIT):
    """At most ``limit`` characters, cut at a word boundary and ended with "…"."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def slug(value, limit=100):
    """Lower-case letters, digits and single hyphens, at most ``limit`` characters."""
    letters = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", letters.lower()))[:limit].strip("-")


def language_code(value):
    """An ISO 639-1 code from a code of two or three letters or an English name, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip().lower()
    if len(value) == 2:
        found = pycountry.languages.get(alpha_2=value)
    elif len(value) == 3:
        found = pycountry.languages.get(alpha_3=value) or pycountry.languages.get(
            bibliographic=value
        )
    else:
        try:
            found = pycountry.languages.lookup(value)
        except LookupError:
            found = None
    return getattr(found, "alpha_2", None)


# --- one service -----------------------------------------------------------------------------


@dataclass
class Settings:
    """What the mapping needs from the profile."""

    table: object  # the checked [import] record (records.ImportTable)
    area: str
    nation: str
    snapshot_name: str  # as profile.toml names it
    taken: dict = field(default_factory=dict)  # ids other services files use -> the file
    source: str = ""  # the feed's URL, or the file as profile.toml names it
    listed: bool = False  # whether [directory] sources lists the snapshot


@dataclass
class Report:
    """What the import did, for the summary."""

    read: int = 0
    imported: int = 0
    skipped: list = field(default_factory=list)  # (feed id, name, reason)
    links_dropped: int = 0
    shortened: int = 0
    languages_dropped: Counter = field(default_factory=Counter)  # as the feed wrote them
    unmapped: Counter = field(default_factory=Counter)  # (name, id) -> services


def _scalar(value):
    ok = isinstance(value, str | int | float) and not isinstance(value, bool)
    return one_line(str(value)) if ok else ""


def feed_terms(obj):
    """The service's taxonomy terms, except the guide's own: (id, name) as text."""
    for item in obj.get("attributes") or []:
        if not isinstance(item, dict):
            continue
        term = item.get("taxonomy_term")
        term = term if isinstance(term, dict) else {}
        if str(term.get("taxonomy") or "").startswith(hsds.TAXONOMY_PREFIX):
            continue  # read by read_service, without any table
        found = (_scalar(term.get("id", item.get("taxonomy_term_id"))), _scalar(term.get("name")))
        if any(found):
            yield found


def lookup(table, term_id, name):
    """The word an [import.topics] or [import.tiers] table gives a term, by id or by name
    (the declaration keeps the table's keys in lower case)."""
    for key in (term_id, name):
        if key and key.lower() in table:
            return table[key.lower()]
    return None


def prepare(obj, format):
    """The service in the HSDS 3.0 shape ``read_service`` reads: ORUK 1 converted, and
    schedules that give only days and hours given a description."""
    if format == "oruk-1":
        return hsds.from_oruk1(obj)
    schedules = hsds.objects_in(obj.get("schedules"))
    if schedules and not schedules[0].get("description"):
        described = "; ".join(str(t) for s in schedules if (t := hsds.schedule_text(s)))
        return dict(obj, schedules=[{"description": described}] if described else [])
    return obj


def values_of(obj, settings, report):
    """Our fields for one feed service, before validation, and a reason to skip it (or None)."""
    own = {name for name, _, _ in hsds.own_terms(obj)}
    values = hsds.read_service(obj, as_written if "id" in own else plain_text)
    values = {key: value for key, value in values.items() if key in schema.SERVICE.keys}
    values.pop("provenance", None)  # an imported service comes from the local profile
    values.pop("feed_id", None)  # ours is the id this feed gives it
    if feed_id := _scalar(obj.get("id")):
        values["feed_id"] = feed_id
    status = obj.get("status")
    if isinstance(status, str) and status.strip().lower() not in ("", "active"):
        return values, f"its status in the feed is {one_line(status)[:40]!r}, not 'active'"

    table = settings.table
    topics, tiers = set(), set()
    for term_id, name in dict.fromkeys(feed_terms(obj)):  # each term once a service
        topic, tier = lookup(table.topics, term_id, name), lookup(table.tiers, term_id, name)
        topics.add(topic)
        tiers.add(tier)
        if not topic and not tier:
            report.unmapped[(name, term_id)] += 1
    own_topics = values.get("topics") if isinstance(values.get("topics"), list) else []
    if found := own_topics + [t for t in TOPICS if t in topics and t not in own_topics]:
        values["topics"] = found  # the guide's own first, in their order; then the table's
    tiers = [t for t in TIERS if t in tiers]
    if "tier" not in values:
        if len(tiers) > 1:
            return values, f"its taxonomy terms give more than one level: {', '.join(tiers)}"
        if tiers or table.default_tier:
            values["tier"] = tiers[0] if tiers else table.default_tier
    if "access" not in values and table.default_access:
        values["access"] = list(table.default_access)

    for key in ("website", "checked_against"):
        if key in values and fields.scheme(values[key]) not in fields.WEB_SCHEMES:
            del values[key]
            report.links_dropped += 1
    for key in ("summary", "summary_cy"):
        if isinstance(values.get(key), str) and len(values[key]) > SUMMARY_LIMIT:
            values[key] = shorten(values[key])
            report.shortened += 1
    if "languages" in values:
        codes = []
        for item in values["languages"]:
            code = language_code(item)
            if code is None:
                report.languages_dropped[str(item)[:40]] += 1
            elif code not in codes:
                codes.append(code)
        values["languages"] = codes
        if not codes:
            del values["languages"]
    return values, None


def give_ids(candidates, taken):
    """Our id for each service: the guide's own id when the feed carries it (a round trip),
    otherwise a slug of the name; -2, -3 ... keep them unique, in a stable order. An own id
    another services file already uses is a reason to skip (the same service twice)."""
    used = set(taken)
    made = []
    for candidate in candidates:
        wanted = candidate["values"].get("id")
        if wanted is None:
            made.append(candidate)
        elif isinstance(wanted, str) and wanted in taken:
            candidate["reason"] = f"its id {wanted!r} is also used in {taken[wanted]}"
        elif isinstance(wanted, str) and wanted in used:
            candidate["reason"] = f"its id {wanted!r} is also used by another service in the feed"
        elif isinstance(wanted, str):
            used.add(wanted)  # anything else is named by validation
    for candidate in made:
        values = candidate["values"]
        candidate["base"] = slug(values.get("name") or "") or slug(values.get("feed_id") or "")
        candidate["base"] = candidate["base"] or "service"
    for candidate in sorted(made, key=lambda c: (c["base"], str(c["values"].get("feed_id")))):
        base = wanted = candidate["base"]
        number = 1
        while wanted in used:
            number += 1
            wanted = f"{base[: 99 - len(str(number))].rstrip('-')}-{number}"
        used.add(wanted)
        candidate["values"]["id"] = wanted


def map_services(objects, settings, report, today):
    """The services that pass, each as (``Service``, the values written); the rest are in
    ``report.skipped`` with their reasons."""
    candidates = []
    for obj in objects:
        try:
            values, reason = values_of(prepare(obj, settings.table.format), settings, report)
        except (TypeError, AttributeError, ValueError):  # a list where text belongs, and so on
            values = {"feed_id": _scalar(obj.get("id")), "name": _scalar(obj.get("name"))}
            reason = f"it is not an {settings.table.format} service: a field holds the wrong kind of value"
        candidates.append({"values": values, "reason": reason})
    give_ids([c for c in candidates if c["reason"] is None], settings.taken)
    accepted = []
    for number, candidate in enumerate(candidates, start=1):
        values, reason = candidate["values"], candidate["reason"]
        if reason is None:
            record = Record(settings.snapshot_name, 0, number, values=values)
            service, problems = validate(
                record, area=settings.area, nation=settings.nation, today=today
            )
            if service is not None:
                accepted.append((service, values))
                continue
            raw = values.get("id")  # as services.validate names the service
            ok = isinstance(raw, str) and raw.strip()
            prefix = f"service {raw.strip()[:100]!r}: " if ok else f"service {number}: "
            reason = "; ".join(p.message.removeprefix(prefix) for p in problems)
        name = values.get("name") if isinstance(values.get("name"), str) else ""
        report.skipped.append((str(values.get("feed_id") or ""), name, reason))
    report.read, report.imported = len(objects), len(accepted)
    return accepted


# --- the snapshot ----------------------------------------------------------------------------


def _yaml_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


def service_yaml(service, written):
    """One service as a hand-written file holds it: the fields the import gave (defaults are
    the profile's), in declared order, each Welsh text after its field."""
    item = {}
    for f in schema.SERVICE.fields:
        value = getattr(service, f.name)
        if f.name in written and value not in ("", None, []):
            item[f.name] = _yaml_value(value)
        if f.name in service.in_welsh:
            item[f.name + schema.WELSH_SUFFIX] = _yaml_value(service.in_welsh[f.name])
    return yaml.safe_dump(
        [item], allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000
    )


def schema_line(snapshot):
    """The editor's pointer to ``local/schema/services.schema.json``, relative to the file."""
    try:
        target = Path(os.path.relpath(SCHEMA, Path(snapshot).parent)).as_posix()
    except ValueError:  # on another drive
        target = SCHEMA.as_uri()
    return f"# yaml-language-server: $schema={target}"


def snapshot_text(accepted, settings, report, source, day):
    """The snapshot: the header, then each service sorted by id."""
    table = settings.table
    header = [
        schema_line(table.snapshot),
        f"{HEADER_MARK} (make import) from the area's Open Referral UK feed.",
        "# The next import replaces it: put corrections in the feed, or in another file.",
        f"# Source: {source} ({table.format})",
        f"# Services: {report.imported} imported, {len(report.skipped)} skipped",
        f"{DATE_LINE}{day.isoformat()}",
    ]
    body = [service_yaml(s, v) for s, v in sorted(accepted, key=lambda pair: pair[0].id)]
    return "\n".join(header) + "\n\n" + "\n".join(body)


def same_but_date(old, new):
    """Whether two snapshots differ only in the date of the import."""

    def kept(text):
        return [line for line in text.splitlines() if not line.startswith(DATE_LINE)]

    return kept(old) == kept(new)
