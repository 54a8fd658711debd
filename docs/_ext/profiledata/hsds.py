"""Open Referral UK / HSDS 3.0: our services as full HSDS service objects, and back.

Each declared field says where it goes (``Field.hsds``, a ``To`` from ``openreferral.py``):
its place in an HSDS 3.0 service, its places in an ORUK 1 service, and the form of the value
there. The export (``services.hsds.json``), the HSDS 3.0 import and the ORUK 1 import are read
off that one declaration here, with nothing written per field. What HSDS has no field for goes
in ``attributes``, as terms of taxonomies the guide publishes (one per vocabulary, names
starting ``parent-infant-guide-``), so nothing of ours is lost.

Ids are UUID version 5 from ``NAMESPACE`` and our own id, so they are the same on every build
and every machine. Pure Python, no Sphinx.
"""

import contextlib
import datetime as dt

from . import files, schema
from .openreferral import NAMESPACE, found_at, place, uid  # noqa: F401 (NAMESPACE: hsds.NAMESPACE for the README)

TAXONOMY_PREFIX = "parent-infant-guide-"
WELSH_TAXONOMY = TAXONOMY_PREFIX + "welsh"
TAXONOMY_VERSION = "1"
FORMATS = ("hsds-3", "oruk-1")
# Where an ORUK 1 service keeps its taxonomy terms (HSDS 3.0: in ``attributes``); the import
# maps other publishers' terms through [import.topics] and [import.tiers].
ORUK1_TERMS = ("service_taxonomys[].taxonomy", "eligibilitys[].taxonomys[]")
# Fields the import fills from another publisher's taxonomy terms: the [import] table for each.
FEED_TERMS = {"topics": "topics", "tier": "tiers"}


def taxonomy_name(f):
    return TAXONOMY_PREFIX + f.name


def taxonomy(name, description):
    return {
        "id": uid("taxonomy", name),
        "name": name,
        "description": description,
        "version": TAXONOMY_VERSION,
    }


_TERMS = {}


def term(f, code):
    """A term of the field's taxonomy: our word as ``code``, its label as ``name``. Made once
    for each field and word: every service with that word shares it (nothing changes it)."""
    key = (f.name, code)
    if key not in _TERMS:
        _TERMS[key] = _term_of(f, code)
    return _TERMS[key]


def _term_of(f, code):
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


# --- writing ---------------------------------------------------------------------------------


def service_object(service):
    """One full HSDS 3.0 service object (as ``GET /services/{id}`` returns it), each field
    written where its ``To`` says."""
    sid = uid("service", service.id)
    obj = {"id": sid, "name": service.name, "status": "active", "attributes": []}
    for f in schema.SERVICE.fields:
        to, value = f.hsds, getattr(service, f.name)
        if to is None or value in ("", None, []):
            continue
        if to.path is not None:
            each = f.kind.many and to.form.gather == "each"  # an object for each value
            made = [to.form.put(v, f, sid) for v in value] if each else [to.form.put(value, f, sid)]
            place(obj, to.path, made, sid)
        if to.terms:
            for code in value if f.kind.many else [value]:
                obj["attributes"].append(attribute(sid, f.name, term(f, code)))
        if to.value:
            obj["attributes"].append(attribute(sid, f.name, term(f, f.name), value=str(value)))
    for name, text in sorted(service.in_welsh.items()):
        obj["attributes"].append(attribute(sid, "welsh", welsh_term(name), value=text))
    return obj


def services_page(services):
    """An HSDS 3.0 ``GET /services`` response holding every service on one page; its
    ``contents`` made one service object at a time as they are written (``write_json``)."""
    ordered = sorted(services, key=lambda s: s.id)
    return {
        "total_items": len(ordered),
        "total_pages": 1,
        "page_number": 1,
        "size": len(ordered),
        "first_page": True,
        "last_page": True,
        "empty": not ordered,
        "contents": (service_object(s) for s in ordered),
    }


def json_chunks(data, listed):
    """JSON in which no text can be taken for markup: ``<``, ``>`` and ``&`` (which JSON has
    only inside strings) are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so a page
    that embeds the file, or a reader that sniffs it as HTML, sees text; JSON readers read the
    same characters back. The list ``data[listed]`` is one item to a line
    (``files.json_chunks``), in pieces."""
    for chunk in files.json_chunks(data, listed):
        yield chunk.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_text(data, listed):
    return "".join(json_chunks(data, listed))


def write_json(path, data, listed):
    """``json_text`` written as it is made: an export of 10,000 services (90 MB) is never
    whole in memory, as text or as objects."""
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json_chunks(data, listed))


def dump(services):
    return json_text(services_page(services), "contents")


def write(path, services):
    """``services.hsds.json``: ``dump``, written as it is made."""
    write_json(path, services_page(services), "contents")


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
        if f.hsds and f.hsds.value:
            values[f.name] = value
        elif f.kind.many:
            values.setdefault(f.name, []).append(code)
        else:
            values[f.name] = code
    return values | welsh


def read_standard(obj, text):
    """Our fields from where each field's ``To`` says they are in an HSDS 3.0 service of any
    publisher: {name: raw value}. ``text`` turns a feed's text (which may hold HTML) into
    plain text."""
    values = {}
    for f in schema.SERVICE.fields:
        if f.hsds is None:
            continue
        items = [item for path in f.hsds.sources("hsds-3") for item in found_at(obj, path)]
        if items and (value := f.hsds.form.read(items, text, f.kind.many)) is not None:
            values[f.name] = value
    return values


def read_service(obj, text):
    """Our fields from one HSDS 3.0 service: the guide's own terms win over the rest."""
    values = read_standard(obj, text) | read_own(obj)
    if isinstance(values.get("last_reviewed"), str):
        with contextlib.suppress(ValueError):  # validation names a bad date
            values["last_reviewed"] = dt.date.fromisoformat(values["last_reviewed"])
    return values


# --- Open Referral UK 1 ----------------------------------------------------------------------
# Many council feeds still serve the older ORUK 1 shape. ``from_oruk1`` carries what each field's
# ``To`` names at its ORUK 1 places to its HSDS 3.0 place, so ``read_service`` reads both shapes
# with one mapping; nothing here names a field.


def from_oruk1(obj):
    """One ORUK 1 service in the HSDS 3.0 shape ``read_service`` reads."""
    result = {key: obj[key] for key in ("id", "status") if key in obj}
    for f in schema.SERVICE.fields:
        to = f.hsds
        if to is None or not (sources := to.sources("oruk-1")):
            continue
        items = [item for path in sources for item in found_at(obj, path)]
        if items:
            to.form.carry(result, to.path, items)
    result["attributes"] = [
        {
            "taxonomy_term": {
                "id": t.get("id"),
                "name": t.get("name"),
                "taxonomy": t.get("vocabulary"),
            }
        }
        for path in ORUK1_TERMS
        for t in found_at(obj, path)
        if isinstance(t, dict)
    ]
    return result


def objects_in(items):
    """The objects in a JSON list; nothing for anything else."""
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def first(items):
    """The first object of a JSON list, or an empty one."""
    found = objects_in(items)
    return found[0] if found else {}
