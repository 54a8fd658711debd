"""The records are the declaration: each attribute of ``schema.Service`` and of each table's
record is declared where it is written (``schema.declare``), so the ``Table`` a record makes
has its fields, in its order, with its defaults; and records pickle as they are (Sphinx keeps
the loaded profile in its pickled environment)."""

import dataclasses
import datetime as dt
import pickle

import pytest
from helpers import ROOT
from profiledata import schema
from profiledata.profile import load_profile

pytestmark = pytest.mark.unit

EXTRA = ["in_welsh", "national", "stale", "source", "line"]
TABLES = [schema.SERVICE, *schema.PROFILE]


def expected_default(f):
    if f.kind.many or isinstance(f.default, tuple):
        return list(f.default or ())
    return f.kind.empty if f.default is None else f.default


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_each_record_holds_its_declared_fields_in_order_then_what_the_loader_adds(table):
    names = [f.name for f in dataclasses.fields(table.record)]
    extra = EXTRA if table is schema.SERVICE else ["in_welsh"]
    assert names == [f.name for f in table.fields] + extra
    assert all(name in table.record.__annotations__ for name in names), "typed"


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_each_record_has_the_declared_defaults(table):
    made = table.record()
    for f in table.fields:
        value, wanted = getattr(made, f.name), expected_default(f)
        assert value == wanted and type(value) is type(wanted), f.name
    assert made.in_welsh == {}


def test_a_field_not_given_is_empty_text_or_none_for_a_date_or_a_file():
    assert schema.Service().phone == "" and schema.Service().last_reviewed is None
    assert schema.AreaTable().logo is None and schema.ImportTable().snapshot is None


def test_list_and_table_defaults_are_not_shared():
    one, two = schema.Service(), schema.Service()
    one.topics.append("crying-and-soothing")
    assert two.topics == []
    first, second = schema.ImportTable(), schema.ImportTable()
    first.topics["x"] = "play-and-communication"
    assert second.topics == {}


def test_the_records_are_classes_in_the_source():
    assert {t.name: t.record for t in schema.PROFILE} == schema.RECORDS
    for table in TABLES:
        assert table.record.__module__ == "profiledata.schema"
        assert getattr(schema, table.record.__name__) is table.record


@pytest.mark.parametrize("profile", ["local/default", "local/examples/cardiff"])
def test_a_loaded_profile_pickles_without_help(profile):
    directory = load_profile(ROOT / profile, on=dt.date(2026, 1, 1))
    again = pickle.loads(pickle.dumps(directory))
    assert again.tables == directory.tables
    assert again.services == directory.services
    assert type(again.services[0]) is schema.Service
