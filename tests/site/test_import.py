"""``python -m guide import`` (``make import``): an Open Referral UK feed, served on 127.0.0.1
by the test itself or read from a file, becomes a YAML snapshot in the profile that loads and
builds like a hand-written file; bad feeds stop with one line and write nothing; and the
guide's own ``services.hsds.json`` comes back as the services it was made from."""

import csv
import datetime as dt
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from jsonschema import Draft202012Validator
from profiledata import hsds, schema
from profiledata.problems import shown_path
from profiledata.profile import load_profile

from guide import feed, importer, mapping

TODAY = dt.date(2026, 11, 22)
ORUK1 = ROOT / "tests/fixtures/oruk-1/services.json"
SERVICES_SCHEMA = json.loads((ROOT / "local/schema/services.schema.json").read_text())

PROFILE = """[area]
name = "Exampleton"
nation = "england"

[directory]
sources = [{sources}]
include_national = false

[import]
{source}
format = "{format}"
snapshot = "imported.yaml"
{defaults}

[import.topics]
"t-play" = "play-and-communication"
"Baby massage" = "bonding-and-attachment"
"FSD-21" = "fathers-and-co-parents"

[import.tiers]
"stay and play" = "help"
"T-SPEC" = "more-help"
"Universal services" = "help"
"""


# --- a feed on 127.0.0.1 ---------------------------------------------------------------------


class Feed:
    """What the test server answers: {path with query: (status, body)}, and what it was
    asked (each path, in order)."""

    def __init__(self):
        self.routes, self.asked = {}, []

    def json(self, path, data, status=200):
        self.routes[path] = (status, json.dumps(data).encode())

    def raw(self, path, body, status=200, headers=()):
        self.routes[path] = (status, body, dict(headers))


