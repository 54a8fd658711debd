"""Hostile feeds, each imported and then built: what the import writes always builds, text stays
text everywhere it is published, nothing invisible survives, a feed posing as the guide's own
export is not trusted, duplicate ids are reported, and contacts that lead somewhere they
should not are left out with a reason."""

import csv
import io
import json

import pytest
import yaml
from helpers import import_profile, sphinx_build
from profiledata.profile import load_profile

from guide import feed, importer

pytestmark = [pytest.mark.extension, pytest.mark.usefixtures("connections")]  # 127.0.0.1 only


def oruk1(sid, name, **extra):
    return {
        "id": sid,
        "name": name,
        "description": "A group for parents and babies.",
        "status": "active",
        "organization": {"id": "org", "name": "Exampleton Council"},
        "contacts": [{"phones": [{"number": "0113 496 0100"}]}],
    } | extra


def run(tmp_path, capsys, *, items=None, url=None, format="oruk-1", extra=""):
    folder = tmp_path / "area"
    folder.mkdir()
    source = f'url = "{url}"' if url else 'file = "feed.json"'
    if items is not None:
        (folder / "feed.json").write_text(json.dumps(items), encoding="utf-8")
    text = import_profile(source, format=format, extra=extra)
    (folder / "profile.toml").write_text(text, encoding="utf-8")
    status = importer.import_profile(folder, client=feed.Client(backoff=0))
    out, err = capsys.readouterr()
    assert (status, err) == (0, ""), out + err
    return folder


def rows(folder):
    text = (folder / "imported.report.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def services(folder):
    return yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))


def builds(rootdir, folder, tmp_path):
    """The snapshot builds with warnings as errors; the built site's folder."""
    out = tmp_path / "html"
    result = sphinx_build(rootdir / "test-signposting", out, "-W", "-D", f"local_profile={folder}")
    assert result.returncode == 0, result.stderr
    return out


INVISIBLE = "\ud800\u202e\u2066\u200b\ufeff"


def test_lone_surrogates_bidi_and_zero_width_are_removed(tmp_path, capsys, rootdir):
    hostile = oruk1(
        "s1", f"Baby{INVISIBLE} group",
        description=f"<p>Songs{INVISIBLE} for babies</p>",
        email=f"play{INVISIBLE}@example.org",
        url=f"https://example.org/{INVISIBLE}play",
        organization={"name": f"Exampleton{INVISIBLE} Council"},
    )  # fmt: skip
    folder = tmp_path / "area"
    folder.mkdir()
    # JSON's own escapes, as a feed sends a lone surrogate
    (folder / "feed.json").write_text(json.dumps([hostile], ensure_ascii=True), encoding="ascii")
    (folder / "profile.toml").write_text(
        import_profile('file = "feed.json"', format="oruk-1"), encoding="utf-8"
    )
    assert importer.import_profile(folder, client=feed.Client(backoff=0)) == 0
    capsys.readouterr()
    (service,) = services(folder)
    assert service["name"] == "Baby group" and service["summary"] == "Songs for babies"
    assert service["email"] == "play@example.org"
    assert service["website"] == "https://example.org/play"
    assert service["organisation"] == "Exampleton Council"
    assert "invisible characters removed" in rows(folder)[0]["reason"]
    out = builds(rootdir, folder, tmp_path)
    page = (out / "directory" / "index.html").read_text(encoding="utf-8")
    assert not any(char in page for char in INVISIBLE[1:])


def test_a_profile_loses_what_no_reader_can_see_when_it_is_loaded(tmp_path):
    folder = tmp_path / "area"
    folder.mkdir()
    (folder / "profile.toml").write_text(
        '[area]\nname = "Example\u202eton"\nnation = "england"\n\n[directory]\n'
        'sources = ["services.yaml"]\ninclude_national = false\n',
        encoding="utf-8",
    )
    (folder / "services.yaml").write_text(
        yaml.safe_dump([{
            "id": "play", "name": "Stay\u200b and \u2067play\u2069", "organisation": "Us",
            "tier": "help", "summary": "Songs\ufeff.", "stages": ["first-year"],
            "phone": "0113\u200b 496 0100",
        }], allow_unicode=True),
        encoding="utf-8",
    )  # fmt: skip
    directory = load_profile(folder)
    (service,) = directory.services
    assert (directory.area, service.name, service.summary) == (
        "Exampleton",
        "Stay and play",
        "Songs.",
    )
    assert service.phone == "0113 496 0100"


POSING = {
    "id": "feed-1",
    "name": "Baby group",
    "description": "Songs for babies.",
    "status": "active",
    "organization": {"name": "Someone"},
    "email": "hello@example.org",
    "minimum_age": 0,
    "maximum_age": 1,
    "attributes": [
        {"taxonomy_term": {"taxonomy": "parent-infant-guide-audience", "code": "practitioners"}},
        {"taxonomy_term": {"taxonomy": "parent-infant-guide-id", "code": "id"}, "value": "taken-over"},
        {"taxonomy_term": {"taxonomy": "parent-infant-guide-nations", "code": "wales"}},
        {"taxonomy_term": {"taxonomy": "parent-infant-guide-tier", "code": "more-help"}},
        {"taxonomy_term": {"taxonomy": "parent-infant-guide-welsh", "code": "name"},
         "value": "Grŵp babanod"},
    ],
}  # fmt: skip


