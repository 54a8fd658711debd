"""The local profile, declared once: every ``profile.toml`` key and every service field.

Everything else is derived from these declarations: validation (``validate``), the ``Service``
record, the rows of a directory entry, the filter form, the ``{directory}`` role's keys, the
``data-`` attributes the JavaScript reads, the JSON Schemas for editors and the README's
field table (``json_schema.py``). Adding a field is one ``Field`` here and a test.

Pure Python, no Sphinx: the rules can be tested and reused (``python -m guide check``).
"""

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fields, files
from .fields import Invalid
from .vocabulary import (
    ACCESS,
    ADDED_DETAILS,
    AUDIENCES,
    DELIVERY,
    IMPORT_FORMATS,
    NATIONS,
    PROVENANCE,
    REMEMBER_POLICIES,
    SLUG,
    STAGES,
    TIERS,
    TOPICS,
    UK_NATIONS,
    WELSH_TEXT,
)

WELSH_SUFFIX = "_cy"


@dataclass(frozen=True)
class Issue:
    """One problem with a table: the key it is about (None for the whole table), what is
    wrong, and whether a message should name the key before the text."""

    key: str | None
    message: str
    named: bool = True


@dataclass(frozen=True)
class Context:
    """What some checks need beyond the value: the day, and the profile's folder."""

    today: dt.date
    folder: Path | None = None


@dataclass(frozen=True)
class Kind:
    """One kind of value: how it is checked, its JSON Schema, and how readers see it."""

    check: Callable[[Any, Context], Any]
    json: dict
    many: bool = False  # a list (``;``-separated in CSV)
    labels: Any = None  # value -> label, for words from a vocabulary
    example: str = ""  # how a value is written, for the README
    join: Callable[[list], str] | None = None  # how a list is shown, if not "a, b, c"

    def label(self, value):
        """What a reader sees for one value."""
        if callable(self.labels):
            return self.labels(value)
        return self.labels[value] if self.labels else str(value)

    def show(self, value, tr=str, language="en"):
        """What a reader sees for the whole value: one word, or a list. ``tr`` translates an
        English label (the build's ``gettext``); the words themselves are the message ids.
        Labels with a ``language`` parameter (language names) name themselves in it."""
        if self.labels is fields.language_name:
            return ", ".join(fields.language_name(v, language) for v in value)
        if not self.many:
            return tr(self.label(value))
        if self.join:
            return tr(self.join(value))
        return ", ".join(tr(self.label(v)) for v in value)


def text(limit):
    return Kind(
        lambda value, ctx: fields.text(value, limit=limit),
        {"type": "string", "minLength": 1, "maxLength": limit},
        example=f"text, at most {limit} characters",
    )


def word(vocabulary):
    return Kind(
        lambda value, ctx: fields.one_of(value, vocabulary),
        {"enum": list(vocabulary)},
        labels=vocabulary if isinstance(vocabulary, dict) else None,
        example=", ".join(f"`{v}`" for v in vocabulary),
    )


def words(vocabulary, *, required, join=None):
    return Kind(
        lambda value, ctx: fields.choices(value, vocabulary, required=required),
        {"type": "array", "items": {"enum": list(vocabulary)}, "uniqueItems": True}
        | ({"minItems": 1} if required else {}),
        many=True,
        labels=vocabulary,
        example=", ".join(f"`{v}`" for v in vocabulary),
        join=join,
    )


def where(nations):
    """``UK-wide`` for all four nations, otherwise ``England and Wales``."""
    if set(nations) == set(UK_NATIONS):
        return "UK-wide"
    return fields.either([UK_NATIONS[n] for n in nations]).replace(" or ", " and ")


