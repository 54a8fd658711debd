"""From feed services to our own, for ``python -m guide import``: one mapping, one validation.

Each feed service is put in the HSDS 3.0 shape (ORUK 1 through ``hsds.from_oruk1``) and read
by ``hsds.read_service``, the mapping the export is written with. Then the ``[import]``
table's topics, tiers and defaults are applied, unsafe links dropped, long summaries
shortened, languages put as ISO 639-1 codes, and ids given. Every service is then checked by
``services.validate``, exactly as a hand-written file is; what fails is skipped with its reason.
Pure: no network, no files written.
"""

import datetime as dt
import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import yaml
from profiledata import hsds, schema
from profiledata.services import Record, validate

from . import ROOT, feedtext, links
from . import report as reporting
from .select import Selection, decide

SUMMARY_LIMIT = 400
DESCRIPTION_LIMIT = 5000
SCHEMA = ROOT / "local" / "schema" / "services.schema.json"
HEADER_MARK = "# Written by python -m guide import"
DATE_LINE = "# Imported on "
TOPICS = list(schema.SERVICE.by_name["topics"].kind.labels)
TIERS = list(schema.SERVICE.by_name["tier"].kind.labels)


# --- text ------------------------------------------------------------------------------------


def one_line(value):
    """Text on one line: control characters and runs of whitespace become one space."""
    value = "".join(" " if unicodedata.category(c) == "Cc" else c for c in value)
    return " ".join(value.split())


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def plain_text(value):
    """A feed's text (which may be HTML) as plain text on one line (``feedtext.py``), with
    what no reader can see removed; a number as text; anything else is left for validation
    to name."""
    if _number(value):
        return str(value)
    if not isinstance(value, str):
        return value
    return feedtext.one_line(value)


def as_written(value):
    """Text from the guide's own export: plain text already (a summary may say "<b>" and
    mean it), so only put on one line, without what no reader can see."""
    if _number(value):
        return str(value)
    return one_line(feedtext.invisible(value)[0]) if isinstance(value, str) else value


def shorten(value, limit=SUMMARY_LIMIT):
    """At most ``limit`` characters, cut at a sentence or a word and ended with "…"."""
    return feedtext.shorten(value, limit)


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
    selection: Selection = field(default_factory=Selection)  # [import.select]
    own_export: bool = False  # [import] own_export: trust the guide's own attributes


@dataclass
class Report:
    """What the import did: a row for every feed service, and what the summary counts."""

    rows: list = field(default_factory=list)  # report.Row, in feed order
    languages_dropped: Counter = field(default_factory=Counter)  # as the feed wrote them
    unmapped: Counter = field(default_factory=Counter)  # (name, id) -> services

    @property
    def read(self):
        return sum(1 for row in self.rows if row.reason != "no longer in the feed")

    @property
    def imported(self):
        return sum(1 for row in self.rows if row.outcome == "taken")


def _scalar(value):
    ok = isinstance(value, str | int | float) and not isinstance(value, bool)
    return one_line(str(value)) if ok else ""


def feed_id_of(obj):
    """The feed's id for a service as text (``2`` and ``"2"`` are one id; ``2.0`` is ``2``)."""
    value = obj.get("id")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return as_written(_scalar(value))


def feed_terms(obj):
    """The service's taxonomy terms, except the guide's own: (id, name) as text."""
    for item in obj.get("attributes") or []:
        if not isinstance(item, dict):
            continue
        term = item.get("taxonomy_term")
        term = term if isinstance(term, dict) else {}
        if str(term.get("taxonomy") or "").startswith(hsds.TAXONOMY_PREFIX):
            continue  # the guide's own: read by read_service, only from its own export
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


