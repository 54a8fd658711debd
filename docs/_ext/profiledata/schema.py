"""The local profile, declared once: every ``profile.toml`` key and every service field.

Everything else is derived from these declarations: validation (``validate``), the ``Service``
record, the rows of a directory entry, the filter form, the ``{directory}`` role's keys, the
``data-`` attributes the JavaScript reads, the JSON Schemas for editors and the README's
field table (``json_schema.py``). Adding a field is one ``Field`` here and a test.

Pure Python, no Sphinx: the rules can be tested and reused (``python -m guide check``).
"""

import copy
import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fields, files
from . import openreferral as oruk
from .fields import Invalid
from .openreferral import To
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
    """One kind of value: how it is checked, its JSON Schema, and its words' declared labels
    (``signposting/present.py`` shows them)."""

    check: Callable[[Any, Context], Any]
    json: dict | Callable[[], dict]  # a function when making it costs (every language code)
    many: bool = False  # a list (``;``-separated in CSV)
    labels: Any = None  # value -> label, for words from a vocabulary
    example: str = ""  # how a value is written, for the README
    join: Callable[[list], str] | None = None  # how a list is shown, if not "a, b, c"
    empty: Any = ""  # what a record holds when the value is not given (a list field: [])

    def schema(self):
        """The JSON Schema of a value."""
        return self.json() if callable(self.json) else self.json

    def label(self, value):
        """What a reader sees for one value."""
        if callable(self.labels):
            return self.labels(value)
        return self.labels[value] if self.labels else str(value)


# The JSON Schemas take what the checks take (tests/_ext/signposting/test_schema.py): text that
# is not blank and holds no control character (tabs and line breaks are spaces to the check)...
CONTROL = "\\u0000-\\u0008\\u000e-\\u001b\\u007f-\\u0084\\u0086-\\u009f"
TEXT_PATTERN = f"^[^{CONTROL}]*[^\\s{CONTROL}][^{CONTROL}]*$"


def list_json(words, *, required):
    """...and a list of words written as a list, or as one string of words separated by
    ``;`` (as a CSV cell holds it, and a single word needs no list), repeats allowed."""
    word = "(?:" + "|".join(words) + ")"
    as_text = {"type": "string", "pattern": f"^\\s*{word}?\\s*(?:;\\s*{word}?\\s*)*$"}
    if required:
        as_text = {"type": "string", "allOf": [as_text, {"pattern": "[^\\s;]"}]}
    as_list = {"type": "array", "items": {"enum": list(words)}} | (
        {"minItems": 1} if required else {}
    )
    return {"anyOf": [as_list, as_text]}


def text(limit):
    return Kind(
        lambda value, ctx: fields.text(value, limit=limit),
        {"type": "string", "minLength": 1, "maxLength": limit, "pattern": TEXT_PATTERN},
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
        list_json(list(vocabulary), required=required),
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


def paragraphs(limit):
    return Kind(
        lambda value, ctx: fields.paragraphs(value, limit=limit),
        {"type": "string", "minLength": 1, "maxLength": limit},
        example=f"text, at most {limit} characters: a blank line between paragraphs, `- ` before "
        "each item of a list",
    )


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
    {
        "type": "string",
        "format": "email",
        "maxLength": 254,
        "pattern": r"^[A-Za-z0-9_'+-]+(?:\.[A-Za-z0-9_'+-]+)*@(?:[^@\s?&%.]+\.)+[^@\s?&%.]+$",
    },
    example="a plain email address (checked without any network look-up)",
)
WEB = Kind(
    lambda value, ctx: fields.web_address(value),
    {
        "type": "string",
        "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+(?:[/?#][^\\s]*)?$",
        "maxLength": fields.URL_LIMIT,
    },
    example="an `https://` or `http://` address",
)
REVIEW_DATE = Kind(
    lambda value, ctx: fields.review_date(value, ctx.today),
    {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    example="a date written `YYYY-MM-DD`, not in the future",
    empty=None,
)
LANGUAGES = Kind(
    lambda value, ctx: fields.languages(value),
    lambda: list_json(sorted(fields.LANGUAGE_CODES.all()), required=True),
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
        empty=None,
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
        {"type": "array", "items": single.schema(), "maxItems": 20},
        example=f"a list of {fields.either(suffixes)} files in the profile folder",
    )


def new_file_name(suffixes):
    """A file the guide writes into the profile folder (it need not exist yet)."""
    ending = "|".join(s.replace(".", "\\.") for s in suffixes)
    return Kind(
        lambda value, ctx: files.new_file(ctx.folder, fields.text(value, limit=255), suffixes),
        {"type": "string", "pattern": "^[^/\\\\].*(" + ending + ")$"},
        example=f"a {fields.either(suffixes)} file in the profile folder, written by the import",
        empty=None,
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
                "exclude": {
                    "type": "array",
                    "items": {"type": ["string", "integer"], "pattern": TEXT_PATTERN},
                    "maxItems": 10_000,
                },
                "default_stages": list_json(list(STAGES), required=False),
            },
        },
        example="a table of `words`, `exclude_words` (whole words, any case; a final `*` makes a "
        "prefix), `exclude` (feed ids) and `default_stages`; without it, the words listed under "
        '"Which services the import takes"',
        empty=None,
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
    # Where it goes in Open Referral UK (HSDS 3.0 and ORUK 1): ``openreferral.To``.
    hsds: To | None = None
    unstated: str = ""  # shown in its row when the entry does not give it
    shown_for: str = "all"  # whose entries show the row: all, national or local


