"""The import's report (``guide/report.py``): a row for every feed service, counts by outcome
and reason, the changes since the last snapshot, and cells a spreadsheet never runs."""

import csv
import io

import pytest

from guide import report
from guide.report import Row

pytestmark = pytest.mark.unit


def rows():
    return [
        Row("1", "Baby group", "taken", "the word 'Baby'; stages from words"),
        Row("2", "Walking", "left", "no rule matched: no ages"),
        Row("3", "Lunch club", "left", "no rule matched: no ages"),
        Row("4", "Bumps", "skipped", "no way to reach it"),
        Row("5", '=HYPERLINK("http://x")', "left", "excluded: its feed id is in exclude"),
    ]


def test_counts_by_outcome_then_by_reason_most_first():
    assert report.counts(rows(), "imported.report.csv") == [
        "import: 1 taken, 3 left, 1 skipped, of 5 services in the feed",
        "  2 left: no rule matched: no ages",
        "  1 left: excluded: its feed id is in exclude",
        "  1 skipped: no way to reach it",
        "    4: Bumps",
    ]


def test_a_feed_of_many_reasons_prints_the_commonest_and_counts_the_rest():
    many = [Row(str(n), "x", "left", f"reason {n % 15}") for n in range(30)]
    lines = report.counts(many)
    assert len(lines) == 1 + report.REASONS + 1
    assert (
        lines[-1] == f"  {30 - 2 * report.REASONS:,} left for {15 - report.REASONS} other reasons"
    )


def test_skipped_services_are_named_up_to_a_limit():
    many = [Row(str(n), f"S{n}", "skipped", "no way to reach it") for n in range(25)]
    lines = report.counts(many)
    assert lines[2] == "    0: S0" and lines[-1] == "    and 5 more"


def test_the_csv_has_a_row_for_each_service_and_no_formula():
    found = list(csv.reader(io.StringIO(report.csv_text(rows()))))
    assert found[0] == ["feed_id", "name", "outcome", "reason"]
    assert len(found) == 6
    assert found[5][1] == '\'=HYPERLINK("http://x")'
    assert [r[2] for r in found[1:]] == ["taken", "left", "left", "skipped", "left"]


def test_notes_follow_the_reason():
    row = Row("1", "Baby group", "taken", "ages 0 to 1", ["website: repaired"])
    assert row.text == "ages 0 to 1; website: repaired"


def test_changes_by_feed_id_with_the_fields_that_changed():
    old = [
        {"id": "a", "name": "A", "phone": "0113 496 0000", "feed_id": "1"},
        {"id": "b", "name": "B", "feed_id": "2"},
        {"id": "c", "name": "C", "email": "c@example.org", "feed_id": "3"},
    ]
    new = [
        {"id": "a", "name": "A", "phone": "0113 496 0001", "feed_id": "1"},
        {"id": "c", "name": "C", "feed_id": "3"},
        {"id": "d", "name": "D", "feed_id": "4"},
    ]
    found = report.changes(old, new)
    assert report.change_lines(found) == [
        "import: since the last import: 1 new, 1 removed, 2 changed",
        "  new: d: D",
        "  removed: b: B",
        "  changed: a: phone",
        "  changed: c: email",
    ]
    listed = [Row("1", "A", "taken", "r"), Row("3", "C", "taken", "r"), Row("4", "D", "taken", "r")]
    report.note_changes(listed, found)
    assert [row.text for row in listed] == [
        "r; changed since the last import: phone",
        "r; changed since the last import: email",
        "r; new since the last import",
        "no longer in the feed; removed since the last import",
    ]
    assert listed[3].outcome == "left" and listed[3].feed_id == "2"


def test_no_change_says_so():
    same = [{"id": "a", "name": "A", "feed_id": "1"}]
    found = report.changes(same, [dict(same[0])])
    assert not found
    assert report.change_lines(found) == ["import: no change to the services since the last import"]