def outpost(obj):
    """A service as the Outpost API serves ORUK 1 (``min_age``/``max_age``, ``taxonomies``,
    ``locations`` with their address inline, ``contacts`` with one ``phone`` each,
    ``organisation``, ``weekday`` schedules, costs with ``amount`` and ``cost_type``) in the
    ORUK 1 shape ``hsds.from_oruk1`` reads. Other ORUK 1 services are returned as they are."""
    marks = ("min_age", "max_age", "taxonomies", "locations", "organisation", "age_band_under_2")
    if not any(mark in obj for mark in marks):
        return obj
    result = dict(obj)
    low, high = obj.get("min_age"), obj.get("max_age")
    if low is None and high is None and obj.get("age_band_under_2") is True:
        low, high = 0, 2  # the band says under two, with no ages given
    if low is not None or high is not None:
        result["eligibilitys"] = [{"minimum_age": low, "maximum_age": high}]
    result["service_taxonomys"] = [
        {"taxonomy": {"id": t.get("id"), "name": t.get("name"), "vocabulary": "outpost"}}
        for t in hsds.objects_in(obj.get("taxonomies"))
    ]
    if isinstance(obj.get("organisation"), dict) and "organization" not in obj:
        result["organization"] = obj["organisation"]
    contacts = hsds.objects_in(obj.get("contacts"))
    result["contacts"] = [
        {"phones": [{"number": c["phone"]}] if isinstance(c.get("phone"), str) else []}
        for c in contacts
    ]
    if not obj.get("email"):
        emails = [c["email"] for c in contacts if isinstance(c.get("email"), str) and c["email"]]
        result["email"] = emails[0] if emails else obj.get("email")
    result["service_at_locations"] = [
        {"location": {"name": place.get("name"), "physical_addresses": [place]}}
        for place in hsds.objects_in(obj.get("locations"))
    ]
    result["regular_schedules"] = [
        dict(s, byday=s.get("byday") or s.get("weekday"))
        for s in hsds.objects_in(obj.get("regular_schedules"))
    ]
    costs = []
    for option in hsds.objects_in(obj.get("cost_options")):
        amount = _scalar(option.get("amount"))
        per = _scalar(option.get("cost_type"))
        who = _scalar(option.get("option"))
        described = " ".join(p for p in (f"£{amount}" if amount else "", per) if p)
        described = f"{described} ({who})" if described and who else described or who
        costs.append({"option": described} if described else {})
    if obj.get("free") is True and not costs:
        costs = [{"amount": 0}]
    result["cost_options"] = [c for c in costs if c]
    if obj.get("needs_referral") is True:
        result["_access"] = ["professional-referral"]
    return result


def prepare(obj, format):
    """The service in the HSDS 3.0 shape ``read_service`` reads: ORUK 1 (and Outpost's ORUK
    1) converted. Schedules stay as the feed gave them: reading them (``Schedule``) takes each
    one's description, or its days and hours, and joins them."""
    if format == "oruk-1":
        shaped = outpost(obj)
        result = hsds.from_oruk1(shaped)
        if "_access" in shaped:
            result["_access"] = shaped["_access"]
        return result
    return obj


def untrusted(obj):
    """The service without the guide's own ``parent-infant-guide-*`` attributes: from any
    feed but the guide's own export (``[import] own_export = true``), they are ignored."""
    attributes = obj.get("attributes")
    if not isinstance(attributes, list):
        return obj
    kept = []
    for item in attributes:
        term = item.get("taxonomy_term") if isinstance(item, dict) else None
        taxonomy = term.get("taxonomy") if isinstance(term, dict) else None
        if not str(taxonomy or "").startswith(hsds.TAXONOMY_PREFIX):
            kept.append(item)
    return dict(obj, attributes=kept)


CONTACTS = (
    ("website", links.web),
    ("email", links.email),
    ("phone", links.phone),
    ("phone_2", links.phone),
    ("phone_3", links.phone),
    ("organisation_website", links.web),
)
REACH = ("phone", "email", "website", "address")
# Text the feed writes at length, cut to what the declaration allows (at a sentence or word).
LONG_TEXT = (
    "alert", "application_process", "eligibility_description", "fees_description",
    "interpretation_services", "phone_description", "phone_2_description",
    "phone_3_description", "address", "address_2", "address_3", "opening_times", "cost",
)  # fmt: skip


