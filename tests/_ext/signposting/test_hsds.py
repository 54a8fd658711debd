"""Open Referral UK / HSDS 3.0: every field of a rich service in a valid, stable export, read
back by the same mapping; and the export written by every HTML build."""

import json
import uuid
from html import unescape

import pytest
from helpers import ROOT
from jsonschema import Draft202012Validator
from profile_helpers import BASE, TODAY, yaml_for
from profiledata import hsds, schema
from profiledata.profile import load_profile

HSDS_SERVICE = json.loads((ROOT / "tests/fixtures/hsds-3.0/service.json").read_text())
VALIDATOR = Draft202012Validator(HSDS_SERVICE, format_checker=Draft202012Validator.FORMAT_CHECKER)

RICH = dict(
    BASE,
    id="rich-service",
    name="Baby stay and play",
    organisation="Testshire Council",
    audience="families",
    tier="help",
    summary="Sessions for parents and babies.",
    stages="pregnancy;first-year;second-year",
    topics="play-and-communication;bonding-and-attachment",
    access="drop-in;self-referral",
    delivery="in-person;home-visit",
    cost="£2 a session",
    languages="en;cy;pl",
    area="Testshire North",
    nations="england;wales",
    phone="0113 843 0841 ext 2",
    email="play@example.org",
    website="https://example.org/play",
    address="Testshire Family Hub, High Street",
    opening_times="Tuesdays, 10am to 12pm",
    provenance="named-in-guidance",
    added="website;address",
    checked_against="https://example.org/play/about",
    feed_id="feed-123",
    last_reviewed="2026-09-01",
    name_cy="Chwarae a bod",
    summary_cy="Sesiynau i rieni a babanod.",
    alert="Closed in August.",
    description="Songs and rhymes for babies.\n\n- Tuesdays\n- Thursdays",
    application_process="Ring to book a place.",
    eligibility_description="Parents and carers of babies under one.",
    fees_description="£2 a session, free for families on benefits.",
    interpretation_services="British Sign Language on request.",
    phone_description="Bookings",
    phone_2="0113 843 0842",
    phone_2_description="Helpline",
    phone_3="0113 843 0843",
    phone_3_description="Text line",
    organisation_website="https://testshire.example.org/",
    address_2="Library, Park Road",
    address_3="Church hall, Mill Lane",
)


@pytest.fixture
def rich(profile):
    assert set(RICH) >= {f.name for f in schema.SERVICE.fields}, "RICH must use every field"
    folder = profile(yaml=yaml_for([RICH, dict(BASE, id="free-one", cost="free")]))
    return {s.id: s for s in load_profile(folder, on=TODAY).services}


@pytest.mark.unit
def test_every_service_is_a_valid_hsds_3_service(rich):
    for service in rich.values():
        errors = [
            f"{e.json_path}: {e.message}"
            for e in VALIDATOR.iter_errors(hsds.service_object(service))
        ]
        assert errors == []


@pytest.mark.unit
def test_ids_are_uuid5_from_the_documented_namespace(rich):
    obj = hsds.service_object(rich["rich-service"])
    expected = uuid.uuid5(uuid.UUID("3b0c1f52-7d4e-5a69-9c2b-6e1f0d8a4c17"), "service/rich-service")
    assert obj["id"] == str(expected) and uuid.UUID(obj["id"]).version == 5
    assert obj["organization"]["id"] == str(
        uuid.uuid5(hsds.NAMESPACE, "organization/Testshire Council")
    )
    assert hsds.service_object(rich["rich-service"]) == obj, "the same on every call"


@pytest.mark.unit
def test_every_field_of_a_rich_service_is_in_the_export(rich):
    obj = hsds.service_object(rich["rich-service"])
    assert obj["name"] == "Baby stay and play" and obj["status"] == "active"
    assert obj["description"] == "Sessions for parents and babies."
    assert obj["url"] == "https://example.org/play" and obj["email"] == "play@example.org"
    assert obj["organization"]["name"] == "Testshire Council"
    assert (
        obj["phones"][0]["number"] == "0113 843 0841 ext 2" and obj["phones"][0]["extension"] == 2
    )
    assert [lang["code"] for lang in obj["languages"]] == ["en", "cy", "pl"]
    assert obj["cost_options"][0]["option"] == "£2 a session"
    assert obj["schedules"][0]["description"] == "Tuesdays, 10am to 12pm"
    assert obj["service_areas"][0]["name"] == "Testshire North"
    location = obj["service_at_locations"][0]["location"]
    assert location["description"] == "Testshire Family Hub, High Street"
    assert obj["assured_date"] == "2026-09-01"
    assert (obj["minimum_age"], obj["maximum_age"]) == (0, 2)
    assert obj["application_process"] == "Drop-in, Self-referral"
    terms = {
        (a["link_type"], a["taxonomy_term"]["code"], a.get("value")) for a in obj["attributes"]
    }
    for expected in [
        ("id", "id", "rich-service"), ("tier", "help", None), ("stages", "pregnancy", None),
        ("topics", "bonding-and-attachment", None), ("access", "self-referral", None),
        ("delivery", "home-visit", None), ("audience", "families", None), ("nations", "wales", None),
        ("provenance", "named-in-guidance", None), ("added", "address", None),
        ("checked_against", "checked_against", "https://example.org/play/about"),
        ("feed_id", "feed_id", "feed-123"), ("welsh", "name", "Chwarae a bod"),
        ("welsh", "summary", "Sesiynau i rieni a babanod."),
    ]:  # fmt: skip
        assert expected in terms
    for item in obj["attributes"]:
        term = item["taxonomy_term"]
        assert term["taxonomy"].startswith("parent-infant-guide-")
        assert term["taxonomy_detail"]["id"] == term["taxonomy_id"]
        assert uuid.UUID(term["id"]).version == 5