def declare(kind, help, **options):
    """One field of a record, declared where the record's attribute is written: its kind,
    help and options become a ``Field`` (``table_of``); the attribute's default is the
    declared one, else an empty list (a list field), else ``kind.empty``."""
    default = options.get("default")
    if kind.many or isinstance(default, tuple):
        made = dataclasses.field(default_factory=lambda: list(default or ()))
    elif isinstance(default, dict):
        made = dataclasses.field(default_factory=lambda: dict(default))
    else:
        made = dataclasses.field(default=kind.empty if default is None else default)
    made.metadata = {"declared": (kind, help, options)}
    return made


@dataclass(frozen=True)
class Table:
    """A table of ``profile.toml``, or a service (a YAML item or a CSV row), and the record
    that holds it once checked."""

    name: str
    help: str
    fields: tuple[Field, ...]
    record: type
    required: bool = False
    one_of: tuple[str, ...] = ()  # at least one of these keys
    requires: tuple[tuple[str, str, str], ...] = ()  # (key, needs key, why)
    # (key, other, value): key is required when other (or its default) is value
    required_when: tuple[tuple[str, str, str], ...] = ()

    @functools.cached_property
    def by_name(self):
        """Each field by name (made once: every value of every service looks here)."""
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


def table_of(record, name, help, **options):
    """The ``Table`` a record declares: a ``Field`` for each attribute made by ``declare``,
    in the order written."""
    declared = [
        Field(f.name, kind, text, **extra)
        for f in dataclasses.fields(record)
        if "declared" in f.metadata
        for kind, text, extra in [f.metadata["declared"]]
    ]
    return Table(name, help, tuple(declared), record, **options)