SLUG_KIND = Kind(
    lambda value, ctx: fields.slug(value),
    {"type": "string", "pattern": SLUG.pattern, "maxLength": 100},
    example="a slug such as `baby-stay-and-play`",
)
PHONE = Kind(
    lambda value, ctx: fields.uk_phone(value),
    {"type": "string", "minLength": 3, "maxLength": 60},
    example="a UK phone number, shown as written and linked as `tel:+44...` (an extension such as `ext 2` is kept)",
)
EMAIL = Kind(
    lambda value, ctx: fields.email(value),
    {"type": "string", "format": "email", "pattern": r"^[A-Za-z0-9._'+-]+@[^@\s?&%]+$"},
    example="a plain email address (checked without any network look-up)",
)
WEB = Kind(
    lambda value, ctx: fields.web_address(value),
    {
        "type": "string",
        "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$",
        "maxLength": fields.URL_LIMIT,
    },
    example="an `https://` or `http://` address",
)
REVIEW_DATE = Kind(
    lambda value, ctx: fields.review_date(value, ctx.today),
    {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    example="a date written `YYYY-MM-DD`, not in the future",
)
LANGUAGES = Kind(
    lambda value, ctx: fields.languages(value),
    {"type": "array", "items": {"type": "string", "pattern": "^[a-z]{2}$"}, "minItems": 1},
    many=True,
    labels=fields.language_name,
    example="ISO 639-1 codes (`en`, `cy`, `pl`, `ur`...)",
)
BOOLEAN = Kind(
    lambda value, ctx: fields.boolean(value), {"type": "boolean"}, example="`true` or `false`"
)
MONTHS = Kind(
    lambda value, ctx: fields.months(value),
    {"type": "integer", "minimum": 1, "maximum": 120},
    example="a whole number of months, 1 to 120",
)
COST = Kind(
    lambda value, ctx: fields.text(value, limit=200),
    {"type": "string", "minLength": 1, "maxLength": 200},
    labels=lambda value: "Free" if value.lower() == "free" else value,
    example="`free` or text, at most 200 characters",
)
COLOUR = Kind(
    lambda value, ctx: fields.brand_colour(value),
    {"type": "string", "pattern": fields.HEX_COLOUR.pattern},
    example="`#rrggbb`, at least 4.5:1 against white",
)


def file_name(suffixes, *, content=None):
    """A file in the profile folder; ``files.inside`` checks where it really leads, and
    ``content`` (if given) what is in it."""

    def check(value, ctx):
        path = files.inside(ctx.folder, fields.text(value, limit=255), suffixes)
        return content(path) if content else path

    return Kind(
        check,
        {
            "type": "string",
            "pattern": "^[^/\\\\].*(" + "|".join(s.replace(".", "\\.") for s in suffixes) + ")$",
        },
        example=f"a {fields.either(suffixes)} file in the profile folder",
    )


def file_names(suffixes):
    single = file_name(suffixes)

    def check(value, ctx):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Invalid('must be a list of file names, such as ["services.yaml"]')
        if len(value) > 20:
            raise Invalid("names more than 20 files")
        return [single.check(v, ctx) for v in value]

    return Kind(
        check,
        {"type": "array", "items": single.json, "maxItems": 20},
        example=f"a list of {fields.either(suffixes)} files in the profile folder",
    )


def new_file_name(suffixes):
    """A file the guide writes into the profile folder (it need not exist yet)."""
    ending = "|".join(s.replace(".", "\\.") for s in suffixes)
    return Kind(
        lambda value, ctx: files.new_file(ctx.folder, fields.text(value, limit=255), suffixes),
        {"type": "string", "pattern": "^[^/\\\\].*(" + ending + ")$"},
        example=f"a {fields.either(suffixes)} file in the profile folder, written by the import",
    )


def mapping(vocabulary):
    """A TOML table of names (any text) to words of ``vocabulary``: ``"Name" = "word"``."""

    def check(value, ctx):
        if not isinstance(value, dict):
            raise Invalid('must be a table of "term" = "word" lines')
        if len(value) > 1000:
            raise Invalid("has more than 1,000 lines")
        result = {}
        for key, chosen in value.items():
            key = fields.text(key, limit=200)
            try:
                result[key.lower()] = fields.one_of(chosen, vocabulary)
            except Invalid as exc:
                raise Invalid(f"{key!r}: {exc}") from None
        return result

    return Kind(
        check,
        {
            "type": "object",
            "additionalProperties": {"enum": list(vocabulary)},
            "maxProperties": 1000,
        },
        example="a table of feed term (id or name) = "
        + fields.either([f"`{v}`" for v in vocabulary]),
    )


SELECT_WORD = r"^[^\W_](?:[\w' -]*[^\W_])?\*?$"  # a word or phrase; a final * makes a prefix


def selection():
    """``[import.select]``: the words that take a service, the words and feed ids that leave
    it out, and the stages when nothing else says (``guide/select.py`` applies them)."""
    import re

    word_rule = re.compile(SELECT_WORD)

    def word_list(key, value):
        if not isinstance(value, list) or len(value) > 500:
            raise Invalid(f'{key}: must be a list of at most 500 words, such as ["baby"]')
        found = []
        for item in value:
            item = fields.text(item, limit=100) if isinstance(item, str) else item
            if not isinstance(item, str) or not word_rule.match(item):
                raise Invalid(f"{key}: {item!r} is not a word or phrase (a final * makes a prefix)")
            found.append(item)
        return found

    def check(value, ctx):
        if not isinstance(value, dict):
            raise Invalid("must be a table with words, exclude_words, exclude and default_stages")
        allowed = ("words", "exclude_words", "exclude", "default_stages")
        result = {}
        for key, item in value.items():
            if key not in allowed:
                raise Invalid(f"unknown key {key!r}{fields.suggest(key, allowed)}")
            if key in ("words", "exclude_words"):
                result[key] = word_list(key, item)
            elif key == "exclude":
                if not isinstance(item, list) or len(item) > 10_000:
                    raise Invalid('exclude: must be a list of feed ids, such as ["feed-id-1"]')
                ids = [fields.text(i, limit=200) if isinstance(i, str) else i for i in item]
                if any(isinstance(i, bool) or not isinstance(i, str | int) for i in ids):
                    raise Invalid('exclude: must be a list of feed ids, such as ["feed-id-1"]')
                result[key] = [str(i) for i in ids]
            else:
                try:
                    result[key] = fields.choices(item, STAGES, required=False)
                except Invalid as exc:
                    raise Invalid(f"default_stages: {exc}") from None
        return result

    words_json = {
        "type": "array",
        "items": {"type": "string", "pattern": SELECT_WORD},
        "maxItems": 500,
    }
    return Kind(
        check,
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "words": words_json,
                "exclude_words": words_json,
                "exclude": {"type": "array", "items": {"type": ["string", "integer"]}},
                "default_stages": {
                    "type": "array",
                    "items": {"enum": list(STAGES)},
                    "uniqueItems": True,
                },
            },
        },
        example="a table of `words`, `exclude_words` (whole words, any case; a final `*` makes a "
        "prefix), `exclude` (feed ids) and `default_stages`; without it, the words listed under "
        '"Which services the import takes"',
    )


