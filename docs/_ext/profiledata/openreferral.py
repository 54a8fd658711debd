"""Where a field goes in Open Referral UK, declared beside the field: ``To`` and its ``Form``.

A field's ``hsds`` (``schema.py``) is a ``To``: its place in an HSDS 3.0 service, its places
in an ORUK 1 service, and the ``Form`` of the value there. ``hsds.py`` reads the export and
both imports off these, so a new field with a place in HSDS needs nothing more than its
``To``. Places are written as paths: ``description``; ``organization.name``; ``phones[]``, a
list with one object for each value; ``phones[1].number``, in the list's second object; ""
for the service itself. Pure Python, no Sphinx.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass

from .fields import language_name

# The guide's namespace for UUIDv5 ids (README: "Open Referral UK"). Never change it: every
# id another system holds for our services, organisations and taxonomy terms derives from it.
NAMESPACE = uuid.UUID("3b0c1f52-7d4e-5a69-9c2b-6e1f0d8a4c17")
# The id of an object the export makes in a list, named by the list: uid(service, name) for
# the first, uid(service, name, "2") for the second... Never change these either.
ITEM_IDS = {
    "phones": "phone",
    "cost_options": "cost",
    "schedules": "schedule",
    "service_areas": "area",
    "service_at_locations": "service_at_location",
    "languages": "language",
}


def uid(*parts):
    """A stable UUIDv5 for a thing named by ``parts`` (``uid("service", "stay-and-play")``):
    ``uuid.uuid5(NAMESPACE, "/".join(parts))`` as text, made without the UUID object (an
    export of 10,000 services makes hundreds of thousands)."""
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + "/".join(parts).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# --- places ------------------------------------------------------------------------------------


def segments(path):
    """``a.b[].c[1]`` as (key, None | "all" | index) pairs; "" is the object itself."""
    result = []
    for part in path.split(".") if path else []:
        key, bracket, rest = part.partition("[")
        index = None if not bracket else "all" if rest == "]" else int(rest[:-1])
        result.append((key, index))
    return result


def found_at(obj, path):
    """Everything at ``path`` in a JSON object, lists followed item by item; nothing where a
    feed holds the wrong kind of value."""
    items = [obj]
    for key, index in segments(path):
        found = []
        for item in items:
            value = item.get(key) if isinstance(item, dict) else None
            if index is None:
                found += [] if value is None else [value]
            elif isinstance(value, list):
                found += value if index == "all" else value[index : index + 1]
        items = found
    return items


def place(obj, path, values, sid=None):
    """Write ``values`` (the JSON of each of a field's values) at ``path`` in ``obj``: in a
    list, one object each (``key[]``) or into the n-th (``key[n]``), each made with its id
    (none without ``sid``); at "", each object's keys go into ``obj`` itself."""
    steps = segments(path)
    if not steps:
        for value in values:
            obj.update(value)
        return
    position = next((n for n, (_, index) in enumerate(steps) if index is not None), None)
    if position is None:  # a plain key, perhaps inside objects: one value
        for key, _ in steps[:-1]:
            obj = obj.setdefault(key, {})
        obj[steps[-1][0]] = values[0]
        return
    for key, _ in steps[:position]:
        obj = obj.setdefault(key, {})
    key, index = steps[position]
    items, rest = obj.setdefault(key, []), steps[position + 1 :]
    for number, value in enumerate(values):
        at = number if index == "all" else index
        while len(items) <= at:
            name, n = ITEM_IDS.get(key, key), len(items)
            if sid is None:
                items.append({})
            else:
                items.append({"id": uid(sid, name) if n == 0 else uid(sid, name, str(n + 1))})
        target = items[at]
        for inner, _ in rest[:-1]:
            target = target.setdefault(inner, {})
        if rest:
            target[rest[-1][0]] = value
        else:
            target.update(value)


# --- forms: how a value is written at its place, and read from what a feed holds ---------------


@dataclass(frozen=True)
class Form:
    """How a value is written and read back. ``gather`` is what a field makes of all it finds:
    the ``first`` value, ``each`` one (a list), all of them ``join``ed with "; ", or ``all``
    the places at once (``get`` then receives the list). ``shown`` names the place in the
    README when the path alone does not say it (``{at}`` stands for the path)."""

    gather: str = "first"
    shown: str = ""

    def put(self, value, field, sid):
        return str(value)

    def get(self, item, text):
        """Our raw value from what is at one place; ``text`` makes a feed's text plain (and
        leaves anything but text and numbers for validation to name)."""
        return text(item)

    def carry(self, result, path, items):
        """Put what an ORUK 1 service holds at the field's places (``items``) at its HSDS 3.0
        place in ``result``, as it is, for the HSDS 3.0 reading to read."""
        steps = segments(path)
        if not any(index is not None for _, index in steps):
            items = items[:1]  # a single place takes the first
        elif steps[-1][1] is not None:
            items = [item for item in items if isinstance(item, dict)]  # objects of a list
        if steps and items:
            place(result, path, items)

    def read(self, items, text, many):
        if self.gather == "all":
            return self.get(items, text)
        given = [item for item in items if item not in (None, "")]
        found = [value for item in given if (value := self.get(item, text)) is not None]
        if many or self.gather == "each":
            return found or None
        if self.gather == "join":
            return "; ".join(map(str, found)) or None
        return found[0] if found else None


class Date(Form):
    def put(self, value, field, sid):
        return value.isoformat()

    def get(self, item, text):
        value = super().get(item, text)
        return value[:10] if isinstance(value, str) else value


class Shown(Form):
    """What a reader sees (the words' labels), for other systems; never read back (the words
    themselves come back from the guide's own terms)."""

    def put(self, value, field, sid):
        return ", ".join(field.kind.label(v) for v in value) if field.kind.many else str(value)

    def read(self, items, text, many):
        return None


class Organisation(Form):
    """The organisation as an object of its own, its id from its name; at the service's own
    place ("") since ``organization_id`` sits beside it."""

    def put(self, value, field, sid):
        oid = uid("organization", value)
        return {
            "organization_id": oid,
            "organization": {"id": oid, "name": value, "description": value},
        }

    def carry(self, result, path, items):
        organisation = items[0].get("organization") if items else None
        if isinstance(organisation, dict):
            keys = ("id", "name", "description", "url")
            result["organization"] = {k: organisation.get(k) for k in keys}

    def get(self, item, text):
        organisation = item.get("organization") if isinstance(item, dict) else None
        name = organisation.get("name") if isinstance(organisation, dict) else None
        return None if name is None else super().get(name, text)


class Phone(Form):
    def put(self, value, field, sid):
        phone = {"number": str(value)}
        if ";ext=" in value.uri:
            phone["extension"] = int(value.uri.split(";ext=", 1)[1])  # HSDS: a number
        return phone

    def get(self, item, text):
        if not isinstance(item, dict) or not item.get("number"):
            return None
        number = text(item["number"])
        extension = text(str(item.get("extension") or ""))
        if extension and "ext" not in str(number).lower():
            return f"{number} ext {extension}"
        return number


class Language(Form):
    def put(self, value, field, sid):
        return {"id": uid(sid, "language", value), "name": language_name(value), "code": value}

    def carry(self, result, path, items):
        codes = [(i.get("language") if isinstance(i, dict) else i) for i in items]
        codes = [{"code": code} for code in codes if isinstance(code, str) and code.strip()]
        if codes:
            place(result, path, codes)

    def get(self, item, text):
        # HSDS 3.0 gives {code}; ORUK 1 {language} or the bare name.
        code = (item.get("code") or item.get("language")) if isinstance(item, dict) else item
        return None if code is None or isinstance(code, dict | list) else text(code)


class Cost(Form):
    def put(self, value, field, sid):
        if value.lower() == "free":
            return {"amount": 0, "currency": "GBP", "option": "Free"}
        return {"option": value}

    def get(self, item, text):
        if not isinstance(item, dict):
            return None
        if item.get("amount") in (0, 0.0, "0", "0.00"):
            return "free"
        option = item.get("option") or item.get("amount_description")
        amount, said = self.amount(item), None if option is None else super().get(option, text)
        if amount and isinstance(said, str) and not self.says_amount(said, item):
            return f"{amount} {said}"  # 35 and "per 1 hour session": "£35 per 1 hour session"
        return said if said is not None else amount or None

    def says_amount(self, said, item):
        """Whether the text already gives an amount (``£1 for a hot drink``)."""
        if any(symbol in said for symbol in self.SYMBOLS.values()):
            return True
        number = f"{float(item.get('amount')):g}"
        return bool(re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", said))

    SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}

    def amount(self, item):
        """The amount with its currency (``£35``, ``£3.50``, ``12 CHF``), or ""."""
        try:
            number = float(item.get("amount"))
        except (TypeError, ValueError):
            return ""
        if not 0 < number < 1_000_000:
            return ""
        shown = f"{number:g}" if number == int(number) else f"{number:.2f}"
        currency = str(item.get("currency") or "GBP").strip().upper()[:3]
        symbol = self.SYMBOLS.get(currency)
        return f"{symbol}{shown}" if symbol else f"{shown} {currency}"


class Schedule(Form):
    def put(self, value, field, sid):
        return {"description": value}

    def get(self, item, text):
        """A schedule's own description, or its days and hours (``TU 10:00 to 12:00``)."""
        if not isinstance(item, dict):
            return None
        if item.get("description"):
            return super().get(item["description"], text)
        hours = " to ".join(str(item[k]) for k in ("opens_at", "closes_at") if item.get(k))
        shown = " ".join(str(part) for part in (item.get("byday"), hours) if part)
        return text(shown) if shown else None


class Location(Form):
    """A place to go: written as a location's name and description, read from its first
    address (HSDS 3.0 ``addresses``, ORUK 1 ``physical_addresses``), else its description."""

    PARTS = ("address_1", "address_2", "city", "postal_code")

    def put(self, value, field, sid):
        lid = uid(sid, "location") if field.name == "address" else uid(sid, "location", field.name)
        location = {"id": lid, "location_type": "physical", "name": value, "description": value}
        return {"location_id": lid, "location": location}

    def get(self, item, text):
        location = item.get("location") if isinstance(item, dict) else None
        if not isinstance(location, dict):
            return None
        addresses = location.get("addresses") or location.get("physical_addresses")
        first = addresses[0] if isinstance(addresses, list) and addresses else {}
        parts = [text(first[k]) for k in self.PARTS if isinstance(first, dict) and first.get(k)]
        if joined := ", ".join(str(p) for p in parts if p):
            return joined
        described = location.get("description") or location.get("name")
        return None if described is None else super().get(described, text)


def ages(stages):
    """Our stages as HSDS ages in years: pregnancy and the first year from 0, the second
    year to 2. The stages themselves also go in attributes, so pregnancy is not lost."""
    low = 1 if stages == ["second-year"] else 0
    high = 2 if "second-year" in stages else 1 if "first-year" in stages else 0
    return low, high


def stages_for_ages(low, high):
    """Our stages from an age range in years; pregnancy cannot be told from ages."""
    low = 0 if low is None else low
    high = float("inf") if high is None else high
    found = []
    if low < 1 and high >= 0:
        found.append("first-year")
    if low < 2 and high >= 1:
        found.append("second-year")
    return found


class Ages(Form):
    """Stages as ages in years, read from every place at once: ORUK 1 gives each eligibility
    its own range, and a lower age with no upper one is open ("from 16")."""

    def put(self, value, field, sid):
        low, high = ages(value)
        return {"minimum_age": low, "maximum_age": high}

    def carry(self, result, path, items):
        low, high = self.range(items)
        if low is not None:
            result["minimum_age"] = low
        if high is not None:
            result["maximum_age"] = high

    def get(self, items, text):
        if not any(
            isinstance(i, dict)
            and (i.get("minimum_age") is not None or i.get("maximum_age") is not None)
            for i in items
        ):
            return None
        low, high = self.range(items)
        if low is None and high is None:
            return None  # ages that are not numbers say nothing
        return stages_for_ages(low, high) or None

    @staticmethod
    def range(items):
        """The lowest minimum and the highest maximum age, in years; no maximum when one
        range has none; (None, None) for ages that are not numbers."""
        lows, highs, open_ended = [], [], False
        for item in items:
            if not isinstance(item, dict):
                continue
            low, high = item.get("minimum_age"), item.get("maximum_age")
            if low is not None:
                lows.append(low)
            if high is not None:
                highs.append(high)
            elif low is not None:
                open_ended = True
        try:
            low = min(map(float, lows), default=None)
            high = max(map(float, highs), default=None)
        except (TypeError, ValueError):
            return None, None
        return low, None if open_ended else high


TEXT = Form()
DATE = Date()
SHOWN = Shown()
ORGANISATION = Organisation(shown="`{at}organization.name` (and `{at}organization_id`)")
PHONE = Phone()
LANGUAGE = Language(gather="each")
COST = Cost()
SCHEDULE = Schedule(gather="join")
LOCATION = Location(shown="`{at}location`: its first address, else its description")
AGES = Ages(gather="all", shown="`{at}minimum_age`, `{at}maximum_age` (years)")


@dataclass(frozen=True)
class To:
    """Where a field goes in Open Referral UK, and where the import finds it.

    ``path``: its place in an HSDS 3.0 service (None: it has none). ``oruk1``: its places in
    an ORUK 1 service, tried in order (by default ``path``). ``form``: how the value is
    written and read there. ``terms``: each value is also a term of the guide's own taxonomy
    for the field; ``value``: the value is also kept as text in an attribute. Terms and
    values are read back only from the guide's own export."""

    path: str | None = None
    oruk1: tuple[str, ...] | str | None = None
    form: Form = TEXT
    terms: bool = False
    value: bool = False

    def sources(self, format):
        """The places an import of ``format`` (``hsds-3`` or ``oruk-1``) reads."""
        if self.path is None or isinstance(self.form, Shown):
            return ()
        if format == "oruk-1" and self.oruk1 is not None:
            return (self.oruk1,) if isinstance(self.oruk1, str) else tuple(self.oruk1)
        return (self.path,)
