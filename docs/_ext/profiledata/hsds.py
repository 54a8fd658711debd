"""Open Referral UK / HSDS 3.0: our services as full HSDS service objects, and back.

Each declared field names its HSDS target (``Field.hsds`` in ``schema.py``); ``PUT`` writes a
value to that target and ``GET`` reads it back, so the export (``services.hsds.json``) and the
importer (``python -m guide import``) share one mapping. What HSDS has no field for goes in
``attributes``, as terms of taxonomies the guide publishes (one per vocabulary, names starting
``parent-infant-guide-``), so nothing of ours is lost.

Ids are UUID version 5 from ``NAMESPACE`` and our own id, so they are the same on every build
and every machine. Pure Python, no Sphinx.
"""

import contextlib
import datetime as dt
import json
import uuid

from . import fields, schema

# The guide's namespace for UUIDv5 ids (README: "Open Referral UK"). Never change it: every
# id another system holds for our services, organisations and taxonomy terms derives from it.
NAMESPACE = uuid.UUID("3b0c1f52-7d4e-5a69-9c2b-6e1f0d8a4c17")
TAXONOMY_PREFIX = "parent-infant-guide-"
WELSH_TAXONOMY = TAXONOMY_PREFIX + "welsh"
TAXONOMY_VERSION = "1"


def uid(*parts):
    """A stable UUIDv5 for a thing named by ``parts`` (``uid("service", "stay-and-play")``)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def targets(f):
    return [part.strip() for part in f.hsds.split("+") if part.strip()]


def taxonomy_name(f):
    return TAXONOMY_PREFIX + f.name


def taxonomy(name, description):
    return {
        "id": uid("taxonomy", name),
        "name": name,
        "description": description,
        "version": TAXONOMY_VERSION,
    }


def term(f, code):
    """A term of the field's taxonomy: our word as ``code``, its label as ``name``."""
    name = taxonomy_name(f)
    label = f.kind.label(code) if f.kind.labels else code
    detail = taxonomy(name, f"The practice guide's {f.name}: {f.help}.")
    return {
        "id": uid("term", f.name, code),
        "code": code,
        "name": label,
        "description": f"{f.name}: {label}",
        "taxonomy": name,
        "taxonomy_id": detail["id"],
        "taxonomy_detail": detail,
    }


def welsh_term(name):
    detail = taxonomy(WELSH_TAXONOMY, "The practice guide's Welsh text, by field name.")
    return {
        "id": uid("term", "welsh", name),
        "code": name,
        "name": f"{name} in Welsh",
        "description": f"The Welsh text of {name}",
        "taxonomy": WELSH_TAXONOMY,
        "taxonomy_id": detail["id"],
        "taxonomy_detail": detail,
    }


def attribute(sid, link_type, taxonomy_term, value=None):
    result = {
        "id": uid(sid, "attribute", taxonomy_term["id"]),
        "link_id": sid,
        "link_type": link_type,
        "link_entity": "service",
        "taxonomy_term_id": taxonomy_term["id"],
        "taxonomy_term": taxonomy_term,
    }
    if value is not None:
        result["value"] = value
    return result


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


# --- writing ---------------------------------------------------------------------------------


def _put_key(key):
    def put(obj, f, value, sid):
        if key == "assured_date":
            value = value.isoformat()
        elif key == "application_process":
            value = f.kind.show(value)
        obj[key] = str(value)

    return put


def _put_organisation(obj, f, value, sid):
    oid = uid("organization", value)
    obj["organization_id"] = oid
    obj["organization"] = {"id": oid, "name": value, "description": value}


def _put_phone(obj, f, value, sid):
    phone = {"id": uid(sid, "phone"), "number": str(value)}
    if ";ext=" in value.uri:
        phone["extension"] = int(value.uri.split(";ext=", 1)[1])  # HSDS: a number
    obj["phones"] = [phone]


def _put_languages(obj, f, value, sid):
    obj["languages"] = [
        {"id": uid(sid, "language", code), "name": fields.language_name(code), "code": code}
        for code in value
    ]


