"""``import``: the area's Open Referral UK feed, as a YAML services file in its profile.

Reads ``[import]`` from ``profile.toml`` (every table checked, problems printed as
``path:line: what is wrong``), fetches the services (``feed.py``), maps and checks each as a
hand-written service is checked (``mapping.py``), prints one summary, and writes the snapshot
atomically: only inside the profile folder, only when something usable came back, and only
when something other than the date changed. Builds read the snapshot like any other services
file and never touch the network.
"""

import contextlib
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from .build import DEFAULT_PROFILE, profile_path

NAME = "import"
HELP = "fetch the area's Open Referral UK feed ([import] in profile.toml) into a services file"


def arguments(parser):
    parser.add_argument("--profile", default=os.environ.get("PROFILE") or DEFAULT_PROFILE,
                        help="the profile folder; PROFILE sets it too")  # fmt: skip
    parser.add_argument("--dry-run", action="store_true",
                        help="fetch and show what would be taken and what would change; write nothing")  # fmt: skip


def read_settings(folder, today):
    """The mapping's ``Settings``, or every problem with ``profile.toml``'s tables."""
    from profiledata import schema
    from profiledata.problems import Problem
    from profiledata.profile import check_tables, read_toml

    from .mapping import Settings
    from .select import Selection

    data, lines, shown = read_toml(folder)
    raw = data.get("import")
    raw = raw if isinstance(raw, dict) else {}
    directory, snapshot = data.get("directory"), raw.get("snapshot")
    sources = directory.get("sources") if isinstance(directory, dict) else None
    listed = isinstance(sources, list) and isinstance(snapshot, str) and snapshot in sources
    if listed and not Path(folder, snapshot).exists():
        # The first import writes the file [directory] already lists.
        data = dict(data, directory=dict(directory, sources=[s for s in sources if s != snapshot]))
    tables, problems = check_tables(data, lines, shown, schema.Context(today=today, folder=folder))
    if "import" not in data:
        message = (
            "[import]: is missing: the import needs an [import] table with format, snapshot, "
            "and url or file"
        )
        problems.append(Problem(shown, 0, message))
    if problems:
        return None, problems
    table = tables["import"]
    return Settings(
        table=table,
        area=tables["area"].name,
        nation=tables["area"].nation,
        snapshot_name=snapshot,
        taken=taken_ids(tables, table.snapshot),
        source=table.url or raw["file"],
        listed=listed,
        selection=Selection.from_table(table.select or None),
        own_export=table.own_export,
    ), []  # fmt: skip


def taken_ids(tables, snapshot):
    """The ids the profile's other services files use (national ones too, when it lists
    them), each with the file that uses it: an imported service must not take one."""
    from profiledata.problems import shown_path
    from profiledata.profile import national_files
    from profiledata.services import read_file

    others = [path for path in tables["directory"].sources if path != snapshot]
    if tables["directory"].include_national:
        others += national_files(tables["area"].nation)
    taken = {}
    for path in others:
        for record in read_file(path)[0]:
            if isinstance(record.values.get("id"), str):
                taken.setdefault(record.values["id"].strip(), shown_path(path))
    return taken


def fetch(settings, client):
    """The feed's services, and the address they came from (for the snapshot's header)."""
    from profiledata.problems import shown_path

    from . import feed

    table = settings.table
    if not table.url:
        return feed.from_file(table.file, shown_path(table.file), table.format), settings.source
    if client.deadline is None:
        client.deadline = table.deadline * 60  # [import] deadline, in minutes
    services = feed.from_url(client, table.url, table.format)
    return services, came_from(table.url, client.redirected)


def came_from(url, redirected):
    """The feed's address, and where its answers were redirected (within it) if they were."""
    if not redirected:
        return url
    first = redirected[0][1]
    more = len(redirected) - 1
    return f"{url}, redirected to {first}" + (f" and {more:,} more" if more else "")