# ---------------------------------------------------------------------------------------------
# A service. The order here is the order of the README table and of CSV columns.
@dataclass
class Service:
    """One service, checked (``services.validate``): local or national."""

    id: str = declare(SLUG_KIND, "unique across all files", required=True, hsds=To(value=True))
    name: str = declare(text(200), "the service's name", required=True, welsh=True, hsds=To("name"))
    organisation: str = declare(
        text(200),
        "who runs it",
        required=True,
        welsh=True,
        hsds=To("", form=oruk.ORGANISATION),
    )
    audience: str = declare(
        word(AUDIENCES),
        "who it is for: families, or practitioners' own learning",
        default="families",
        filter=Filter("audience", "Who it is for", "Anyone"),
        hsds=To(terms=True),
    )
    tier: str = declare(
        word(TIERS),
        "step 3's getting advice, getting help, getting more help; needed for families' services",
        filter=Filter("tier", "Level of support", "Any level"),
        hsds=To(terms=True),
    )
    summary: str = declare(
        text(400),
        "what it offers",
        required=True,
        welsh=True,
        hsds=To("description"),
    )
    alert: str = declare(
        text(500),
        "what a practitioner must know first (closed for the summer, moved, a waiting list); "
        "shown at the top of the entry",
        label="Please note",
        welsh=True,
        hsds=To("alert"),
    )
    description: str = declare(
        paragraphs(5000),
        'the whole description, under "More about this service"; the summary is its opening',
        welsh=True,
        hsds=To(value=True),
    )
    stages: list[str] = declare(
        words(STAGES, required=True),
        "when in the first 1000 days",
        required=True,
        label="For",
        filter=Filter("stage", "Stage", "Any stage"),
        hsds=To("", oruk1="eligibilitys[]", form=oruk.AGES, terms=True),
    )
    topics: list[str] = declare(
        words(TOPICS, required=False),
        "what it helps with",
        label="Topics",
        default=(),
        filter=Filter("topic", "Topic", "Any topic"),
        hsds=To(terms=True),
    )
    access: list[str] = declare(
        words(ACCESS, required=True),
        "how families reach it",
        label="How to get it",
        filter=Filter("access", "How to get it", "Any way"),
        hsds=To("application_process", form=oruk.SHOWN, terms=True),
        unstated="Not stated: ask the service",
    )
    application_process: str = declare(
        text(1000),
        "how to get in, in the service's words (a form, a referral, a phone call first)",
        label="How to apply",
        welsh=True,
        hsds=To(value=True),
    )
    eligibility_description: str = declare(
        text(1000),
        "who can use it, in the service's words",
        label="Who can use it",
        welsh=True,
        hsds=To("eligibility_description"),
    )
    delivery: list[str] = declare(
        words(DELIVERY, required=False),
        "how it is delivered",
        label="Delivered",
        default=(),
        hsds=To(terms=True),
    )
    cost: str = declare(
        COST,
        "`free` or what it costs; shown only when given",
        label="Cost",
        welsh=True,
        hsds=To("cost_options[]", form=oruk.COST),
    )
    fees_description: str = declare(
        text(1000),
        "what it costs, in detail (amounts, what each is for)",
        label="Fees",
        welsh=True,
        hsds=To("fees_description", oruk1="fees"),
    )
    interpretation_services: str = declare(
        text(500),
        "interpreting it offers (languages, British Sign Language)",
        label="Interpreting",
        welsh=True,
        hsds=To("interpretation_services"),
    )
    languages: list[str] = declare(
        LANGUAGES,
        "the languages it is offered in; shown only when given",
        label="Languages",
        filter=Filter("language", "Language", "Any language", options="data"),
        hsds=To("languages[]", form=oruk.LANGUAGE),
    )
    area: str = declare(
        text(100),
        "where it is offered, default the profile's area",
        label="Area",
        welsh=True,
        shown_for="local",
        hsds=To("service_areas[].name", oruk1="service_areas[].service_area"),
    )
    nations: list[str] = declare(
        words(UK_NATIONS, required=True, join=where),
        "the nations it applies in, default the profile's nation; all four are UK-wide",
        label="Where it applies",
        shown_for="national",
        hsds=To(terms=True),
    )
    phone: fields.Phone | str = declare(
        PHONE,
        "at least one of phone, email, website, address",
        label="Phone",
        hsds=To("phones[]", oruk1=("phones[]", "contacts[].phones[]"), form=oruk.PHONE),
    )
    phone_description: str = declare(
        text(100), "what the phone number is for (bookings, a helpline)", welsh=True,
        hsds=To("phones[0].description"),
    )  # fmt: skip
    phone_2: fields.Phone | str = declare(
        PHONE, "a second phone number", label="Phone", hsds=To("phones[1]", form=oruk.PHONE)
    )
    phone_2_description: str = declare(
        text(100), "what the second number is for", welsh=True,
        hsds=To("phones[1].description"),
    )  # fmt: skip
    phone_3: fields.Phone | str = declare(
        PHONE, "a third phone number", label="Phone", hsds=To("phones[2]", form=oruk.PHONE)
    )
    phone_3_description: str = declare(
        text(100), "what the third number is for", welsh=True,
        hsds=To("phones[2].description"),
    )  # fmt: skip
    email: str = declare(
        EMAIL,
        "at least one of phone, email, website, address",
        label="Email",
        hsds=To("email"),
    )
    website: str = declare(
        WEB,
        "at least one of phone, email, website, address",
        label="Website",
        hsds=To("url"),
    )
    organisation_website: str = declare(
        WEB,
        "the organisation's own website, shown as the organisation's (the import gives it only "
        "when the service has none of its own)",
        label="The organisation's website",
        hsds=To("organization.url"),
    )
    address: str = declare(
        text(500),
        "where to go; at least one of phone, email, website, address",
        label="Address",
        welsh=True,
        hsds=To("service_at_locations[]", form=oruk.LOCATION),
    )
    address_2: str = declare(
        text(500), "a second place to go", label="Address", welsh=True,
        hsds=To("service_at_locations[1]", form=oruk.LOCATION),
    )  # fmt: skip
    address_3: str = declare(
        text(500), "a third place to go", label="Address", welsh=True,
        hsds=To("service_at_locations[2]", form=oruk.LOCATION),
    )  # fmt: skip
    opening_times: str = declare(
        text(500),
        "when it is open",
        label="Opening times",
        welsh=True,
        hsds=To("schedules[]", oruk1="regular_schedules[]", form=oruk.SCHEDULE),
    )
    provenance: str = declare(
        word(PROVENANCE),
        "where the entry comes from; default the local profile",
        default="local-profile",
        hsds=To(terms=True),
    )
    added: list[str] = declare(
        words(ADDED_DETAILS, required=False),
        "details this guide added where the source gives none",
        default=(),
        hsds=To(terms=True),
    )
    checked_against: str = declare(
        WEB,
        "the page the entry was checked against",
        hsds=To(value=True),
    )
    feed_id: str = declare(
        text(200),
        "the service's id in the directory feed it was imported from",
        hsds=To(value=True),
    )
    last_reviewed: dt.date | None = declare(
        REVIEW_DATE,
        "when the entry was last checked against that page; leave it out if nobody has",
        label="Last reviewed",
        hsds=To("assured_date", form=oruk.DATE),
    )
    # Beyond the declaration: what the loader adds.
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)  # the _cy texts
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