def _put_cost(obj, f, value, sid):
    option = {"id": uid(sid, "cost")}
    if value.lower() == "free":
        option |= {"amount": 0, "currency": "GBP", "option": "Free"}
    else:
        option["option"] = value
    obj["cost_options"] = [option]


def _put_schedule(obj, f, value, sid):
    obj["schedules"] = [{"id": uid(sid, "schedule"), "description": value}]


def _put_area(obj, f, value, sid):
    obj["service_areas"] = [{"id": uid(sid, "area"), "name": value}]


def _put_location(obj, f, value, sid):
    lid = uid(sid, "location")
    location = {"id": lid, "location_type": "physical", "name": value, "description": value}
    obj["service_at_locations"] = [
        {"id": uid(sid, "service_at_location"), "location_id": lid, "location": location}
    ]


def _put_ages(obj, f, value, sid):
    obj["minimum_age"], obj["maximum_age"] = ages(value)


def _put_terms(obj, f, value, sid):
    for code in value if f.kind.many else [value]:
        obj["attributes"].append(attribute(sid, f.name, term(f, code)))


def _put_value(obj, f, value, sid):
    obj["attributes"].append(attribute(sid, f.name, term(f, f.name), value=str(value)))


PUT = {
    "id": lambda obj, f, value, sid: None,  # the UUID is made from it; the slug is kept below
    "name": _put_key("name"),
    "description": _put_key("description"),
    "url": _put_key("url"),
    "email": _put_key("email"),
    "assured_date": _put_key("assured_date"),
    "application_process": _put_key("application_process"),
    "organization.name": _put_organisation,
    "phones": _put_phone,
    "languages": _put_languages,
    "cost_options": _put_cost,
    "schedules": _put_schedule,
    "service_areas": _put_area,
    "service_at_locations": _put_location,
    "minimum_age/maximum_age": _put_ages,
    "attribute": _put_terms,
    "attribute value": _put_value,
}


def service_object(service):
    """One full HSDS 3.0 service object (as ``GET /services/{id}`` returns it)."""
    sid = uid("service", service.id)
    obj = {"id": sid, "name": service.name, "status": "active", "attributes": []}
    for f in schema.SERVICE.fields:
        value = getattr(service, f.name)
        if value in ("", None, []):
            continue
        for target in targets(f):
            PUT[target](obj, f, value, sid)
    for name, text in sorted(service.in_welsh.items()):
        obj["attributes"].append(attribute(sid, "welsh", welsh_term(name), value=text))
    return obj


def services_page(services):
    """An HSDS 3.0 ``GET /services`` response holding every service on one page."""
    contents = [service_object(s) for s in sorted(services, key=lambda s: s.id)]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def dump(services):
    return json.dumps(services_page(services), ensure_ascii=False, indent=2) + "\n"


# --- reading ---------------------------------------------------------------------------------


def own_terms(obj):
    """Terms of the guide's own taxonomies in a service: (field name, code, value)."""
    found = []
    for item in obj.get("attributes") or []:
        if not isinstance(item, dict):
            continue
        taxonomy_term = item.get("taxonomy_term") or {}
        name = str(taxonomy_term.get("taxonomy") or "")
        if name.startswith(TAXONOMY_PREFIX):
            found.append(
                (name.removeprefix(TAXONOMY_PREFIX), taxonomy_term.get("code"), item.get("value"))
            )
    return found


def read_own(obj):
    """Our fields, as the guide's own export wrote them in attributes: {name: value}."""
    values, welsh = {}, {}
    by_name = schema.SERVICE.by_name
    for field_name, code, value in own_terms(obj):
        if field_name == "welsh" and isinstance(value, str):
            welsh[f"{code}{schema.WELSH_SUFFIX}"] = value
            continue
        f = by_name.get(field_name)
        if f is None or not isinstance(code, str):
            continue
        if "attribute value" in targets(f):
            values[f.name] = value
        elif f.kind.many:
            values.setdefault(f.name, []).append(code)
        else:
            values[f.name] = code
    return values | welsh