def write_atomically(path, data):
    """Write ``data`` to ``path`` through a temporary file in its folder."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def snapshot_path(folder, settings):
    """Where the snapshot goes, checked again now (the folder may have changed since
    ``profile.toml`` was read), and the services it holds now: None when there is no file,
    or a ``FeedError`` when a person wrote it."""
    import yaml
    from profiledata import files
    from profiledata.fields import Invalid

    from .feed import FeedError
    from .mapping import HEADER_MARK

    try:
        path = files.new_file(folder, settings.snapshot_name, (".yaml", ".yml"))
    except Invalid as exc:
        raise FeedError(f"[import] snapshot: {exc}") from None
    if not path.exists():
        return path, None, None
    old = path.read_text(encoding="utf-8", errors="replace")
    if HEADER_MARK not in "\n".join(old.splitlines()[:3]):
        raise FeedError(
            f"{settings.snapshot_name} was not written by the import: name another "
            "[import] snapshot, or move that file"
        )
    try:
        items = yaml.load(old, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        items = []
    return path, old, items if isinstance(items, list) else []


def write_snapshot(path, old, text):
    """Write the snapshot; False when it holds the same services already (only the date of
    the import would change)."""
    from profiledata import files

    from .feed import FeedError
    from .mapping import same_but_date

    if old is not None and same_but_date(old, text):
        return False
    data = text.encode("utf-8")
    if len(data) > files.SOURCE_LIMIT:
        raise FeedError(
            f"the snapshot would be {files.size_text(len(data))}; a services file may be at "
            f"most {files.size_text(files.SOURCE_LIMIT)}"
        )
    write_atomically(path, data)
    return True


def plural(count, word, many=None):
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def summary(report, report_name=None):
    """The lines of the one summary ``make import`` prints."""
    from . import report as reporting

    lines = reporting.counts(report.rows, report_name)
    if report.languages_dropped:
        shown = ", ".join(f"{k!r} ({n:,})" for k, n in sorted(report.languages_dropped.items()))
        lines.append(f"import: languages left out (no ISO 639-1 code): {shown}")
    if not report.unmapped:
        lines.append("import: every taxonomy term in the feed is mapped")
        return lines
    lines.append(
        f"import: {plural(len(report.unmapped), 'taxonomy term')} that no [import.topics] or "
        "[import.tiers] line maps:"
    )
    for (name, term_id), count in sorted(report.unmapped.items(), key=lambda i: (-i[1], i[0])):
        label = f"{name} (id {term_id})" if name and term_id else name or f"id {term_id}"
        lines.append(f"  {label}: {plural(count, 'service')}")
    return lines


def import_profile(folder, *, client=None, on=None, dry_run=False):
    """The whole import for the profile in ``folder``; returns the exit status: 0 done (or
    unchanged), 1 nothing usable or the feed could not be read, 2 problems in the profile.
    ``on`` fixes the day (tests); ``client`` is a ``feed.Client`` (tests set its back-off).
    With ``dry_run``, everything is fetched, decided and shown, and nothing is written."""
    from profiledata.problems import ProfileDataError, shown_path
    from profiledata.problems import summary as problems_summary
    from profiledata.profile import today

    from . import feed, mapping
    from . import report as reporting

    folder = Path(folder)
    latest, day = on or dt.date.today(), on or today()
    try:
        settings, problems = read_settings(folder, latest)
    except ProfileDataError as exc:
        settings, problems = None, exc.problems
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(problems_summary(problems, folder, then="nothing was imported"), file=sys.stderr)
        return 2
    report = mapping.Report()
    report_file = mapping.report_name(settings.snapshot_name)
    try:
        path, old, old_items = snapshot_path(folder, settings)
        objects, source = fetch(settings, client or feed.Client())
        accepted = mapping.map_services(objects, settings, report, latest)
        items = mapping.snapshot_items(accepted)
        found = reporting.changes(old_items or [], items) if old is not None else None
        if found is not None:
            reporting.note_changes(report.rows, found)
        print("\n".join(summary(report, Path(report_file).name)))
        if found is not None:
            print("\n".join(reporting.change_lines(found)))
        if dry_run:
            print("import: a dry run: nothing was written.")
            return 0 if accepted else 1
        report_path = path.with_name(Path(report_file).name)
        write_atomically(report_path, reporting.csv_text(report.rows).encode("utf-8"))
        print(f"import: wrote {shown_path(report_path)}")
        if not accepted:
            print(f"import: no usable services came from {settings.source}; the snapshot was "
                  "not written.", file=sys.stderr)  # fmt: skip
            return 1
        text = mapping.snapshot_text(items, settings, report, source, day)
        written = write_snapshot(path, old, text)
    except feed.FeedError as exc:
        print(f"import: {exc}; nothing was written.", file=sys.stderr)
        return 1
    shown = shown_path(settings.table.snapshot)
    print(f"import: wrote {shown}" if written else f"import: {shown} unchanged")
    if not settings.listed:
        print(
            f'import: add "{settings.snapshot_name}" to [directory] sources to list these services'
        )
    return 0


def run(args):
    return import_profile(profile_path(args.profile), dry_run=args.dry_run)