@pytest.mark.unit
def test_free_is_an_amount_of_nothing(rich):
    option = hsds.service_object(rich["free-one"])["cost_options"][0]
    assert option["amount"] == 0 and option["currency"] == "GBP"


@pytest.mark.unit
def test_the_same_mapping_reads_every_field_back(rich):
    service = rich["rich-service"]
    values = hsds.read_service(hsds.service_object(service), text=str)
    for f in schema.SERVICE.fields:
        expected = getattr(service, f.name)
        got = values.get(f.name)
        if f.kind.many:
            assert sorted(got) == sorted(expected), f.name
        else:
            assert (str(got) if f.name == "phone" else got) == (
                str(expected) if f.name == "phone" else expected
            ), f.name
    assert values["name_cy"] == "Chwarae a bod"


@pytest.mark.extension
@pytest.mark.sphinx("html", testroot="signposting")
def test_every_html_build_writes_a_services_page(app):
    app.build()
    page = json.loads((app.outdir / "services.hsds.json").read_text(encoding="utf-8"))
    assert {k: page[k] for k in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")} == {
        "total_items": 4, "total_pages": 1, "page_number": 1, "size": 4,
        "first_page": True, "last_page": True, "empty": False,
    }  # fmt: skip
    for obj in page["contents"]:
        assert list(VALIDATOR.iter_errors(obj)) == []
    names = {obj["name"] for obj in page["contents"]}
    assert "Baby stay and play" in names
    play = next(o for o in page["contents"] if o["name"] == "Baby stay and play")
    assert "<script>" in unescape(play["description"]), "text stays text: the reader escapes it"


@pytest.mark.extension
def test_two_builds_write_the_same_bytes(make_app, rootdir, tmp_path):
    import shutil

    outputs = []
    for n in (1, 2):
        src = tmp_path / f"src{n}"
        shutil.copytree(rootdir / "test-signposting", src)
        app = make_app("html", srcdir=src, freshenv=True)
        app.build()
        outputs.append((app.outdir / "services.hsds.json").read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.unit
def test_no_two_fields_write_one_place():
    """Each place in an HSDS service belongs to one field (a second would overwrite it)."""
    places = [f.hsds.path for f in schema.SERVICE.fields if f.hsds and f.hsds.path]
    assert len(places) == len(set(places)), places


@pytest.mark.unit
def test_places_are_written_and_found_by_the_same_paths():
    from profiledata.openreferral import found_at, place, uid

    obj = {}
    place(obj, "phones[]", [{"number": "1"}], "s")
    place(obj, "phones[1].number", ["2"], "s")
    place(obj, "phones[1].description", ["Text"], "s")
    place(obj, "organization.name", ["Org"], "s")
    place(obj, "", [{"minimum_age": 0}], "s")
    assert obj == {
        "phones": [
            {"id": uid("s", "phone"), "number": "1"},
            {"id": uid("s", "phone", "2"), "number": "2", "description": "Text"},
        ],
        "organization": {"name": "Org"},
        "minimum_age": 0,
    }
    assert found_at(obj, "phones[].number") == ["1", "2"]
    assert found_at(obj, "phones[1].description") == ["Text"]
    assert found_at(obj, "organization.name") == ["Org"]
    assert found_at(obj, "") == [obj]
    assert found_at({"phones": "not a list"}, "phones[].number") == []
    assert found_at({"phones": [5, None]}, "phones[].number") == []


@pytest.mark.unit
def test_each_field_with_a_place_is_read_from_it_in_both_shapes():
    """The ORUK 1 import reads the places the declaration names, with no other list: an
    ORUK 1 service written at each field's ORUK 1 place comes back as the field's value."""
    from profiledata.openreferral import TEXT, place

    oruk1, expected = {}, {}
    for f in schema.SERVICE.fields:
        sources = f.hsds.sources("oruk-1") if f.hsds else ()
        if f.hsds and f.hsds.path is not None and f.name != "access":
            assert f.hsds.sources("hsds-3") == (f.hsds.path,), f.name
            assert sources, f.name
        if sources and f.hsds.form is TEXT:  # text as it is (other forms: tests of their own)
            value = f"{f.name} text"
            place(oruk1, sources[-1], [value])
            expected[f.name] = value
    assert {"name", "summary", "area", "email", "website"} <= set(expected)
    values = hsds.read_service(hsds.from_oruk1(oruk1), str)
    assert {k: values.get(k) for k in expected} == expected