SERVICE = table_of(
    Service,
    "service",
    "One service: a YAML list item, or a CSV row with these column names.",
    one_of=("phone", "email", "website", "address"),
    required_when=(("tier", "audience", "families"),),
)


# ---------------------------------------------------------------------------------------------
# profile.toml: a record for each table, in the order of the README.
@dataclass
class AreaTable:
    name: str = declare(text(100), "shown in the header and the text", required=True, welsh=True)
    nation: str = declare(word(NATIONS), "Welsh profiles also list Flying Start", required=True)
    brand_colour: str = declare(COLOUR, "the header's colour")
    logo: files.Logo | None = declare(
        file_name(files.LOGO_SUFFIXES, content=files.logo), "PNG, JPEG or SVG, at most 1 MiB"
    )
    logo_alt: str = declare(
        text(200), "describes the logo for people who cannot see it", welsh=True
    )
    example: bool = declare(BOOLEAN, "a banner asks readers to check every detail", default=False)
    welsh: str = declare(
        word(WELSH_TEXT),
        "in Wales, whether every text needs its Welsh counterpart (``_cy``)",
        default="optional",
    )
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class FrontDoorTable:
    name: str = declare(text(200), "the service's name", required=True, welsh=True)
    phone: fields.Phone | str = declare(
        PHONE, "at least one of phone, email, website", label="Phone"
    )
    email: str = declare(EMAIL, "at least one of phone, email, website", label="Email")
    website: str = declare(WEB, "at least one of phone, email, website", label="Website")
    opening_times: str = declare(text(500), "when it is open", label="Opening times", welsh=True)
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class SafeguardingTable:
    summary: str = declare(text(600), "what to do", required=True, welsh=True)
    phone: fields.Phone | str = declare(PHONE, "who to call", label="Phone")
    email: str = declare(EMAIL, "where to write", label="Email")
    procedures_url: str = declare(WEB, "the local procedures", label="Local procedures")
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class ChecklistsTable:
    remember_ticks: str = declare(
        word(REMEMBER_POLICIES),
        "where ticks are kept: this tab, this device, or nowhere",
        default="tab",
    )
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class DirectoryTable:
    sources: list[Path] = declare(
        file_names((".yaml", ".yml", ".csv")), "YAML and CSV files of services", default=()
    )
    include_national: bool = declare(BOOLEAN, "the bundled national resources", default=True)
    review_after_months: int = declare(MONTHS, 'older entries say "may be out of date"', default=12)
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class ImportTable:
    url: str = declare(
        WEB, "an Open Referral UK API base, such as https://directory.example.gov.uk/api/"
    )
    file: Path | None = declare(file_name((".json",)), "or a JSON file in the profile folder")
    format: str = declare(word(IMPORT_FORMATS), "the feed's shape", required=True)
    snapshot: Path | None = declare(
        new_file_name((".yaml", ".yml")),
        "the YAML file the import writes; list it in [directory] sources",
        required=True,
    )
    default_tier: str = declare(
        word(TIERS), "the level for services the tiers table does not place"
    )
    default_access: list[str] = declare(
        words(ACCESS, required=True), "how families reach services the feed does not say"
    )
    topics: dict[str, str] = declare(
        mapping(TOPICS),
        "feed taxonomy terms (id or name, any case) and the topic each means",
        default={},
    )
    tiers: dict[str, str] = declare(
        mapping(TIERS),
        "feed taxonomy terms (id or name, any case) and the level each means",
        default={},
    )
    select: dict | None = declare(selection(), "which of the feed's services the guide takes")
    own_export: bool = declare(
        BOOLEAN,
        "the feed is this guide's own services.hsds.json: trust its parent-infant-guide-* "
        "attributes (audience, nations, Welsh text, ids), which any other feed's are not",
        default=False,
    )
    deadline: int = declare(
        Kind(
            lambda value, ctx: fields.whole_number(value, 1, 60, "minutes"),
            {"type": "integer", "minimum": 1, "maximum": 60},
            example="a whole number of minutes, 1 to 60",
        ),
        "how long reading the whole feed may take before the import stops",
        default=10,
    )
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class SiteTable:
    offline: bool = declare(
        BOOLEAN,
        "after the first visit, the whole guide is kept on the device and works without a connection",
        default=True,
    )
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class PagesTable:
    review_after_months: int = declare(
        MONTHS, 'a page last reviewed longer ago says "needs review"', default=12
    )
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