@dataclass(frozen=True)
class Filter:
    """A field the directory can be filtered by: the URL key, its label and "any" option."""

    key: str
    label: str
    any: str
    options: str = "vocabulary"  # or "data": the values the services use (languages)


@dataclass(frozen=True)
class Field:
    """One key of a table or one field of a service."""

    name: str
    kind: Kind
    help: str
    required: bool = False
    label: str = ""  # shown to readers beside the value in a directory entry
    default: Any = None
    filter: Filter | None = None
    welsh: bool = False  # takes a ``<name>_cy`` counterpart in Welsh
    # Where it goes in an Open Referral UK / HSDS 3.0 service (``hsds.py`` reads and writes
    # each target): a field such as ``name``, ``attribute`` (a term of the guide's taxonomy
    # for each value), ``attribute value`` (the value as text), or several joined by " + ".
    hsds: str = ""
    unstated: str = ""  # shown in its row when the entry does not give it
    shown_for: str = "all"  # whose entries show the row: all, national or local


@dataclass(frozen=True)
class Table:
    """A table of ``profile.toml``, or a service (a YAML item or a CSV row)."""

    name: str
    help: str
    fields: tuple[Field, ...]
    required: bool = False
    one_of: tuple[str, ...] = ()  # at least one of these keys
    requires: tuple[tuple[str, str, str], ...] = ()  # (key, needs key, why)
    # (key, other, value): key is required when other (or its default) is value
    required_when: tuple[tuple[str, str, str], ...] = ()

    @property
    def by_name(self):
        return {f.name: f for f in self.fields}

    @property
    def keys(self):
        """Every key that may be written, with the Welsh counterparts."""
        names = []
        for f in self.fields:
            names.append(f.name)
            if f.welsh:
                names.append(f.name + WELSH_SUFFIX)
        return names

    def field_for(self, key):
        """The field a key belongs to, and whether it is the Welsh counterpart."""
        if key in self.by_name:
            return self.by_name[key], False
        base = key.removesuffix(WELSH_SUFFIX)
        if key != base and base in self.by_name and self.by_name[base].welsh:
            return self.by_name[base], True
        return None, False