def first(items):
    return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}


def read_standard(obj, text):
    """Our fields from the HSDS fields of a service (any publisher): {name: raw value}.

    ``text`` turns a feed's text (which may hold HTML) into plain text."""
    values = {}
    for key, name in (
        ("name", "name"),
        ("description", "summary"),
        ("url", "website"),
        ("email", "email"),
    ):
        if obj.get(key):
            values[name] = text(obj[key])
    organisation = obj.get("organization") or {}
    if isinstance(organisation, dict) and organisation.get("name"):
        values["organisation"] = text(organisation["name"])
    phone = first(obj.get("phones"))
    if phone.get("number"):
        number = text(phone["number"])
        extension = text(str(phone.get("extension") or ""))
        values["phone"] = (
            f"{number} ext {extension}" if extension and "ext" not in number.lower() else number
        )
    codes = [
        text(item.get("code") or "")
        for item in obj.get("languages") or []
        if isinstance(item, dict)
    ]
    if codes := [c for c in codes if c]:
        values["languages"] = codes
    cost = first(obj.get("cost_options"))
    if cost:
        if cost.get("amount") in (0, 0.0, "0"):
            values["cost"] = "free"
        elif cost.get("option") or cost.get("amount_description"):
            values["cost"] = text(cost.get("option") or cost.get("amount_description"))
    schedule = first(obj.get("schedules"))
    if schedule.get("description"):
        values["opening_times"] = text(schedule["description"])
    area = first(obj.get("service_areas"))
    if area.get("name"):
        values["area"] = text(area["name"])
    location = first(obj.get("service_at_locations")).get("location") or {}
    if isinstance(location, dict):
        address = first(location.get("addresses"))
        parts = [address.get(k) for k in ("address_1", "address_2", "city", "postal_code")]
        joined = ", ".join(text(p) for p in parts if p)
        if joined or location.get("description") or location.get("name"):
            values["address"] = joined or text(location.get("description") or location.get("name"))
    if obj.get("assured_date"):
        values["last_reviewed"] = text(str(obj["assured_date"]))[:10]
    if obj.get("minimum_age") is not None or obj.get("maximum_age") is not None:
        try:
            low = None if obj.get("minimum_age") is None else float(obj["minimum_age"])
            high = None if obj.get("maximum_age") is None else float(obj["maximum_age"])
        except (TypeError, ValueError):
            low = high = None
        else:
            if found := stages_for_ages(low, high):
                values["stages"] = found
    return values


def read_service(obj, text):
    """Our fields from one HSDS service object: the guide's own terms win over the rest."""
    values = read_standard(obj, text) | read_own(obj)
    if isinstance(values.get("last_reviewed"), str):
        with contextlib.suppress(ValueError):  # validation names a bad date
            values["last_reviewed"] = dt.date.fromisoformat(values["last_reviewed"])
    return values


# --- Open Referral UK 1 ----------------------------------------------------------------------
# Many council feeds still serve the older ORUK 1 shape. ``from_oruk1`` turns one such service
# into the HSDS 3.0 shape ``read_service`` reads, so there is one mapping, not two. The HSDS 3.0
# targets ``read_standard`` reads from any publisher, and where each is in ORUK 1 (the README's
# table shows them beside each field):
ORUK1_SOURCES = {
    "name": ("name",),
    "description": ("description",),
    "url": ("url",),
    "email": ("email",),
    "assured_date": ("assured_date",),
    "organization.name": ("organization.name",),
    "phones": ("phones", "contacts[].phones"),
    "languages": ("languages",),
    "cost_options": ("cost_options",),
    "schedules": ("regular_schedules",),
    "service_areas": ("service_areas[].service_area",),
    "service_at_locations": ("service_at_locations[].location.physical_addresses",),
    "minimum_age/maximum_age": ("eligibilitys[].minimum_age/maximum_age",),
}
# Fields the import fills from another publisher's taxonomy terms (HSDS 3.0 ``attributes``,
# ORUK 1 ``service_taxonomys`` and ``eligibilitys[].taxonomys``): the [import] table for each.
FEED_TERMS = {"topics": "topics", "tier": "tiers"}