PROFILE = (
    table_of(
        AreaTable, "area", "The area the guide is built for.", required=True,
        requires=(("logo", "logo_alt", "describe the logo for people who cannot see it"),),
    ),
    table_of(
        FrontDoorTable, "front_door", "Where practitioners send requests for help.",
        one_of=("phone", "email", "website"),
    ),
    table_of(SafeguardingTable, "safeguarding", 'Where "follow your local procedures" points.'),
    table_of(ChecklistsTable, "checklists", "Checklists."),
    table_of(DirectoryTable, "directory", "The signposting directory."),
    table_of(
        ImportTable, "import",
        "Where python -m guide import (make import) reads the area's Open Referral UK feed.",
        one_of=("url", "file"),
    ),
    table_of(SiteTable, "site", "The published site."),
    table_of(PagesTable, "pages", "The area's own pages (Markdown files in the profile's pages/ folder)."),
)  # fmt: skip
PROFILE_TABLES = {table.name: table for table in PROFILE}
RECORDS = {table.name: table.record for table in PROFILE}


# The front matter of an area's own page (pages/<name>.md; profiledata/pages.py). Only these
# keys: MyST's own (``myst`` with its substitutions) would reach the build's settings.
@dataclass
class PageFrontMatter:
    title: str = declare(
        text(150), "the page's title, shown above it and in the navigation", required=True
    )
    summary: str = declare(text(300), "one line, for the list of local pages and search")
    last_reviewed: dt.date | None = declare(
        REVIEW_DATE,
        'when the page was last checked; after [pages] review_after_months it says "needs review"',
    )
    owner: str = declare(text(200), "the team that keeps the page up to date, shown on it")
    in_welsh: dict[str, str] = dataclasses.field(default_factory=dict)


PAGE = table_of(
    PageFrontMatter,
    "page",
    "The front matter of one of the area's own pages (pages/*.md), between --- lines.",
)

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


def missing_welsh(table, record):
    """The text fields a record gives in English without their Welsh counterpart."""
    return [
        f.name
        for f in table.fields
        if f.welsh and getattr(record, f.name) not in ("", None) and not record.in_welsh.get(f.name)
    ]