# ---------------------------------------------------------------------------------------------
# A service. The order here is the order of the README table and of CSV columns.
SERVICE = Table(
    "service",
    "One service: a YAML list item, or a CSV row with these column names.",
    (
        Field("id", SLUG_KIND, "unique across all files", required=True, hsds="id + attribute value"),
        Field("name", text(200), "the service's name", required=True, welsh=True, hsds="name"),
        Field(
            "organisation", text(200), "who runs it", required=True, welsh=True,
            hsds="organization.name",
        ),
        Field(
            "audience", word(AUDIENCES), "who it is for: families, or practitioners' own learning",
            default="families", filter=Filter("audience", "Who it is for", "Anyone"),
            hsds="attribute",
        ),
        Field(
            "tier", word(TIERS),
            "step 3's getting advice, getting help, getting more help; needed for families' services",
            filter=Filter("tier", "Level of support", "Any level"),
            hsds="attribute",
        ),
        Field(
            "summary", text(400), "what it offers", required=True, welsh=True,
            hsds="description",
        ),
        Field(
            "stages", words(STAGES, required=True), "when in the first 1000 days", required=True,
            label="For", filter=Filter("stage", "Stage", "Any stage"),
            hsds="minimum_age/maximum_age + attribute",
        ),
        Field(
            "topics", words(TOPICS, required=False), "what it helps with", label="Topics",
            default=(), filter=Filter("topic", "Topic", "Any topic"),
            hsds="attribute",
        ),
        Field(
            "access", words(ACCESS, required=True), "how families reach it", label="How to get it",
            filter=Filter("access", "How to get it", "Any way"), hsds="application_process + attribute",
            unstated="Not stated: ask the service",
        ),
        Field(
            "delivery", words(DELIVERY, required=False), "how it is delivered", label="Delivered",
            default=(), hsds="attribute",
        ),
        Field(
            "cost", COST, "`free` or what it costs; shown only when given", label="Cost",
            welsh=True, hsds="cost_options",
        ),
        Field(
            "languages", LANGUAGES, "the languages it is offered in; shown only when given",
            label="Languages",
            filter=Filter("language", "Language", "Any language", options="data"),
            hsds="languages",
        ),
        Field(
            "area", text(100), "where it is offered, default the profile's area", label="Area",
            welsh=True, hsds="service_areas", shown_for="local",
        ),
        Field(
            "nations", words(UK_NATIONS, required=True, join=where),
            "the nations it applies in, default the profile's nation; all four are UK-wide",
            label="Where it applies", shown_for="national", hsds="attribute",
        ),
        Field("phone", PHONE, "at least one of phone, email, website, address", label="Phone", hsds="phones"),
        Field("email", EMAIL, "at least one of phone, email, website, address", label="Email", hsds="email"),
        Field("website", WEB, "at least one of phone, email, website, address", label="Website", hsds="url"),
        Field(
            "address", text(500), "where to go; at least one of phone, email, website, address",
            label="Address", welsh=True,
            hsds="service_at_locations",
        ),
        Field(
            "opening_times", text(500), "when it is open", label="Opening times", welsh=True,
            hsds="schedules",
        ),
        Field(
            "provenance", word(PROVENANCE),
            "where the entry comes from; default the local profile", default="local-profile",
            hsds="attribute",
        ),
        Field(
            "added", words(ADDED_DETAILS, required=False),
            "details this guide added where the source gives none", default=(),
            hsds="attribute",
        ),
        Field(
            "checked_against", WEB, "the page the entry was checked against",
            hsds="attribute value",
        ),
        Field(
            "feed_id", text(200), "the service's id in the directory feed it was imported from",
            hsds="attribute value",
        ),
        Field(
            "last_reviewed", REVIEW_DATE,
            "when the entry was last checked against that page; leave it out if nobody has",
            label="Last reviewed", hsds="assured_date",
        ),
    ),
    one_of=("phone", "email", "website", "address"),
    required_when=(("tier", "audience", "families"),),
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# profile.toml
PROFILE = (
    Table(
        "area",
        "The area the guide is built for.",
        (
            Field("name", text(100), "shown in the header and the text", required=True, welsh=True),
            Field("nation", word(NATIONS), "Welsh profiles also list Flying Start", required=True),
            Field("brand_colour", COLOUR, "the header's colour"),
            Field("logo", file_name(files.LOGO_SUFFIXES, content=files.logo), "PNG, JPEG or SVG, at most 1 MiB"),
            Field("logo_alt", text(200), "describes the logo for people who cannot see it", welsh=True),
            Field("example", BOOLEAN, "a banner asks readers to check every detail", default=False),
            Field(
                "welsh", word(WELSH_TEXT),
                "in Wales, whether every text needs its Welsh counterpart (``_cy``)",
                default="optional",
            ),
        ),
        required=True,
        requires=(("logo", "logo_alt", "describe the logo for people who cannot see it"),),
    ),
    Table(
        "front_door",
        "Where practitioners send requests for help.",
        (
            Field("name", text(200), "the service's name", required=True, welsh=True),
            Field("phone", PHONE, "at least one of phone, email, website", label="Phone"),
            Field("email", EMAIL, "at least one of phone, email, website", label="Email"),
            Field("website", WEB, "at least one of phone, email, website", label="Website"),
            Field("opening_times", text(500), "when it is open", label="Opening times", welsh=True),
        ),
        one_of=("phone", "email", "website"),
    ),
    Table(
        "safeguarding",
        'Where "follow your local procedures" points.',
        (
            Field("summary", text(600), "what to do", required=True, welsh=True),
            Field("phone", PHONE, "who to call", label="Phone"),
            Field("email", EMAIL, "where to write", label="Email"),
            Field("procedures_url", WEB, "the local procedures", label="Local procedures"),
        ),
    ),
    Table(
        "checklists",
        "Checklists.",
        (
            Field(
                "remember_ticks", word(REMEMBER_POLICIES),
                "where ticks are kept: this tab, this device, or nowhere", default="tab",
            ),
        ),
    ),
    Table(
        "directory",
        "The signposting directory.",
        (
            Field("sources", file_names((".yaml", ".yml", ".csv")), "YAML and CSV files of services", default=()),
            Field("include_national", BOOLEAN, "the bundled national resources", default=True),
            Field("review_after_months", MONTHS, 'older entries say "may be out of date"', default=12),
        ),
    ),
    Table(
        "import",
        "Where python -m guide import (make import) reads the area's Open Referral UK feed.",
        (
            Field("url", WEB, "an Open Referral UK API base, such as https://directory.example.gov.uk/api/"),
            Field("file", file_name((".json",)), "or a JSON file in the profile folder"),
            Field("format", word(IMPORT_FORMATS), "the feed's shape", required=True),
            Field("snapshot", new_file_name((".yaml", ".yml")), "the YAML file the import writes; list it in [directory] sources", required=True),
            Field("default_tier", word(TIERS), "the level for services the tiers table does not place"),
            Field("default_access", words(ACCESS, required=True), "how families reach services the feed does not say"),
            Field("topics", mapping(TOPICS), "feed taxonomy terms (id or name, any case) and the topic each means", default={}),
            Field("tiers", mapping(TIERS), "feed taxonomy terms (id or name, any case) and the level each means", default={}),
            Field("select", selection(), "which of the feed's services the guide takes"),
            Field("own_export", BOOLEAN, "the feed is this guide's own services.hsds.json: trust its parent-infant-guide-* attributes (audience, nations, Welsh text, ids), which any other feed's are not", default=False),
            Field("deadline", Kind(lambda value, ctx: fields.whole_number(value, 1, 60, "minutes"), {"type": "integer", "minimum": 1, "maximum": 60}, example="a whole number of minutes, 1 to 60"), "how long reading the whole feed may take before the import stops", default=10),
        ),
        one_of=("url", "file"),
    ),
    Table(
        "site",
        "The published site.",
        (
            Field("offline", BOOLEAN, "after the first visit, the whole guide is kept on the device and works without a connection", default=True),
        ),
    ),
)  # fmt: skip
PROFILE_TABLES = {table.name: table for table in PROFILE}

FILTERS = tuple(f for f in SERVICE.fields if f.filter)


def validate(table, values, ctx):
    """Clean values (defaults filled in), Welsh values, and every ``Issue``, for one table.

    Every problem is found, not just the first. Welsh counterparts are checked like their
    English field and kept under ``welsh``.
    """
    problems, clean, welsh = [], {}, {}
    for key in values:
        found, _ = table.field_for(key)
        if found is None:
            what = "field" if table is SERVICE else "key"
            problems.append(
                Issue(key, f"unknown {what} {key!r}{fields.suggest(key, table.keys)}", False)
            )
    for f in table.fields:
        if f.required and values.get(f.name) is None:
            problems.append(Issue(f.name, "is missing"))
    for key, value in values.items():
        found, is_welsh = table.field_for(key)
        if found is None or value is None:
            continue
        try:
            checked = found.kind.check(value, ctx)
        except Invalid as exc:
            problems.append(Issue(key, str(exc)))
            continue
        (welsh if is_welsh else clean)[found.name] = checked
    for key, needs, why in table.requires:
        if values.get(key) is not None and values.get(needs) is None:
            problems.append(Issue(needs, f"is missing: {why}"))
    for key, other, value in table.required_when:
        given = values.get(other, table.by_name[other].default)
        if given == value and values.get(key) is None:
            problems.append(Issue(key, f"is missing: every service for {value} needs one"))
    if table.one_of and not any(values.get(key) is not None for key in table.one_of):
        problems.append(Issue(None, f"needs at least one of {fields.either(table.one_of)}"))
    for f in table.fields:
        if f.name not in clean and f.default is not None:
            default = f.default
            clean[f.name] = list(default) if isinstance(default, tuple) else copy.copy(default)
    for name in welsh:
        if name not in clean:
            problems.append(Issue(name + WELSH_SUFFIX, f"is given without {name}"))
    return clean, welsh, problems


LINK_KINDS = (PHONE, EMAIL, WEB)


def links(table, record):
    """The record's phone, email and web links in declared order: (field, value)."""
    return [
        (f, getattr(record, f.name))
        for f in table.fields
        if f.kind in LINK_KINDS and getattr(record, f.name)
    ]


def rows(service, tr=str, welsh=False, language="en"):
    """The labelled rows of a directory entry, in declared order: (label, text, in English).

    ``tr`` translates labels and words; with ``welsh``, a text field shows its Welsh
    counterpart, or its English text marked as English (the third item) when it has none."""
    result = []
    scope = "national" if service.national else "local"
    for f in SERVICE.fields:
        value = getattr(service, f.name)
        if not f.label or f.kind in (*LINK_KINDS, REVIEW_DATE) or f.shown_for not in ("all", scope):
            continue  # links and the review date have their own places in an entry
        if value in ("", None, []):
            if f.unstated and service.audience == "families":  # how families reach it
                result.append((tr(f.label), tr(f.unstated), False))
            continue
        if f.welsh and welsh:
            text, english = local_text(service, f.name, welsh)
            shown = tr(f.kind.label(text)) if f.kind.labels else text
            is_word = bool(f.kind.labels) and f.kind.label(text) != text  # "free" is a word
            result.append((tr(f.label), shown, english and not is_word))
            continue
        result.append((tr(f.label), f.kind.show(value, tr, language), False))
    return result


def missing_welsh(table, record):
    """The text fields a record gives in English without their Welsh counterpart."""
    return [
        f.name
        for f in table.fields
        if f.welsh and getattr(record, f.name) not in ("", None) and not record.in_welsh.get(f.name)
    ]


def local_text(record, name, welsh):
    """A profile's text in the build's language: (text, whether it is the English fallback)."""
    english = getattr(record, name)
    if not welsh:
        return english, False
    translated = record.in_welsh.get(name)
    return (translated, False) if translated else (english, bool(english))


def order(service):
    """How lists are ordered: what the guidance names first, then local, then the rest."""
    return (service.provenance != "named-in-guidance", service.national, service.name.lower())