def objects_in(items):
    """The objects in a JSON list; nothing for anything else."""
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _term(taxonomy_term):
    """An ORUK 1 taxonomy (``{id, name, vocabulary}``) as an HSDS 3.0 attribute."""
    return {
        "taxonomy_term": {
            "id": taxonomy_term.get("id"),
            "name": taxonomy_term.get("name"),
            "taxonomy": taxonomy_term.get("vocabulary"),
        }
    }


def schedule_text(schedule):
    """A schedule's own description, or its days and hours (``TU 10:00 to 12:00``)."""
    if schedule.get("description"):
        return schedule["description"]
    hours = " to ".join(str(schedule[k]) for k in ("opens_at", "closes_at") if schedule.get(k))
    return " ".join(str(part) for part in (schedule.get("byday"), hours) if part)


def from_oruk1(obj):
    """One ORUK 1 service in the HSDS 3.0 shape ``read_service`` reads."""
    result = {
        key: obj[key]
        for key in ("id", "name", "description", "url", "email", "assured_date", "status")
        if key in obj
    }
    organisation = obj.get("organization")
    if isinstance(organisation, dict):
        result["organization"] = {
            k: organisation.get(k) for k in ("id", "name", "description", "url")
        }
    phones = objects_in(obj.get("phones")) + [
        phone
        for contact in objects_in(obj.get("contacts"))
        for phone in objects_in(contact.get("phones"))
    ]
    if phones:
        result["phones"] = [{"number": phone.get("number")} for phone in phones]
    languages = []
    for item in obj.get("languages") if isinstance(obj.get("languages"), list) else []:
        code = item.get("language") if isinstance(item, dict) else item
        if isinstance(code, str) and code.strip():
            languages.append({"code": code})
    if languages:
        result["languages"] = languages
    if costs := objects_in(obj.get("cost_options")):
        result["cost_options"] = costs
    if schedules := [
        text for s in objects_in(obj.get("regular_schedules")) if (text := schedule_text(s))
    ]:
        result["schedules"] = [{"description": "; ".join(map(str, schedules))}]
    if areas := [
        a["service_area"] for a in objects_in(obj.get("service_areas")) if a.get("service_area")
    ]:
        result["service_areas"] = [{"name": areas[0]}]
    locations = []
    for item in objects_in(obj.get("service_at_locations")):
        location = item.get("location")
        if isinstance(location, dict):
            addresses = objects_in(location.get("physical_addresses"))
            locations.append({
                "location": {
                    "name": location.get("name"),
                    "description": location.get("description"),
                    "addresses": addresses,
                }
            })  # fmt: skip
    if locations:
        result["service_at_locations"] = locations
    attributes = [
        _term(item["taxonomy"])
        for item in objects_in(obj.get("service_taxonomys"))
        if isinstance(item.get("taxonomy"), dict)
    ]
    lows, highs, open_ended = [], [], False
    for eligibility in objects_in(obj.get("eligibilitys")):
        attributes += [_term(t) for t in objects_in(eligibility.get("taxonomys"))]
        low, high = eligibility.get("minimum_age"), eligibility.get("maximum_age")
        if low is not None:
            lows.append(low)
        if high is not None:
            highs.append(high)
        elif low is not None:
            open_ended = True  # "from 16": no upper age
    try:
        low, high = min(map(float, lows), default=None), max(map(float, highs), default=None)
    except (TypeError, ValueError):
        low = high = None  # ages that are not numbers say nothing
    if low is not None:
        result["minimum_age"] = low
    if high is not None and not open_ended:
        result["maximum_age"] = high
    result["attributes"] = attributes
    return result