def _phone_number(phone):
    number, extension = phone.get("number"), phone.get("extension")
    if _number(number):
        number = str(number)
    if isinstance(number, str) and extension not in (None, "") and "ext" not in number.lower():
        number = f"{number} ext {_scalar(extension)}"
    return number


def raw_contacts(obj):
    """The service's contacts as the feed wrote them, before any text step: a URL's ``&``
    must stay an ``&``."""
    found = {"website": obj.get("url"), "email": obj.get("email")}
    phones = hsds.objects_in(obj.get("phones"))
    for number, name in enumerate(("phone", "phone_2", "phone_3")):
        if number < len(phones):
            found[name] = _phone_number(phones[number])
    organisation = obj.get("organization")
    if isinstance(organisation, dict):
        found["organisation_website"] = organisation.get("url")
    return {key: value for key, value in found.items() if value not in (None, "")}


def check_contacts(values, obj, notes, trusted=False):
    """Each contact from the feed repaired (``links.py``), or dropped with a note."""
    for name, _ in CONTACTS:
        values.pop(name, None)
    for name, check in CONTACTS:
        raw = raw_contacts(obj).get(name)
        if raw is None or (
            name == "organisation_website" and values.get("website") and not trusted
        ):
            continue  # from a council's feed, the organisation's website only for a service with none
        try:
            values[name], repairs = check(raw)
        except links.Unusable as exc:
            notes.append(f"{name} left out: {exc}")
            continue
        notes += [f"{name}: {repair}" for repair in repairs]
    for name in ("phone", "phone_2", "phone_3"):
        if name not in values:
            values.pop(f"{name}_description", None)
    for name in ("checked_against",):
        if name in values:
            try:
                values[name], _ = links.web(values[name])
            except links.Unusable as exc:
                del values[name]
                notes.append(f"{name} left out: {exc}")


def values_of(obj, settings, report, notes):
    """Our fields for one feed service (in the HSDS 3.0 shape), before validation, and the
    outcome and reason when it is not taken: ("left" or "skipped", why), or None."""
    if not settings.own_export:
        obj = untrusted(obj)
    own = {name for name, _, _ in hsds.own_terms(obj)}
    trusted = settings.own_export and "id" in own
    values = hsds.read_service(obj, as_written if trusted else plain_text)
    values = {key: value for key, value in values.items() if key in schema.SERVICE.keys}
    values.pop("provenance", None)  # an imported service comes from the local profile
    values.pop("feed_id", None)  # ours is the id this feed gives it
    if feed_id := feed_id_of(obj):
        values["feed_id"] = feed_id
    if not trusted and isinstance(obj.get("description"), str):
        values["summary"] = feedtext.summary(obj["description"], SUMMARY_LIMIT)
        whole = feedtext.description(obj["description"])
        if whole and whole != values["summary"]:  # "More about this service" says more
            values["description"] = shorten(whole, DESCRIPTION_LIMIT)
        if not values["summary"]:
            del values["summary"]
    if not trusted and isinstance(obj.get("application_process"), str):
        values["application_process"] = plain_text(obj["application_process"])
    for name in LONG_TEXT:
        limit = schema.SERVICE.by_name[name].kind.json.get("maxLength")
        if isinstance(values.get(name), str) and limit and len(values[name]) > limit:
            values[name] = shorten(values[name], limit)
    if isinstance(values.get("summary"), str) and len(values["summary"]) > SUMMARY_LIMIT:
        values["summary"] = shorten(values["summary"])
    if isinstance(values.get("summary_cy"), str) and len(values["summary_cy"]) > SUMMARY_LIMIT:
        values["summary_cy"] = shorten(values["summary_cy"])
    status = obj.get("status")
    if isinstance(status, str) and status.strip().lower() not in ("", "active"):
        return values, (
            "left",
            f"its status in the feed is {one_line(status)[:40]!r}, not 'active'",
        )

    table = settings.table
    topics, tiers, mapped = set(), set(), set()
    for term_id, name in dict.fromkeys(feed_terms(obj)):  # each term once a service
        topic, tier = lookup(table.topics, term_id, name), lookup(table.tiers, term_id, name)
        topics.add(topic)
        tiers.add(tier)
        if topic or tier:
            mapped.add(name or term_id)
        else:
            report.unmapped[(name, term_id)] += 1

    if "stages" in own and trusted:
        chosen = None  # the guide's own export says its stages
    else:
        text = " ".join(
            plain_text(obj.get(key))
            for key in ("name", "description")
            if isinstance(obj.get(key), str)
        )
        chosen = decide(settings.selection, feed_id=feed_id, text=text,
                        low=obj.get("minimum_age"), high=obj.get("maximum_age"), terms=mapped)  # fmt: skip
        if not chosen.taken:
            return values, ("left", chosen.reason)
        values["stages"] = list(chosen.stages)
        notes.append(chosen.reason)

    own_topics = values.get("topics") if isinstance(values.get("topics"), list) else []
    if found := own_topics + [t for t in TOPICS if t in topics and t not in own_topics]:
        values["topics"] = found  # the guide's own first, in their order; then the table's
    tiers = [t for t in TIERS if t in tiers]
    if "tier" not in values:
        if len(tiers) > 1:
            return values, (
                "skipped",
                f"its taxonomy terms give more than one level: {', '.join(tiers)}",
            )
        if tiers or table.default_tier:
            values["tier"] = tiers[0] if tiers else table.default_tier
    if "access" not in values and obj.get("_access"):
        values["access"] = list(obj["_access"])
    if "access" not in values and table.default_access:
        values["access"] = list(table.default_access)

    check_contacts(values, obj, notes, trusted)
    if not any(values.get(name) for name in REACH):
        return values, (
            "skipped",
            "no way to reach it: no usable phone, e-mail, website or address",
        )
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


