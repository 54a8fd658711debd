"""The declaration and what is derived from it: JSON Schemas, README tables, CSV columns, the
record, filters; the schemas against every example file and against broken ones; and a
property test of ``profile.toml``."""

import csv
import dataclasses
import datetime as dt
import io
import json
import tomllib

import pytest
import yaml
from helpers import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from profile_helpers import BASE, TODAY, problems_of, yaml_for
from profiledata import json_schema, schema
from profiledata.problems import ProfileDataError
from profiledata.profile import load_profile
from profiledata.services import COLUMNS
from signposting.directives import FILTERS, SignpostingDirective

pytestmark = pytest.mark.unit

SCHEMAS = ROOT / "local" / "schema"
SERVICE_FILES = sorted(
    [
        *ROOT.glob("local/examples/*/services.yaml"),
        *ROOT.glob("docs/_ext/profiledata/national/*.yaml"),
    ]
)
PROFILE_FILES = sorted(ROOT.glob("local/**/profile.toml"))
# Every profile the tests build with, beside the examples: each loads, and its files pass the
# schemas (a CSV file row by row, as the loader reads it).
FIXTURE_PROFILES = sorted(p.parent for p in ROOT.glob("tests/roots/*/profile/profile.toml"))


def validator(name):
    return Draft202012Validator(
        json.loads((SCHEMAS / name).read_text(encoding="utf-8")),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def as_json(value):
    """YAML's dates as the text they were written as, the way an editor sees them."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def test_generated_files_are_up_to_date():
    from guide.schema_files import stale

    assert list(stale()) == [], "run  make schema  and commit what it writes"


def test_schemas_are_valid_json_schema_2020_12():
    for name in ("profile.schema.json", "services.schema.json"):
        Draft202012Validator.check_schema(json.loads((SCHEMAS / name).read_text()))


def assert_points_at(path, target, schema):
    """The line names ``schema`` (or, for an example, the same schema beside the examples),
    and still names ``schema`` once the example is copied to local/<name>/ as the README says."""
    named = (path.parent / target).resolve()
    assert named.read_bytes() == schema.read_bytes(), named
    if "examples" in path.relative_to(ROOT).parts:
        assert (ROOT / "local" / "my-area" / target).resolve() == schema.resolve()
    else:
        assert named == schema.resolve()


@pytest.mark.parametrize("path", SERVICE_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_services_file_validates_and_points_at_the_schema(path):
    text = path.read_text(encoding="utf-8")
    schema_path = (SCHEMAS / "services.schema.json").relative_to(ROOT)
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert_points_at(path, first.split("=", 1)[1], ROOT / schema_path)
    errors = list(validator("services.schema.json").iter_errors(as_json(yaml.safe_load(text))))
    assert errors == []


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_profile_validates_and_points_at_the_schema(path):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("#:schema ")
    assert_points_at(path, first.split(" ", 1)[1], SCHEMAS / "profile.schema.json")
    assert list(validator("profile.schema.json").iter_errors(tomllib.loads(text))) == []


@pytest.mark.parametrize("folder", FIXTURE_PROFILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_fixture_profile_loads_and_passes_the_schemas(folder):
    directory = load_profile(folder, on=TODAY)
    data = tomllib.loads((folder / "profile.toml").read_text(encoding="utf-8"))
    assert list(validator("profile.schema.json").iter_errors(data)) == []
    for path in directory.tables["directory"].sources:
        if path.suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
            items = [{k: v for k, v in row.items() if v.strip()} for row in rows]
        else:
            items = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert list(validator("services.schema.json").iter_errors(items)) == [], path.name


def yaml_service(service):
    """One service as an administrator might write it, lists and dates as YAML has them."""
    return yaml.safe_dump([service], allow_unicode=True, sort_keys=False)


# What the check takes, written as people write it: the schema must take it too.
ACCEPTED_SERVICES = {
    "one word where a list goes": dict(BASE, access="drop-in"),
    "a list in one string, as a CSV cell holds it": dict(BASE, access="drop-in; self-referral;"),
    "a list with a word twice": dict(BASE, stages=["first-year", "first-year"]),
    "languages in one string": dict(BASE, languages="en;cy"),
    "a YAML date": dict(BASE, last_reviewed=dt.date(2026, 1, 15)),
    "text over two lines": dict(BASE, summary="Sessions for parents\nand babies."),
    "a web address with a port and a query": dict(BASE, website="https://example.org:8443/a?b=c&d=e"),
    "an email address with a plus": dict(BASE, email="first.last+play@nhs.net"),
    "optional lists left empty": dict(BASE, topics=[], delivery=""),
}  # fmt: skip


@pytest.mark.parametrize("service", ACCEPTED_SERVICES.values(), ids=list(ACCEPTED_SERVICES))
def test_what_the_check_takes_the_schema_takes(profile, service):
    text = yaml_service(service)
    assert problems_of(profile(yaml=text)) == [], "the build refused it"
    errors = list(validator("services.schema.json").iter_errors(as_json(yaml.safe_load(text))))
    assert [e.message for e in errors] == [], "the schema refused it"


BROKEN_SERVICES = {
    "unknown field": dict(BASE, colour="red"),
    "misspelt tier": dict(BASE, tier="helpp"),
    "stage as text, not a list item": dict(BASE, stages="toddler"),
    "summary over 400 characters": dict(BASE, summary="x" * 401),
    "a families' service with no level": {k: v for k, v in BASE.items() if k != "tier"},
    "nations misspelt": dict(BASE, nations="englnd"),
    "no way to contact": {k: v for k, v in BASE.items() if k != "phone"},
    "not a web address": dict(BASE, website="www.example.org"),
    "a Welsh field that is not declared": dict(BASE, tier_cy="help"),
    "email with a query": dict(BASE, email="x?subject=y@nhs.net"),
    "a blank name": dict(BASE, name="   "),
    "a control character": dict(BASE, summary="Ring the bell\x07 twice"),
    "a web address with no host": dict(BASE, website="https:///play"),
    "a web address with a password": dict(BASE, website="https://me:secret@example.org/"),
    "an email address with no dot after the @": dict(BASE, email="play@localhost"),
    "a language that is not ISO 639-1": dict(BASE, languages=["en", "zz"]),
    "a language in capitals": dict(BASE, languages="EN"),
    "a misspelt word in a one-string list": dict(BASE, access="drop-in; self-referal"),
    "a required list with no word": dict(BASE, access=" ; "),
}


@pytest.mark.parametrize("service", BROKEN_SERVICES.values(), ids=list(BROKEN_SERVICES))
def test_broken_services_fail_the_schema_and_the_build(profile, service):
    # As the tests' helper writes it (when YAML can read that: it refuses a raw control
    # character and "[, ]" itself), and as YAML writes it.
    for text in (yaml_for([service]), yaml_service(service)):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            assert text != yaml_service(service)
            continue
        assert list(validator("services.schema.json").iter_errors(as_json(data))), "schema took it"
        assert problems_of(profile(yaml=text)), "the build took it"


BROKEN_PROFILES = {
    "no [area]": "[directory]\ninclude_national = true\n",
    "unknown table": '[area]\nname = "T"\nnation = "england"\n[aera]\nname = "T"\n',
    "nation not in the list": '[area]\nname = "T"\nnation = "scotland"\n',
    "logo without alt": '[area]\nname = "T"\nnation = "england"\nlogo = "l.svg"\n',
    "front door without a contact": '[area]\nname = "T"\nnation = "england"\n[front_door]\nname = "G"\n',
    "remember ticks forever": '[area]\nname = "T"\nnation = "england"\n[checklists]\nremember_ticks = "forever"\n',
    "sources outside": '[area]\nname = "T"\nnation = "england"\n[directory]\nsources = ["/etc/x.yaml"]\n',
    "a blank name": '[area]\nname = " "\nnation = "england"\n',
    "a default stage misspelt": '[area]\nname = "T"\nnation = "england"\n[import]\nfile = "f.json"\nformat = "oruk-1"\nsnapshot = "s.yaml"\n[import.select]\ndefault_stages = "first-yaer"\n',
}  # fmt: skip


@pytest.mark.parametrize("toml", BROKEN_PROFILES.values(), ids=list(BROKEN_PROFILES))
def test_broken_profiles_fail_the_schema_and_the_build(profile, toml):
    assert list(validator("profile.schema.json").iter_errors(tomllib.loads(toml)))
    assert problems_of(profile(toml=toml))


def test_welsh_counterparts_are_checked_like_their_field(profile):
    service = dict(BASE, name_cy="Chwarae a bod", summary_cy="x" * 401)
    folder = profile(yaml=yaml_for([service]))
    assert problems_of(folder) == [
        "services.yaml:11: service 'stay-and-play': summary_cy is 401 characters long; it may be at most 400"
    ]
    good = dict(BASE, name_cy="Chwarae a bod")
    loaded = load_profile(profile(yaml=yaml_for([good])), on=TODAY).services[0]
    assert loaded.in_welsh == {"name": "Chwarae a bod"}


def test_every_declared_field_reaches_everything_derived_from_it():
    """Adding a field is one entry: these all follow from the declaration."""
    items = json_schema.services_schema()["items"]["properties"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    record = {f.name for f in dataclasses.fields(schema.Service)}
    for f in schema.SERVICE.fields:
        assert f.name in COLUMNS and f.name in items and f.name in record
        assert f"| `{f.name}` |" in readme
        if f.welsh:
            assert f.name + "_cy" in COLUMNS and f.name + "_cy" in items
    for table in schema.PROFILE:
        properties = json_schema.profile_schema()["properties"][table.name]["properties"]
        for f in table.fields:
            assert f.name in properties and f"| `[{table.name}]` | `{f.name}` |" in readme
    keys = [f.filter.key for f in schema.FILTERS]
    assert keys == list(FILTERS) == ["audience", "tier", "stage", "topic", "access", "language"]
    assert set(keys) < set(SignpostingDirective.option_spec)


# Property: any profile.toml, however its tables and keys are filled, loads or gives only
# the project's own error, each problem a path, a line and a message.
SCALARS = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.sampled_from(["england", "wales", "#1d4f91", "tab", "0113 843 0841", "a@b.org", "https://x.org", "logo.svg", "../x.yaml"]),
)  # fmt: skip
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3))
KEYS = st.sampled_from(
    sorted({f.name for t in schema.PROFILE for f in t.fields} | {"name_cy", "odd"})
)
TABLES = st.sampled_from([t.name for t in schema.PROFILE] + ["aera", "extra"])


def toml_value(value):
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    return json.dumps(value)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(TABLES, st.dictionaries(KEYS, VALUES, max_size=6), max_size=6))
def test_any_profile_toml_loads_or_lists_its_problems(tmp_path_factory, tables):
    folder = tmp_path_factory.mktemp("toml")
    text = "".join(
        f"[{name}]\n" + "".join(f"{key} = {toml_value(v)}\n" for key, v in keys.items())
        for name, keys in tables.items()
    )
    (folder / "profile.toml").write_text(text, encoding="utf-8")
    try:
        directory = load_profile(folder, on=TODAY)
    except ProfileDataError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path.endswith("profile.toml") and problem.message
            assert problem.line > 0 or "[area]: is missing" in problem.message, problem
    else:
        assert directory.area and directory.nation in ("england", "wales")
        errors = validator("profile.schema.json").iter_errors(tomllib.loads(text))
        assert [e.message for e in errors] == [], "the build took it, the schema did not"
