"""The records written in ``records.py`` hold exactly what the declaration in ``schema.py``
declares: the same fields in the same order, with the declared defaults; and they pickle as
they are (Sphinx keeps the loaded profile in its pickled environment)."""

import dataclasses
import datetime as dt
import pickle

import pytest
from helpers import ROOT
from profiledata import records, schema
from profiledata.profile import load_profile

EXTRA = ["in_welsh", "national", "stale", "source", "line"]
PAIRS = [(schema.SERVICE, records.Service)] + [
    (table, records.RECORDS[table.name]) for table in schema.PROFILE
]


def expected_default(f):
    if f.kind.many or isinstance(f.default, tuple):
        return list(f.default or ())
    return f.default


@pytest.mark.parametrize("table, record", PAIRS, ids=[t.name for t, _ in PAIRS])
def test_each_record_has_the_declared_fields_in_order(table, record):
    names = [f.name for f in dataclasses.fields(record)]
    extra = EXTRA if record is records.Service else ["in_welsh"]
    assert names == [f.name for f in table.fields] + extra


@pytest.mark.parametrize("table, record", PAIRS, ids=[t.name for t, _ in PAIRS])
def test_each_record_has_the_declared_defaults(table, record):
    made = record()
    for f in table.fields:
        value, wanted = getattr(made, f.name), expected_default(f)
        if wanted is None:
            # Not given and no default: empty text, or None for a date or a file.
            assert value in ("", None), f.name
        else:
            assert value == wanted and type(value) is type(wanted), f.name
    assert made.in_welsh == {}


def test_list_defaults_are_not_shared():
    one, two = records.Service(), records.Service()
    one.topics.append("crying-and-soothing")
    assert two.topics == []


@pytest.mark.parametrize("profile", ["local/default", "local/examples/cardiff"])
def test_a_loaded_profile_pickles_without_help(profile):
    directory = load_profile(ROOT / profile, on=dt.date(2026, 1, 1))
    again = pickle.loads(pickle.dumps(directory))
    assert again.tables == directory.tables
    assert again.services == directory.services
    assert type(again.services[0]) is records.Service
    assert not hasattr(schema, "Service")  # made once, in the source, not at run time
