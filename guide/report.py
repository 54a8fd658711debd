"""Every decision the import makes, for the person who publishes the directory.

One row for each service in the feed (``feed_id,name,outcome,reason``): ``taken``, ``left``
(no rule of ``[import.select]`` matched, or it was excluded: which) or ``skipped`` (taken but
unusable: why), with each repair or dropped contact noted in the reason. ``counts`` gives the
lines ``make import`` prints; ``changes`` compares the new snapshot with the one already in the
profile (new, removed, and changed services with the fields that changed); ``csv_text`` is the
report written beside the snapshot as ``<snapshot stem>.report.csv``.

A spreadsheet may read a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula; such
a cell is written with a leading ``'`` so a feed's text is only ever text. Pure: no files.
"""

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

OUTCOMES = ("taken", "left", "skipped")
COLUMNS = ("feed_id", "name", "outcome", "reason")
LISTED = 20  # services named under each reason for skipping, before "and N more"
REASONS = 12  # reasons printed for each outcome (the report has every one)


@dataclass
class Row:
    """One feed service: its outcome, the reason (short, counted) and what else to say."""

    feed_id: str
    name: str
    outcome: str
    reason: str
    notes: list = field(default_factory=list)  # repairs, dropped contacts, changes

    @property
    def text(self):
        """The reason as the report's column holds it."""
        return "; ".join([self.reason, *self.notes]) if self.reason else "; ".join(self.notes)


def plural(count, word, many=None):
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def counts(rows, report_name=None):
    """The printed summary: outcomes, then each reason with its count; the services skipped
    are named (up to ``LISTED`` a reason), the ones left are counted (the report names them)."""
    by_outcome = Counter(row.outcome for row in rows)
    lines = [
        "import: "
        + ", ".join(f"{by_outcome[o]:,} {o}" for o in OUTCOMES)
        + f", of {plural(len(rows), 'service')} in the feed"
    ]
    for outcome in OUTCOMES:
        if outcome == "taken":
            continue
        by_reason = defaultdict(list)
        for row in rows:
            if row.outcome == outcome:
                by_reason[row.reason].append(row)
        ordered = sorted(by_reason.items(), key=lambda item: (-len(item[1]), item[0]))
        for reason, who in ordered[:REASONS]:
            lines.append(f"  {len(who):,} {outcome}: {reason}")
            if outcome == "skipped":
                lines += [
                    f"    {r.feed_id or '(no id)'}: {r.name or '(no name)'}" for r in who[:LISTED]
                ]
                if len(who) > LISTED:
                    lines.append(f"    and {len(who) - LISTED:,} more")
        if len(ordered) > REASONS:
            rest = sum(len(who) for _, who in ordered[REASONS:])
            lines.append(f"  {rest:,} {outcome} for {len(ordered) - REASONS:,} other reasons")
    noted = sum(1 for row in rows if row.notes and row.outcome == "taken")
    if noted:
        lines.append(
            f"import: {plural(noted, 'service')} taken with a repair or a contact left out"
            + (f" (see {report_name})" if report_name else "")
        )
    return lines


def key(item):
    """How a service is known from one import to the next: its feed id, else our id."""
    return str(item.get("feed_id") or item.get("id") or "")


@dataclass
class Changes:
    new: list = field(default_factory=list)  # items
    removed: list = field(default_factory=list)  # items
    changed: list = field(default_factory=list)  # (item, [field names])

    def __bool__(self):
        return bool(self.new or self.removed or self.changed)


def changes(old_items, new_items):
    """What the new snapshot changes: services new, removed, and changed (with the names of
    the fields that differ, in the order the new item has them, then any it lost)."""
    old = {key(item): item for item in old_items if isinstance(item, dict)}
    new = {key(item): item for item in new_items}
    found = Changes()
    for name, item in new.items():
        if name not in old:
            found.new.append(item)
            continue
        before = old[name]
        names = [k for k in item if before.get(k) != item[k]]
        names += [k for k in before if k not in item]
        if names:
            found.changed.append((item, names))
    found.removed = [item for name, item in old.items() if name not in new]
    return found


def change_lines(found):
    """The printed list of changes since the last import."""
    if not found:
        return ["import: no change to the services since the last import"]
    lines = [
        f"import: since the last import: {len(found.new):,} new, {len(found.removed):,} removed, "
        f"{len(found.changed):,} changed"
    ]
    for item in found.new:
        lines.append(f"  new: {item.get('id')}: {item.get('name')}")
    for item in found.removed:
        lines.append(f"  removed: {item.get('id')}: {item.get('name')}")
    for item, names in found.changed:
        lines.append(f"  changed: {item.get('id')}: {', '.join(names)}")
    return lines


def note_changes(rows, found):
    """Each change, in the reason of its row; a service that left the feed altogether gets a
    row of its own (outcome ``left``), so the report accounts for it too."""
    by_key = {row.feed_id: row for row in rows}
    for item in found.new:
        if row := by_key.get(key(item)):
            row.notes.append("new since the last import")
    for item, names in found.changed:
        if row := by_key.get(key(item)):
            row.notes.append(f"changed since the last import: {', '.join(names)}")
    for item in found.removed:
        row = by_key.get(key(item))
        if row is None:
            name = item.get("name") if isinstance(item.get("name"), str) else ""
            rows.append(Row(key(item), name, "left", "no longer in the feed"))
            row = rows[-1]
        row.notes.append("removed since the last import")


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """A value a spreadsheet shows as text, never runs as a formula."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA) else value


def csv_text(rows):
    """The report, one row for each service (CRLF line ends, as spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([cell(row.feed_id), cell(row.name), row.outcome, cell(row.text)])
    return out.getvalue()