class _Handler(http.server.BaseHTTPRequestHandler):
    feed = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.feed.asked.append(self.path)
        status, body, *rest = self.feed.routes.get(self.path, (404, b'{"error": "not found"}'))
        if callable(body):
            status, body = body()
        self.send_response(status)
        for name, value in (rest[0] if rest else {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    """A feed served on 127.0.0.1 (port 0: any free one); yields (Feed, its API base)."""
    state = Feed()
    handler = type("Handler", (_Handler,), {"feed": state})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}/api/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def client():
    """Retries without waiting, so the tests never sleep."""
    return feed.Client(timeout=5, retries=3, backoff=0)


def term(term_id, name, taxonomy="Exampleton categories"):
    return {
        "id": f"attribute-{term_id}",
        "taxonomy_term_id": term_id,
        "taxonomy_term": {
            "id": term_id,
            "code": term_id.upper(),
            "name": name,
            "taxonomy": taxonomy,
        },
    }


def service(sid, name, **extra):
    """An HSDS 3.0 service as a council's feed might serve it."""
    return {
        "id": sid,
        "name": name,
        "description": "Sessions for parents and babies.",
        "status": "active",
        "organization": {"id": "org-1", "name": "Exampleton Council"},
        "phones": [{"id": f"{sid}-phone", "number": "0113 496 0100"}],
        "minimum_age": 0,
        "maximum_age": 1,
        "attributes": [term("t-play", "Stay and play")],
    } | extra


LONG = "Songs and rhymes for babies and their grown-ups. " * 10  # 490 characters
FEED = [
    service(
        "s1",
        "Baby stay and play",
        description=(
            "<p>Play &amp; songs for <b>babies</b>.</p><script>alert('x')</script>"
            '<p><a href="javascript:alert(1)">Book a place</a></p>'
        ),
        url="javascript:alert(1)",
        email="play@example.gov.uk",
    ),
    service(
        "s2",
        "Baby massage",
        url="https://family.example.gov.uk/massage",
        languages=[{"id": "l1", "name": "English", "code": "eng"}, {"id": "l2", "code": "pl"}],
        schedules=[{"id": "sc1", "byday": "WE", "opens_at": "13:00", "closes_at": "14:00"}],
        service_areas=[{"id": "a1", "name": "Exampleton East"}],
        service_at_locations=[
            {
                "id": "sal",
                "location": {
                    "id": "loc",
                    "name": "Hub",
                    "addresses": [
                        {
                            "id": "ad",
                            "address_1": "2 Mill Lane",
                            "city": "Exampleton",
                            "postal_code": "EX2 2BB",
                        }
                    ],
                },
            }
        ],  # fmt: skip
        assured_date="2026-10-01",
        attributes=[term("t-massage", "Baby massage"), term("t-spec", "Specialist")],
    ),
    service("s3", "Toddler group", description="", minimum_age=None, maximum_age=None),
    service("s4", "Baby Stay and Play!", attributes=[term("t-lib", "Libraries")]),
    service(
        "s5",
        "Bumps and babies",
        description=LONG,
        attributes=[term("t-lib", "Libraries"), term("t-bump", "Antenatal", "Other list")],
    ),
]


def serve_feed(state, services, per_page=2):
    """The services on pages of ``per_page`` (summaries only: id and name), each in full at
    ``services/{id}``."""
    pages = [services[i : i + per_page] for i in range(0, len(services), per_page)] or [[]]
    for number, items in enumerate(pages, start=1):
        state.json(
            f"/api/services?page={number}&per_page=50",
            {
                "total_items": len(services), "total_pages": len(pages), "page_number": number,
                "size": len(items), "first_page": number == 1, "last_page": number == len(pages),
                "empty": not items, "contents": [{"id": s["id"], "name": s["name"]} for s in items],
            },
        )  # fmt: skip
    for obj in services:
        state.json(f"/api/services/{obj['id']}", obj)


DEFAULTS = 'default_tier = "advice"\ndefault_access = ["self-referral"]'


def write_profile(folder, *, source, format="hsds-3", sources='"imported.yaml"', extra="",
                  defaults=DEFAULTS):  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    text = PROFILE.format(source=source, format=format, sources=sources, defaults=defaults)
    text += extra
    (folder / "profile.toml").write_text(text, encoding="utf-8")
    return folder


def run_import(folder, capsys, client=None, on=TODAY):
    status = importer.import_profile(folder, client=client or feed.Client(backoff=0), on=on)
    out, err = capsys.readouterr()
    return status, out, err


def report_rows(folder):
    """The report beside the snapshot, as a spreadsheet reads it."""
    text = (folder / "imported.report.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def snapshot_services(folder):
    return yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- HSDS 3.0 over HTTP ----------------------------------------------------------------------


@pytest.mark.unit
class TestHsds3Feed:
    @pytest.fixture
    def folder(self, tmp_path, server):
        state, base = server
        serve_feed(state, FEED)
        return write_profile(tmp_path / "area", source=f'url = "{base}"')

    def test_every_page_then_every_service_in_full(self, folder, server, client, capsys):
        state, base = server
        status, out, err = run_import(folder, capsys, client)
        assert (status, err) == (0, "")
        assert state.asked == [
            "/api/services?page=1&per_page=50", "/api/services?page=2&per_page=50",
            "/api/services?page=3&per_page=50", "/api/services/s1", "/api/services/s2",
            "/api/services/s3", "/api/services/s4", "/api/services/s5",
        ]  # fmt: skip
        assert out == (
            "import: 4 taken, 0 left, 1 skipped, of 5 services in the feed\n"
            "  1 skipped: summary is missing\n"
            "    s3: Toddler group\n"
            "import: 1 service taken with a repair or a contact left out (see imported.report.csv)\n"
            "import: 2 taxonomy terms that no [import.topics] or [import.tiers] line maps:\n"
            "  Libraries (id t-lib): 2 services\n"
            "  Antenatal (id t-bump): 1 service\n"
            f"import: wrote {shown_path(folder / 'imported.report.csv')}\n"
            f"import: wrote {shown_path(folder / 'imported.yaml')}\n"
        )

    def test_the_snapshot_holds_our_fields_for_each_service(self, folder, client, capsys):
        run_import(folder, capsys, client)
        services = {s["id"]: s for s in snapshot_services(folder)}
        assert list(services) == [
            "baby-massage", "baby-stay-and-play", "baby-stay-and-play-2", "bumps-and-babies"
        ], "sorted by id; a name used twice gets -2"  # fmt: skip
        assert services["baby-stay-and-play"] == {
            "id": "baby-stay-and-play",
            "name": "Baby stay and play",
            "organisation": "Exampleton Council",
            "tier": "help",
            "summary": "Play & songs for babies. Book a place",
            "description": "Play & songs for babies.\n\nBook a place",
            "stages": ["first-year", "second-year"],
            "topics": ["play-and-communication"],
            "access": ["self-referral"],
            "phone": "0113 496 0100",
            "email": "play@example.gov.uk",
            "feed_id": "s1",
        }, "HTML becomes text, the script and the javascript: link are gone"
        assert services["baby-massage"] == {
            "id": "baby-massage",
            "name": "Baby massage",
            "organisation": "Exampleton Council",
            "tier": "more-help",
            "summary": "Sessions for parents and babies.",
            "stages": ["first-year", "second-year"],
            "topics": ["bonding-and-attachment"],
            "access": ["self-referral"],
            "languages": ["en", "pl"],
            "area": "Exampleton East",
            "phone": "0113 496 0100",
            "website": "https://family.example.gov.uk/massage",
            "address": "2 Mill Lane, Exampleton, EX2 2BB",
            "opening_times": "WE 13:00 to 14:00",
            "feed_id": "s2",
            "last_reviewed": "2026-10-01",
        }, "terms mapped by name and by id in any case; eng is en"
        assert services["baby-stay-and-play-2"]["tier"] == "advice", "default_tier"
        summary = services["bumps-and-babies"]["summary"]
        assert summary == LONG[:391] + " …", "eight whole sentences, then an ellipsis"

    def test_the_snapshot_has_its_header_and_validates_against_the_schema(self, folder, capsys):
        run_import(folder, capsys)
        text = (folder / "imported.yaml").read_text(encoding="utf-8")
        schema_path = os.path.relpath(ROOT / "local/schema/services.schema.json", folder)
        base = text.split("Source: ", 1)[1].split(" ", 1)[0]
        assert text.splitlines()[:7] == [
            f"# yaml-language-server: $schema={Path(schema_path).as_posix()}",
            "# Written by python -m guide import (make import) from the area's Open Referral UK feed.",
            "# The next import replaces it: put corrections in the feed, or in another file.",
            f"# Source: {base} (hsds-3)",
            "# Services: 4 taken, 0 left, 1 skipped, of 5 in the feed; why, for each: imported.report.csv",
            "# Imported on 2026-11-22",
            "",
        ]
        assert base.startswith("http://127.0.0.1:") and base.endswith("/api/")
        validator = Draft202012Validator(SERVICES_SCHEMA)
        assert list(validator.iter_errors(yaml.safe_load(text))) == []

    def test_the_snapshot_loads_like_a_hand_written_file(self, folder, capsys):
        run_import(folder, capsys)
        directory = load_profile(folder, on=TODAY)
        assert sorted(s.id for s in directory.services) == [
            "baby-massage", "baby-stay-and-play", "baby-stay-and-play-2", "bumps-and-babies"
        ]  # fmt: skip
        massage = next(s for s in directory.services if s.id == "baby-massage")
        assert massage.provenance == "local-profile" and massage.nations == ["england"]
        assert massage.last_reviewed == dt.date(2026, 10, 1) and massage.phone.uri.startswith(
            "tel:+44"
        )

    def test_an_unchanged_feed_leaves_the_file_byte_for_byte(self, folder, capsys):
        assert run_import(folder, capsys)[0] == 0
        first = (folder / "imported.yaml").read_bytes()
        status, out, _ = run_import(folder, capsys, on=TODAY + dt.timedelta(days=3))
        assert status == 0
        assert out.splitlines()[-3:] == [
            "import: no change to the services since the last import",
            f"import: wrote {shown_path(folder / 'imported.report.csv')}",
            f"import: {shown_path(folder / 'imported.yaml')} unchanged",
        ]
        assert (folder / "imported.yaml").read_bytes() == first, "not even the date changes"
        assert sorted(p.name for p in folder.iterdir()) == [
            "imported.report.csv", "imported.yaml", "profile.toml"
        ]  # fmt: skip

    def test_a_changed_feed_is_written_again_with_its_date(self, folder, server, capsys):
        run_import(folder, capsys)
        state, _ = server
        changed = dict(FEED[1], name="Baby massage classes")
        state.json("/api/services/s2", changed)
        status, out, _ = run_import(folder, capsys, on=TODAY + dt.timedelta(days=3))
        assert status == 0 and out.splitlines()[-1].startswith("import: wrote ")
        text = (folder / "imported.yaml").read_text(encoding="utf-8")
        assert "# Imported on 2026-11-25" in text and "name: Baby massage classes" in text

    def test_terms_that_give_two_levels_skip_the_service(self, tmp_path, server, capsys):
        state, base = server
        serve_feed(state, [
            service("x1", "Mixed", attributes=[term("t-play", "Stay and play"), term("t-spec", "S")]),
            service("x2", "Fine"),
        ])  # fmt: skip
        folder = write_profile(tmp_path / "area", source=f'url = "{base}"')
        status, out, _ = run_import(folder, capsys)
        assert status == 0
        assert out.splitlines()[1:3] == [
            "  1 skipped: its taxonomy terms give more than one level: help, more-help",
            "    x1: Mixed",
        ]

    def test_nothing_usable_is_an_error_and_writes_only_the_report(self, tmp_path, server, capsys):
        state, base = server
        serve_feed(state, [service("y1", "No way to reach", phones=[], url="http:/127.0.0.1/")])
        folder = write_profile(tmp_path / "area", source=f'url = "{base}"')
        status, out, err = run_import(folder, capsys)
        assert status == 1
        assert out.splitlines()[:3] == [
            "import: 0 taken, 0 left, 1 skipped, of 1 service in the feed",
            "  1 skipped: no way to reach it: no usable phone, e-mail, website or address",
            "    y1: No way to reach",
        ]
        assert err == (
            f"import: no usable services came from {base}; the snapshot was not written.\n"
        )
        assert not (folder / "imported.yaml").exists()
        assert report_rows(folder) == [
            ["feed_id", "name", "outcome", "reason"],
            ["y1", "No way to reach", "skipped", "no way to reach it: no usable phone, e-mail, "
             "website or address; ages 0 to 1; taxonomy term 'Stay and play'; the word 'babies'; "
             "stages from ages; website left out: 'http://127.0.0.1/' is not a public web "
             "address: 127.0.0.1 is a private address"],
        ]  # fmt: skip

    def test_an_empty_feed_is_nothing_usable(self, tmp_path, server, capsys):
        state, base = server
        serve_feed(state, [])
        folder = write_profile(tmp_path / "area", source=f'url = "{base}"')
        status, out, err = run_import(folder, capsys)
        assert status == 1 and out.startswith("import: 0 taken, 0 left, 0 skipped, of 0 services")
        assert state.asked == ["/api/services?page=1&per_page=50"]

    def test_an_id_another_file_uses_is_given_a_number(self, tmp_path, server, capsys):
        state, base = server
        serve_feed(state, [service("z1", "Baby massage")])
        folder = write_profile(tmp_path / "area", source=f'url = "{base}"',
                               sources='"imported.yaml", "own.yaml"')  # fmt: skip
        (folder / "own.yaml").write_text(
            "- id: baby-massage\n  name: Ours\n  organisation: Us\n  tier: help\n"
            "  summary: Ours.\n  stages: [first-year]\n  phone: 0113 496 0100\n"
        )
        assert run_import(folder, capsys)[0] == 0
        assert [s["id"] for s in snapshot_services(folder)] == ["baby-massage-2"]
        assert len(load_profile(folder, on=TODAY).services) == 2

    def test_values_of_the_wrong_kind_skip_the_service_without_a_traceback(self, tmp_path, capsys):
        odd = [
            service("w1", "Lists for text", description=["x"], attributes=5, languages="en",
                    service_at_locations=[{"location": {"addresses": [{"address_1": {"x": 1}}]}}]),
            service(7, 12, url=5, email=["a"], status=5, languages=[{"code": 5}, {"code": "zz"}]),
            service("w3", "Fine"),
        ]  # fmt: skip
        folder = write_profile(tmp_path / "area", source='file = "feed.json"')
        (folder / "feed.json").write_text(json.dumps(odd))
        status, out, err = run_import(folder, capsys)
        assert (status, err) == (0, "")
        assert out.splitlines()[:5] == [
            "import: 2 taken, 0 left, 1 skipped, of 3 services in the feed",
            "  1 skipped: it is not an hsds-3 service: a field holds the wrong kind of value",
            "    w1: Lists for text",
            "import: 1 service taken with a repair or a contact left out (see imported.report.csv)",
            "import: languages left out (no ISO 639-1 code): '5' (1), 'zz' (1)",
        ]
        assert report_rows(folder)[2][:3] == ["7", "12", "taken"], "the id 7 is the text '7'"
        assert report_rows(folder)[2][3].endswith(
            "website left out: 5 is not text; email left out: ['a'] is not text"
        ), "a contact of the wrong kind is left out; the service keeps its phone"


@pytest.mark.unit
class TestFeedErrors:
    """Each stops the import with one line naming the address; nothing is written."""

    @pytest.fixture
    def folder(self, tmp_path, server):
        state, base = server
        serve_feed(state, FEED)
        return write_profile(tmp_path / "area", source=f'url = "{base}"')

    def fails(self, folder, capsys, client=None):
        status, out, err = run_import(folder, capsys, client)
        assert status == 1 and out == ""
        assert len(err.splitlines()) == 1 and err.endswith("; nothing was written.\n")
        assert not (folder / "imported.yaml").exists()
        return err.removeprefix("import: ").removesuffix("; nothing was written.\n")

    def test_a_500_is_tried_four_times_then_named(self, folder, server, client, capsys):
        state, base = server
        page = "/api/services?page=2&per_page=50"
        state.raw(page, b"oops", status=500)
        assert self.fails(folder, capsys, client) == (
            f"{base}services?page=2&per_page=50 answered HTTP 500 Internal Server Error "
            "(tried 4 times)"
        )
        assert state.asked.count(page) == 4 and "/api/services/s1" not in state.asked

    def test_a_500_that_passes_is_only_a_delay(self, folder, server, client, capsys):
        state, _ = server
        page = "/api/services?page=2&per_page=50"
        good = state.routes[page][1]
        answers = iter([(503, b"busy"), (200, good)])
        state.raw(page, lambda: next(answers))
        status, _, err = run_import(folder, capsys, client)
        assert (status, err) == (0, "") and state.asked.count(page) == 2

    def test_the_back_off_doubles(self, folder, server, capsys, monkeypatch):
        state, _ = server
        state.raw("/api/services?page=1&per_page=50", b"", status=502)
        waits = []
        monkeypatch.setattr(feed.time, "sleep", waits.append)
        self.fails(folder, capsys, feed.Client(backoff=0.5))
        assert waits == [0.5, 1.0, 2.0], "3.5 seconds at most"

    def test_a_body_that_is_not_json(self, folder, server, client, capsys):
        state, base = server
        state.raw("/api/services/s2", b"<html><body>Service unavailable</body></html>")
        assert self.fails(folder, capsys, client) == (
            f"{base}services/s2 did not send JSON (Expecting value)"
        )

    def test_a_page_of_the_wrong_shape(self, folder, server, client, capsys):
        state, base = server
        state.json("/api/services?page=1&per_page=50", {"items": [], "total": 0})
        assert self.fails(folder, capsys, client) == (
            f"{base}services?page=1&per_page=50 is not an HSDS 3 page of services: "
            "it has no 'contents' list"
        )

    def test_a_page_without_its_page_count(self, folder, server, client, capsys):
        state, base = server
        state.json("/api/services?page=1&per_page=50", {"contents": []})
        assert self.fails(folder, capsys, client) == (
            f"{base}services?page=1&per_page=50 is not an HSDS 3 page of services: "
            "it has no 'total_pages'"
        )

    def test_a_detail_that_is_not_a_service(self, folder, server, client, capsys):
        state, base = server
        state.json("/api/services/s1", ["not", "a", "service"])
        assert self.fails(folder, capsys, client) == (
            f"{base}services/s1 is not a service: it is not a JSON object"
        )

    def test_a_404_is_named_and_not_tried_again(self, folder, server, client, capsys):
        state, base = server
        del state.routes["/api/services/s4"]
        assert self.fails(folder, capsys, client) == (
            f"{base}services/s4 answered HTTP 404 Not Found"
        )
        assert state.asked.count("/api/services/s4") == 1

    def test_an_unreachable_port(self, tmp_path, client, capsys):
        base = f"http://127.0.0.1:{free_port()}/api/"
        folder = write_profile(tmp_path / "area", source=f'url = "{base}"')
        assert self.fails(folder, capsys, client) == (
            f"cannot reach {base}services?page=1&per_page=50: Connection refused (tried 4 times)"
        )

    def test_an_answer_over_the_size_limit(self, folder, client, capsys):
        client.max_bytes = 100
        message = self.fails(folder, capsys, client)
        assert message.endswith(
            "services?page=1&per_page=50 sent more than 0 KiB, the most the import reads"
        )

    def test_a_redirect_to_another_scheme_is_refused(self, folder, server, client, capsys):
        state, base = server
        state.raw("/api/services/s1", b"", status=302, headers={"Location": "file:///etc/passwd"})
        assert self.fails(folder, capsys, client) == (
            f"{base}services/s1 redirects to 'file:///etc/passwd', which is not http or https; "
            f"the import follows a redirect only within {base.removesuffix('/api/')}"
        )

    def test_a_redirect_to_ftp_is_refused(self, folder, server, client, capsys):
        state, base = server
        state.raw("/api/services/s2", b"", status=301, headers={"Location": "ftp://example.org/"})
        assert self.fails(folder, capsys, client) == (
            f"{base}services/s2 redirects to 'ftp://example.org/', which is not http or https; "
            f"the import follows a redirect only within {base.removesuffix('/api/')}"
        )

    def test_a_redirect_to_http_is_followed(self, folder, server, client, capsys):
        state, base = server
        state.raw("/api/services/s2", b"", status=307, headers={"Location": "/api/moved/s2"})
        state.json("/api/moved/s2", FEED[1])
        status, _, err = run_import(folder, capsys, client)
        assert (status, err) == (0, "") and "/api/moved/s2" in state.asked

    def test_too_many_pages(self, folder, server, client, capsys):
        state, base = server
        state.json("/api/services?page=1&per_page=50", {"contents": [], "total_pages": 201})
        assert self.fails(folder, capsys, client) == (
            f"{base}services?page=1&per_page=50 has 201 pages; the import reads at most 200"
        )

    def test_a_failed_import_leaves_the_last_snapshot(self, folder, server, client, capsys):
        assert run_import(folder, capsys, client)[0] == 0
        before = (folder / "imported.yaml").read_bytes()
        state, _ = server
        state.raw("/api/services/s5", b"{", status=200)
        status, _, err = run_import(folder, capsys, client)
        assert status == 1 and "did not send JSON" in err
        assert (folder / "imported.yaml").read_bytes() == before


# --- the profile -----------------------------------------------------------------------------


@pytest.mark.unit
class TestProfile:
    def test_problems_in_any_table_are_listed_and_nothing_is_fetched(self, tmp_path, capsys):
        folder = write_profile(tmp_path / "area", source='url = "ftp://example.org/api/"')
        toml = folder / "profile.toml"
        toml.write_text(toml.read_text().replace('nation = "england"', 'nation = "narnia"'))
        status, out, err = run_import(folder, capsys)
        shown = shown_path(toml)
        assert (status, out) == (2, "")
        assert err.splitlines() == [
            f"{shown}:3: [area] nation: 'narnia' is not one of: england, wales",
            f"{shown}:10: [import] url: 'ftp://example.org/api/' must start with https:// (or http://)",
            f"2 problems in the local profile {shown_path(folder)}; nothing was imported.",
        ]

    def test_a_profile_without_an_import_table(self, tmp_path, capsys):
        folder = tmp_path / "area"
        folder.mkdir()
        (folder / "profile.toml").write_text('[area]\nname = "X"\nnation = "wales"\n')
        status, _, err = run_import(folder, capsys)
        assert status == 2
        assert err.splitlines()[0] == (
            f"{shown_path(folder / 'profile.toml')}: [import]: is missing: the import needs an "
            "[import] table with format, snapshot, and url or file"
        )

    def test_a_term_mapped_to_a_word_we_do_not_have(self, tmp_path, capsys):
        folder = write_profile(tmp_path / "area", source='file = "feed.json"',
                               extra='"Toddlers" = "toddlers"\n')  # fmt: skip
        (folder / "feed.json").write_text("[]")
        status, _, err = run_import(folder, capsys)
        assert status == 2
        assert (
            "[import] tiers: 'Toddlers': 'toddlers' is not one of: advice, help, more-help" in err
        )

    def test_a_hand_written_file_is_never_overwritten(self, tmp_path, capsys):
        folder = write_profile(tmp_path / "area", source='file = "feed.json"')
        (folder / "feed.json").write_text(json.dumps(FEED))
        (folder / "imported.yaml").write_text("- id: mine\n")
        status, _, err = run_import(folder, capsys)
        assert status == 1 and (folder / "imported.yaml").read_text() == "- id: mine\n"
        assert err == (
            "import: imported.yaml was not written by the import: name another [import] "
            "snapshot, or move that file; nothing was written.\n"
        )

    def test_a_snapshot_not_yet_listed_is_pointed_out(self, tmp_path, capsys):
        folder = write_profile(tmp_path / "area", source='file = "feed.json"', sources="")
        (folder / "feed.json").write_text(json.dumps(FEED))
        status, out, _ = run_import(folder, capsys)
        assert status == 0 and out.splitlines()[-1] == (
            'import: add "imported.yaml" to [directory] sources to list these services'
        )


# --- ORUK 1 ----------------------------------------------------------------------------------


@pytest.mark.unit
class TestOruk1:
    def test_a_file_of_oruk_1_services(self, tmp_path, capsys):
        folder = write_profile(tmp_path / "area", source='file = "feed.json"', format="oruk-1")
        shutil.copy(ORUK1, folder / "feed.json")
        status, out, err = run_import(folder, capsys)
        assert (status, err) == (0, "")
        assert out == (
            "import: 2 taken, 2 left, 0 skipped, of 4 services in the feed\n"
            "  1 left: its status in the feed is 'inactive', not 'active'\n"
            "  1 left: no rule matched: ages 19 and over, which says nothing (everyone), no mapped "
            "taxonomy term, none of the words\n"
            "import: 1 service taken with a repair or a contact left out (see imported.report.csv)\n"
            "import: languages left out (no ISO 639-1 code): 'xx' (1)\n"
            "import: 3 taxonomy terms that no [import.topics] or [import.tiers] line maps:\n"
            "  Adult learning (id fsd-60): 1 service\n"
            "  Babies (id elig-babies): 1 service\n"
            "  Outdoor activities (id fsd-99): 1 service\n"
            f"import: wrote {shown_path(folder / 'imported.report.csv')}\n"
            f"import: wrote {shown_path(folder / 'imported.yaml')}\n"
        )
        assert snapshot_services(folder) == [
            {
                "id": "dads-walk-and-talk",
                "name": "Dads' walk and talk",
                "organisation": "Exampleton Dads Network",
                "tier": "advice",
                "summary": "A monthly walk for new dads and co-parents.",
                "stages": ["first-year", "second-year"],
                "topics": ["fathers-and-co-parents"],
                "access": ["self-referral"],
                "cost": "£1 for a hot drink",
                "languages": ["en", "ur"],
                "area": "Exampleton",
                "phone": "0113 496 0500",
                "website": "https://www.example.gov.uk/dads",
                "opening_times": "SA 10:00 to 12:00",
                "feed_id": "oruk-102",
            },
            {
                "id": "little-steps-baby-group",
                "name": "Little Steps baby group",
                "organisation": "Exampleton Family Hubs",
                "tier": "help",
                "summary": "A friendly group for parents & carers with babies under one. "
                "Songs, rhymes and play.",
                "description": "A friendly group for parents & carers with babies under one."
                "\n\nSongs, rhymes and play.",
                "stages": ["first-year", "second-year"],
                "access": ["self-referral"],
                "cost": "free",
                "languages": ["en", "pl"],
                "area": "Exampleton North",
                "phone": "0113 496 0000",
                "email": "littlesteps@example.gov.uk",
                "website": "https://family.example.gov.uk/little-steps",
                "address": "1 Market Street, Exampleton, EX1 1AA",
                "opening_times": "Tuesdays, 10am to 11:30am, term time",
                "feed_id": "oruk-101",
                "last_reviewed": "2026-06-30",
            },
        ]
        assert len(load_profile(folder, on=TODAY).services) == 2

    def test_oruk_1_pages_over_http_end_where_last_says(self, tmp_path, server, client, capsys):
        state, base = server
        services = json.loads(ORUK1.read_text())["content"]
        state.json("/api/services?page=1&per_page=50", {"content": services[:2], "last": False})
        state.json("/api/services?page=2&per_page=50", {"content": services[2:], "last": True})
        for obj in services:
            state.json(f"/api/services/{obj['id']}", obj)
        folder = write_profile(tmp_path / "area", source=f'url = "{base}"', format="oruk-1")
        status, out, _ = run_import(folder, capsys, client)
        assert status == 0 and out.startswith("import: 2 taken, 2 left, 0 skipped, of 4 services")
        assert state.asked[:2] == [
            "/api/services?page=1&per_page=50", "/api/services?page=2&per_page=50"
        ]  # fmt: skip
        assert len(state.asked) == 6

    def test_an_oruk_1_page_without_total_pages_or_last(self, tmp_path, server, client, capsys):
        state, base = server
        state.json("/api/services?page=1&per_page=50", {"content": [], "number": 1})
        folder = write_profile(tmp_path / "area", source=f'url = "{base}"', format="oruk-1")
        status, _, err = run_import(folder, capsys, client)
        assert status == 1 and err == (
            f"import: {base}services?page=1&per_page=50 is not an ORUK 1 page of services: it has "
            "neither 'totalPages' nor 'last'; nothing was written.\n"
        )

    def test_oruk_1_is_read_from_the_places_the_declaration_names(self):
        obj = json.loads(ORUK1.read_text())["content"][0]
        converted = hsds.from_oruk1(obj)
        values = hsds.read_service(converted, str)
        assert values["phone"] == "0113 496 0000"
        assert values["address"].endswith("EX1 1AA")
        assert values["stages"] == ["first-year", "second-year"]  # ages 0 to 1
        assert values["opening_times"] == "Tuesdays, 10am to 11:30am, term time"
        assert values["languages"] == ["English", "Polish"]  # made codes by the mapping
        assert values["area"] == "Exampleton North"
        assert [a["taxonomy_term"]["id"] for a in converted["attributes"]] == [
            "fsd-12", "fsd-40", "elig-babies"
        ]  # fmt: skip

    def test_an_age_with_no_upper_bound_is_open(self):
        converted = hsds.from_oruk1(
            {"eligibilitys": [{"minimum_age": 16}, {"minimum_age": 0, "maximum_age": 1}]}
        )
        assert converted["minimum_age"] == 0 and "maximum_age" not in converted
        assert hsds.read_service(converted, str)["stages"] == ["first-year", "second-year"]


# --- the round trip --------------------------------------------------------------------------

RICH = {
    "id": "rich-service",
    "name": "Baby stay and play",
    "name_cy": "Chwarae a bod",
    "organisation": "Exampleton Council",
    "audience": "families",
    "tier": "help",
    "summary": "Sessions for parents & babies <under 1>, with songs.",
    "summary_cy": "Sesiynau i rieni a babanod.",
    "stages": ["pregnancy", "first-year", "second-year"],
    "topics": ["play-and-communication", "bonding-and-attachment"],
    "access": ["drop-in", "self-referral"],
    "delivery": ["in-person", "home-visit"],
    "cost": "£2 a session",
    "languages": ["en", "cy", "pl"],
    "area": "Exampleton North",
    "nations": ["england", "wales"],
    "phone": "0113 496 0841 ext 2",
    "email": "play@example.org",
    "website": "https://example.org/play",
    "address": "Exampleton Family Hub, High Street",
    "opening_times": "Tuesdays, 10am to 12pm",
    "added": ["website", "address"],
    "checked_against": "https://example.org/play/about",
    "feed_id": "feed-123",
    "last_reviewed": "2026-09-01",
    "alert": "Closed in August.",
    "description": "Songs & rhymes <for babies>.\n\n- Tuesdays\n- Thursdays",
    "application_process": "Ring to book a place.",
    "eligibility_description": "Parents and carers of babies under one.",
    "fees_description": "£2 a session, free for families on benefits.",
    "interpretation_services": "British Sign Language on request.",
    "phone_description": "Bookings",
    "phone_2": "0113 496 0842",
    "phone_2_description": "Helpline",
    "phone_3": "0113 496 0843",
    "phone_3_description": "Text line",
    "organisation_website": "https://exampleton.example.org/",
    "address_2": "Library, Park Road",
    "address_3": "Church hall, Mill Lane",
}
ROUND_TRIP = [
    RICH,
    {"id": "free-one", "name": "Free group", "organisation": "Exampleton Council", "tier": "advice",
     "summary": "Free.", "stages": ["second-year"], "cost": "free", "website": "https://example.org/"},
    {"id": "for-us", "name": "Training", "organisation": "Exampleton NHS", "audience": "practitioners",
     "summary": "Training for practitioners.", "stages": ["pregnancy"], "email": "learn@example.org",
     "topics": ["practitioner-learning"]},
]  # fmt: skip


@pytest.mark.extension
class TestRoundTrip:
    def test_the_guides_own_export_comes_back_field_by_field(
        self, make_app, rootdir, tmp_path, capsys
    ):
        assert set(RICH) >= {f.name for f in schema.SERVICE.fields} - {"provenance"}
        original = write_profile(tmp_path / "original", source='file = "unused.json"',
                                 sources='"services.yaml"')  # fmt: skip
        (original / "unused.json").write_text("[]")
        (original / "services.yaml").write_text(yaml.safe_dump(ROUND_TRIP, allow_unicode=True))
        srcdir = tmp_path / "src"
        shutil.copytree(rootdir / "test-signposting", srcdir)
        app = make_app("html", srcdir=srcdir, confoverrides={"local_profile": str(original)})
        app.build()
        export = app.outdir / "services.hsds.json"

        copy = write_profile(tmp_path / "copy", source='file = "services.hsds.json"',
                             defaults="own_export = true")  # fmt: skip
        shutil.copy(export, copy / "services.hsds.json")
        status, out, err = run_import(copy, capsys)
        assert (status, err) == (0, "")
        assert out.splitlines()[:2] == [
            "import: 3 taken, 0 left, 0 skipped, of 3 services in the feed",
            "import: every taxonomy term in the feed is mapped",
        ]
        before = {s.id: s for s in load_profile(original, on=TODAY).services}
        after = {s.id: s for s in load_profile(copy, on=TODAY).services}
        assert sorted(after) == sorted(before)
        for sid, service in before.items():
            for f in schema.SERVICE.fields:
                if f.name != "feed_id":
                    assert getattr(after[sid], f.name) == getattr(service, f.name), (sid, f.name)
            assert after[sid].in_welsh == service.in_welsh
            assert after[sid].phone.uri == service.phone.uri if service.phone else True
        assert after["rich-service"].feed_id == hsds.uid("service", "rich-service")

    def test_the_snapshot_builds(self, make_app, rootdir, tmp_path, capsys):
        folder = write_profile(tmp_path / "area", source='file = "feed.json"', format="oruk-1")
        shutil.copy(ORUK1, folder / "feed.json")
        assert run_import(folder, capsys)[0] == 0
        srcdir = tmp_path / "src"
        shutil.copytree(rootdir / "test-signposting", srcdir)
        app = make_app("html", srcdir=srcdir, confoverrides={"local_profile": str(folder)})
        app.build()
        page = (app.outdir / "directory" / "index.html").read_text(encoding="utf-8")
        assert 'data-service="little-steps-baby-group"' in page
        assert 'data-service="dads-walk-and-talk"' in page


# --- text, ids, languages --------------------------------------------------------------------


@pytest.mark.unit
class TestMapping:
    @pytest.mark.parametrize(
        ("html", "text"),
        [
            ("<p>One</p><p>two</p>", "One two"),
            ("<b>bo</b>ld &amp; &lt;br&gt; &#8212; caf&eacute;", "bold & <br> — café"),
            ("a<script>alert(1)</script>b<style>p{}</style>c", "abc"),
            ("line\nbreak\t\x0b here", "line break here"),
            ("under 5s <2 years", "under 5s <2 years"),
            ('<a href="javascript:alert(1)">Book</a>', "Book"),
        ],
    )
    def test_plain_text(self, html, text):
        assert mapping.plain_text(html) == text

    def test_shorten_at_a_word(self):
        assert mapping.shorten("word " * 100) == ("word " * 80).strip() + "…"
        assert len(mapping.shorten("x" * 500)) == 400
        assert mapping.shorten("short") == "short"

    @pytest.mark.parametrize(
        ("name", "slug"),
        [
            ("Baby Stay & Play!", "baby-stay-play"),
            ("Café  --  Crèche", "cafe-creche"),
            ("x" * 120, "x" * 100),
            ("Ценр", ""),
        ],
    )
    def test_slug(self, name, slug):
        assert mapping.slug(name) == slug

    @pytest.mark.parametrize(
        ("given", "code"),
        [("en", "en"), ("EN", "en"), ("cym", "cy"), ("wel", "cy"), ("Polish", "pl"),
         ("urd", "ur"), ("xx", None), ("sgn", None), ("", None), (3, None)],
    )  # fmt: skip
    def test_language_code(self, given, code):
        assert mapping.language_code(given) == code

    def test_ids_are_unique_and_stable(self):
        candidates = [
            {"values": {"name": "Group", "feed_id": "b"}},
            {"values": {"name": "Group", "feed_id": "a"}},
            {"values": {"name": "Own", "id": "group"}},
            {"values": {"name": "!!!", "feed_id": "9 9"}},
            {"values": {"name": "", "id": "taken-elsewhere"}},
        ]
        mapping.give_ids(candidates, {"taken-elsewhere": "services.yaml"})
        assert [c["values"]["id"] for c in candidates] == [
            "group-3", "group-2", "group", "9-9", "taken-elsewhere"
        ]  # fmt: skip
        assert candidates[4]["reason"] == "its id 'taken-elsewhere' is also used in services.yaml"


# --- the command -----------------------------------------------------------------------------


@pytest.mark.unit
class TestCommand:
    def test_make_import_with_spaces_and_accents_in_the_profile(self, tmp_path):
        folder = write_profile(tmp_path / "Bro Morgannwg – prófile", source='file = "feed.json"',
                               format="oruk-1")  # fmt: skip
        shutil.copy(ORUK1, folder / "feed.json")
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
        result = subprocess.run(
            ["make", "--no-print-directory", "import", f"PROFILE={folder}"],
            capture_output=True, text=True, cwd=ROOT, env=env,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "import: 2 taken, 2 left, 0 skipped, of 4 services in the feed" in result.stdout
        assert f"import: wrote {folder / 'imported.yaml'}" in result.stdout
        assert (folder / "imported.yaml").exists()

    def test_python_m_guide_import_help(self):
        result = subprocess.run(
            [sys.executable, "-m", "guide", "import", "--help"],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert result.returncode == 0 and "--profile" in result.stdout

    def test_the_build_never_imports_the_feed_code(self):
        for path in [
            *ROOT.glob("docs/_ext/signposting/*.py"),
            *ROOT.glob("docs/_ext/profiledata/*.py"),
        ]:
            text = path.read_text(encoding="utf-8")
            assert "urllib.request" not in text and "guide.feed" not in text, path