def _fingerprint(obj):
    return json.dumps(obj, sort_keys=True, default=str)


def duplicates(objects):
    """For each service whose feed id (as text) an earlier one has: (the earlier one's
    position, whether the two are the same in every field)."""
    first, found = {}, {}
    for number, obj in enumerate(objects):
        feed_id = feed_id_of(obj)
        if not feed_id:
            continue
        if feed_id in first:
            earlier = first[feed_id]
            found[number] = (earlier, _fingerprint(obj) == _fingerprint(objects[earlier]))
        else:
            first[feed_id] = number
    return found


def map_services(objects, settings, report, today):
    """The services that pass, each as (``Service``, the values written); every feed service
    gets its row in ``report.rows``: taken (and by which rule), left (and why) or skipped
    (taken but unusable, and why), with each repair and dropped contact noted."""
    candidates, twice, copies = [], duplicates(objects), Counter()
    for number, obj in enumerate(objects):
        notes, feed_id = [], feed_id_of(obj)
        if number in twice and twice[number][1]:
            values = {"feed_id": feed_id, "name": plain_text(_scalar(obj.get("name")))}
            why = (f"the same service as row {twice[number][0] + 1} of the feed "
                   f"(the same id, {feed_id!r}, and the same fields)")  # fmt: skip
            candidates.append({"values": values, "reason": ("left", why), "notes": notes})
            continue
        try:
            values, reason = values_of(prepare(obj, settings.table.format), settings, report, notes)
        except (TypeError, AttributeError, ValueError):  # a list where text belongs, and so on
            values = {"feed_id": feed_id, "name": plain_text(_scalar(obj.get("name")))}
            reason = ("skipped", f"it is not an {settings.table.format} service: a field holds "
                      "the wrong kind of value")  # fmt: skip
        if number in twice:
            copies[feed_id] += 1
            values["feed_id"] = kept = f"{feed_id}#{copies[feed_id] + 1}"
            notes.append(f"its feed id {feed_id!r} is also given to row {twice[number][0] + 1} "
                         f"of the feed, a different service: kept as feed id {kept!r}")  # fmt: skip
        candidates.append({"values": values, "reason": reason, "notes": notes})
    give_ids([c for c in candidates if c["reason"] is None], settings.taken)
    accepted = []
    for number, candidate in enumerate(candidates, start=1):
        values, reason, notes = candidate["values"], candidate["reason"], candidate["notes"]
        if isinstance(reason, str):  # give_ids: an id used twice
            reason = ("skipped", reason)
        if reason is None:
            record = Record(settings.snapshot_name, 0, number, values=values)
            service, problems = validate(
                record, area=settings.area, nation=settings.nation, today=today
            )
            if service is not None:
                accepted.append((service, values))
                why, *rest = notes or ["the guide's own export, with its stages"]
                report.rows.append(reporting.Row(service.feed_id, service.name, "taken", why, rest))
                continue
            raw = values.get("id")  # as services.validate names the service
            ok = isinstance(raw, str) and raw.strip()
            prefix = f"service {raw.strip()[:100]!r}: " if ok else f"service {number}: "
            reason = ("skipped", "; ".join(p.message.removeprefix(prefix) for p in problems))
        name = values.get("name") if isinstance(values.get("name"), str) else ""
        feed_id = values.get("feed_id") if isinstance(values.get("feed_id"), str) else ""
        report.rows.append(reporting.Row(feed_id, name, *reason, notes))
    return accepted