def test_a_feed_posing_as_the_guides_export_is_not_trusted(tmp_path, capsys, rootdir):
    folder = run(tmp_path, capsys, items=[POSING], format="hsds-3")
    (service,) = services(folder)
    assert service["id"] == "baby-group", "our id comes from the name, not the feed's claim"
    assert service["tier"] == "help" and "audience" not in service and "nations" not in service
    assert "name_cy" not in service
    builds(rootdir, folder, tmp_path)


def test_the_guides_own_export_is_trusted_when_the_profile_says_so(tmp_path, capsys):
    folder = run(tmp_path, capsys, items=[POSING], format="hsds-3", extra="own_export = true")
    (service,) = services(folder)
    assert service["id"] == "taken-over" and service["audience"] == "practitioners"
    assert service["name_cy"] == "Grŵp babanod"


ESCAPED = oruk1(
    "m1",
    "&lt;b&gt;Bold&lt;/b&gt; baby group",
    description="<p>&lt;script&gt;alert(1)&lt;/script&gt; songs &amp;amp; rhymes</p>"
    "<script>alert(2)</script>",
)


def test_escaped_markup_stays_text_in_every_output(tmp_path, capsys, rootdir):
    folder = run(tmp_path, capsys, items=[ESCAPED])
    (service,) = services(folder)
    assert service["name"] == "<b>Bold</b> baby group", "decoded once: text, not markup"
    assert service["summary"] == "<script>alert(1)</script> songs &amp; rhymes"
    out = builds(rootdir, folder, tmp_path)
    page = (out / "directory" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "<b>Bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for name in ("services.hsds.json", "directory.json"):
        text = (out / name).read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text, name
        data = json.loads(text)
        assert "<b>Bold</b> baby group" in json.dumps(data, ensure_ascii=False), name


def test_duplicate_ids_are_compared_as_text_and_both_reported(
    tmp_path, capsys, rootdir, feed_server
):
    items = [
        oruk1(2, "Baby massage"),
        oruk1("2", "Baby yoga"),
        oruk1("3", "Baby club"),
        oruk1("3", "Baby club"),
    ]
    url = feed_server.add("twice", items)
    folder = run(tmp_path, capsys, url=url)
    found = rows(folder)
    assert [(r["feed_id"], r["name"], r["outcome"]) for r in found] == [
        ("2", "Baby massage", "taken"),
        ("2#2", "Baby yoga", "taken"),
        ("3", "Baby club", "taken"),
        ("3", "Baby club", "left"),
    ]
    assert "is also given to row 1 of the feed, a different service" in found[1]["reason"]
    assert found[3]["reason"] == (
        "the same service as row 3 of the feed (the same id, '3', and the same fields)"
    )
    assert feed_server.asked_of("twice").count("/twice/services/2") == 1
    assert len(services(folder)) == 3
    builds(rootdir, folder, tmp_path)


def test_contacts_that_lead_astray_are_left_out_with_a_reason(tmp_path, capsys, rootdir):
    items = [
        oruk1("p1", "Baby line", contacts=[{"phones": [{"number": "09065 123456"}]}],
              email="line@example.org"),
        oruk1("p2", "Baby words", contacts=[{"phones": [{"number": "Ring the office"}]}],
              url="http://192.168.0.1/book"),
        oruk1("p3", "Baby local", contacts=[], url="http://localhost:8000/",
              email="someone@10.0.0.1"),
    ]  # fmt: skip
    folder = run(tmp_path, capsys, items=items)
    found = {r["feed_id"]: r for r in rows(folder)}
    assert found["p1"]["outcome"] == "taken"
    assert "phone left out: '09065 123456' is a premium-rate number" in found["p1"]["reason"]
    assert found["p2"]["outcome"] == "skipped"
    assert found["p2"]["reason"].startswith("no way to reach it")
    assert "phone left out: 'Ring the office' is words, not a phone number" in found["p2"]["reason"]
    assert "192.168.0.1 is a private address" in found["p2"]["reason"]
    assert found["p3"]["outcome"] == "skipped"
    assert "localhost is a name for this computer" in found["p3"]["reason"]
    (service,) = services(folder)
    assert "phone" not in service and service["email"] == "line@example.org"
    builds(rootdir, folder, tmp_path)


@pytest.mark.parametrize(
    "field", ["name", "description", "url", "email", "id", "organization", "contacts", "status"]
)
def test_any_field_of_the_wrong_kind_still_imports_and_builds(tmp_path, capsys, rootdir, field):
    odd = oruk1("odd", "Baby group") | {field: {"nested": ["<script>", 5]}}
    folder = run(tmp_path, capsys, items=[odd, oruk1("fine", "Baby fine")])
    assert len(rows(folder)) == 2
    builds(rootdir, folder, tmp_path)
