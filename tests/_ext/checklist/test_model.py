"""Checklist rules as plain data: ids, timers, item ids, digests and the JSON export."""

import json

import pytest
from checklist.model import (
    Checklist,
    ChecklistError,
    Item,
    check_id,
    export,
    item_ids,
    items_digest,
    parse_timer,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("value", ["setting-the-scene", "step-1", "a", "step-1-questions"])
def test_slugs_are_accepted(value):
    assert check_id(f" {value} ") == value


@pytest.mark.parametrize("value", ["Setting", "two words", "-lead", "trail-", "a--b", "é"])
def test_non_slugs_are_refused(value):
    with pytest.raises(ChecklistError, match="is not a slug"):
        check_id(value)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_missing_id_is_refused(value):
    with pytest.raises(ChecklistError, match="needs an :id: option"):
        check_id(value)


@pytest.mark.parametrize(
    ("value", "seconds"), [("2m", 120), ("90s", 90), ("1m30s", 90), (" 2M ", 120), (None, 0)]
)
def test_timer_durations(value, seconds):
    assert parse_timer(value) == seconds


@pytest.mark.parametrize("value", ["2", "two minutes", "2h", "m", "", "0m", "61m", "1s2m"])
def test_unknown_timer_values_are_refused(value):
    with pytest.raises(ChecklistError, match="timer"):
        parse_timer(value)


def test_item_ids_are_readable_and_unique():
    ids = item_ids(["Ask consent.", "Ask consent!", "Manage *expectations* now", "", "Ask consent"])
    assert ids == [
        "ask-consent",
        "ask-consent-2",
        "manage-expectations-now",
        "item",
        "ask-consent-3",
    ]


def test_digest_changes_with_any_text_and_not_otherwise():
    items = [Item("a", "Ask consent.", ""), Item("b", "Listen.", "Take your time.")]
    same = [Item("a", "Ask consent.", ""), Item("b", "Listen.", "Take your time.")]
    assert items_digest(items) == items_digest(same)
    assert items_digest(items) != items_digest([items[0], Item("b", "Listen.", "")])
    assert items_digest(items) != items_digest(list(reversed(items)))
    assert items_digest(items) != items_digest([Item("a", "Ask consent!", ""), items[1]])


def test_export_is_sorted_and_has_no_timestamps():
    b = Checklist("b", "B", "page-b", 3, [Item("x", "X", "")], url="page-b.html#checklist-b")
    a = Checklist("a", "A", "page-a", 9, [Item("y", "Y", "why")], timer=120)
    data = json.loads(export([b, a]))
    assert [c["id"] for c in data["checklists"]] == ["a", "b"]
    assert data["checklists"][0]["items"] == [{"id": "y", "text": "Y", "hint": "why"}]
    assert data["checklists"][0]["timer_seconds"] == 120
    assert export([b, a]) == export([a, b])
    assert "time" not in json.dumps(data).replace("timer_seconds", "")