# --- the snapshot ----------------------------------------------------------------------------


def _yaml_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


def service_item(service, written):
    """One service as a hand-written file holds it: the fields the import gave (defaults are
    the profile's), in declared order, each Welsh text after its field."""
    item = {}
    for f in schema.SERVICE.fields:
        value = getattr(service, f.name)
        if f.name in written and value not in ("", None, []):
            item[f.name] = _yaml_value(value)
        if f.name in service.in_welsh:
            item[f.name + schema.WELSH_SUFFIX] = _yaml_value(service.in_welsh[f.name])
    return item


# libyaml's emitter when PyYAML has it: the same text (it writes a character beyond U+FFFF
# as an escape, which reads back the same), five times as fast as PyYAML's own.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def service_yaml(item):
    return yaml.dump(
        [item], Dumper=DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=None,
        width=10_000,
    )  # fmt: skip


def snapshot_items(accepted):
    """The snapshot's services, sorted by id, as the YAML holds them."""
    return [service_item(s, v) for s, v in sorted(accepted, key=lambda pair: pair[0].id)]


def report_name(snapshot_name):
    """``<snapshot stem>.report.csv``, beside the snapshot."""
    path = Path(snapshot_name)
    return path.with_name(path.stem + ".report.csv").as_posix()


def schema_line(snapshot):
    """The editor's pointer to ``local/schema/services.schema.json``, relative to the file."""
    try:
        target = Path(os.path.relpath(SCHEMA, Path(snapshot).parent)).as_posix()
    except ValueError:  # on another drive
        target = SCHEMA.as_uri()
    return f"# yaml-language-server: $schema={target}"


def snapshot_text(items, settings, report, source, day):
    """The snapshot: the header, then each service (``snapshot_items``)."""
    table = settings.table
    counts = Counter(row.outcome for row in report.rows)
    header = [
        schema_line(table.snapshot),
        f"{HEADER_MARK} (make import) from the area's Open Referral UK feed.",
        "# The next import replaces it: put corrections in the feed, or in another file.",
        f"# Source: {source} ({table.format})",
        f"# Services: {counts['taken']} taken, {counts['left']} left, {counts['skipped']} skipped, "
        f"of {report.read} in the feed; why, for each: {Path(report_name(settings.snapshot_name)).name}",
        f"{DATE_LINE}{day.isoformat()}",
    ]
    body = [service_yaml(item) for item in items]
    return "\n".join(header) + "\n\n" + "\n".join(body)


def same_but_date(old, new):
    """Whether two snapshots differ only in the date of the import."""

    def kept(text):
        return [line for line in text.splitlines() if not line.startswith(DATE_LINE)]

    return kept(old) == kept(new)
