"""Every service rule, in YAML and in CSV, with its message and its line."""

import pytest
from profile_helpers import BASE, TODAY, csv_for, problems_of, yaml_for
from profiledata.profile import load_profile

pytestmark = pytest.mark.unit

# (field, bad value or None to leave it out, the message expected)
RULES = [
    ("id", None, "service 1: id is missing"),
    ("id", "Stay And Play", "service 'Stay And Play': id 'Stay And Play' is not a slug"),
    ("name", None, "service 'stay-and-play': name is missing"),
    ("organisation", None, "service 'stay-and-play': organisation is missing"),
    (
        "tier",
        "helpful",
        "tier 'helpful' is not one of: advice, help, more-help (did you mean 'help'?)",
    ),
    ("tier", None, "tier is missing: every service for families needs one"),
    ("summary", "x" * 401, "summary is 401 characters long; it may be at most 400"),
    ("summary", None, "summary is missing"),
    ("stages", "toddler", "stages 'toddler' is not one of: pregnancy, first-year, second-year"),
    ("stages", None, "stages is missing"),
    ("topics", "sleep", "topics 'sleep' is not one of: bonding-and-attachment"),
    ("access", "by-post", "access 'by-post' is not one of: self-referral, professional-referral"),
    ("audience", "everyone", "audience 'everyone' is not one of: families, practitioners"),
    ("nations", "mars", "nations 'mars' is not one of: england, wales, scotland, northern-ireland"),
    ("provenance", "hearsay", "provenance 'hearsay' is not one of: named-in-guidance"),
    ("added", "summary", "added 'summary' is not one of: organisation, website"),
    ("checked_against", "the leaflet", "checked_against 'the leaflet' must start with https://"),
    ("delivery", "carrier-pigeon", "delivery 'carrier-pigeon' is not one of: in-person"),
    ("languages", "xx", "languages 'xx' is not one of: ISO 639-1 codes"),
    ("area", "   ", "area is empty"),
    ("phone", "12345", "phone '12345' is not a valid UK phone number"),
    ("email", "nobody-at-nowhere", "email 'nobody-at-nowhere' is not an email address"),
    ("website", "javascript:alert(1)", "website 'javascript:alert(1)' must start with https://"),
    ("last_reviewed", "2026-11-23", "last_reviewed 2026-11-23 is in the future"),
    ("last_reviewed", "22/11/2026", "last_reviewed '22/11/2026' is not a date written YYYY-MM-DD"),
    ("last_reviewed", "2026-02-30", "last_reviewed '2026-02-30' is not a real date"),
]


def with_change(field, value):
    service = dict(BASE)
    if value is None:
        service.pop(field)
    else:
        service[field] = value
    return service


@pytest.mark.parametrize(
    ("field", "value", "message"), RULES, ids=[f"{r[0]}-{i}" for i, r in enumerate(RULES)]
)
def test_rule_in_yaml_names_the_fields_line(profile, field, value, message):
    service = with_change(field, value)
    folder = profile(yaml=yaml_for([service]))
    keys = list(service)
    line = keys.index(field) + 1 if field in keys else 1
    problems = problems_of(folder)
    assert any(p.startswith(f"services.yaml:{line}: ") and message in p for p in problems), problems


# In CSV an empty cell means "absent", so a blank area cannot be written there.
CSV_RULES = [rule for rule in RULES if rule[:2] != ("area", "   ")]


@pytest.mark.parametrize(
    ("field", "value", "message"), CSV_RULES, ids=[f"{r[0]}-{i}" for i, r in enumerate(CSV_RULES)]
)
def test_rule_in_csv_names_the_rows_line(profile, field, value, message):
    other = dict(BASE, id="other-service")
    service = with_change(field, value)
    message = message.replace("service 1:", "service 2:")
    folder = profile(csv=csv_for([other, service]))
    problems = problems_of(folder)
    assert any(p.startswith("services.csv:3: ") and message in p for p in problems), problems


def test_a_practitioners_resource_needs_no_level(profile):
    service = dict(with_change("tier", None), audience="practitioners")
    (loaded,) = load_profile(profile(yaml=yaml_for([service])), on=TODAY).services
    assert loaded.tier == "" and loaded.audience == "practitioners"


def test_an_entry_nobody_has_checked_has_no_date_and_is_never_stale(profile):
    (loaded,) = load_profile(
        profile(yaml=yaml_for([with_change("last_reviewed", None)])), on=TODAY
    ).services
    assert loaded.last_reviewed is None and loaded.stale is False
    assert loaded.as_json()["last_reviewed"] is None


def test_a_service_needs_one_way_to_contact_it(profile):
    service = with_change("phone", None)
    assert problems_of(profile(yaml=yaml_for([service]))) == [
        "services.yaml:1: service 'stay-and-play': needs at least one of phone, email, website or address"
    ]


def test_unknown_field_suggests_the_right_one_in_yaml_and_csv(profile):
    service = dict(BASE, phon="0113 843 0841")
    assert (
        "services.yaml:10: service 'stay-and-play': unknown field 'phon' (did you mean 'phone'?)"
        in problems_of(profile(yaml=yaml_for([service])))
    )
    assert "services.csv:1: unknown column 'phon' (did you mean 'phone'?)" in problems_of(
        profile(csv=csv_for([service]))
    )


def test_every_problem_in_every_file_at_once(profile):
    bad = dict(BASE, tier="helpful", stages="toddler")
    folder = profile(
        yaml=yaml_for([bad]), csv=csv_for([dict(BASE, id="csv-one", website="ftp://x")])
    )
    problems = problems_of(folder)
    assert len(problems) == 3
    assert {p.split(":")[0] for p in problems} == {"services.yaml", "services.csv"}


def test_duplicate_id_across_files_names_both_places(profile):
    folder = profile(yaml=yaml_for([BASE]), csv=csv_for([BASE]))
    problems = problems_of(folder)
    assert len(problems) == 1
    assert problems[0].startswith("services.csv:2: service 'stay-and-play': id is also used at ")
    assert problems[0].endswith("services.yaml:1")


def test_csv_with_bom_semicolon_lists_and_empty_cells(profile):
    service = dict(BASE, topics="bonding-and-attachment; crying-and-soothing", email="")
    folder = profile(csv=b"\xef\xbb\xbf" + csv_for([service]).encode("utf-8"))
    (loaded,) = load_profile(folder, on=TODAY).services
    assert loaded.stages == ["pregnancy", "first-year"]
    assert loaded.topics == ["bonding-and-attachment", "crying-and-soothing"]
    assert loaded.email == "" and loaded.cost == "" and loaded.languages == []
    assert loaded.area == "Testshire" and loaded.phone.uri == "tel:+441138430841"
    assert (loaded.audience, loaded.nations, loaded.provenance) == (
        "families",
        ["england"],
        "local-profile",
    )


def test_csv_row_with_too_many_cells(profile):
    text = csv_for([BASE]).rstrip("\r\n") + ',"extra"\r\n'
    assert "services.csv:2: row has 10 cells but the header has 9" in problems_of(profile(csv=text))


def test_csv_not_in_utf8_names_the_line(profile):
    text = csv_for([BASE, dict(BASE, id="caf\u00e9-group", name="Caf\u00e9")]).encode("cp1252")
    assert problems_of(profile(csv=text)) == [
        "services.csv:3: is not UTF-8 text: save it as 'CSV UTF-8' or UTF-8"
    ]


def test_csv_duplicate_column(profile):
    text = "id,name,id\r\na,b,c\r\n"
    assert "services.csv:1: column 'id' appears twice" in problems_of(profile(csv=text))


def test_yaml_syntax_error_names_its_line(profile):
    text = yaml_for([BASE]) + "  name: [unclosed\n"
    problems = problems_of(profile(yaml=text))
    assert len(problems) == 1 and problems[0].startswith("services.yaml:11: is not valid YAML")


def test_yaml_must_be_a_list_of_mappings(profile):
    assert problems_of(profile(yaml="id: one\nname: two\n")) == [
        "services.yaml:1: must be a list of services, each starting with '- id: ...'"
    ]
    assert problems_of(profile(yaml="- just words\n")) == [
        "services.yaml:1: service 1: must be a set of 'field: value' lines"
    ]


def test_yaml_field_given_twice(profile):
    text = yaml_for([BASE]) + '  name: "Again"\n'
    assert "services.yaml:10: service 1: field 'name' is given twice" in problems_of(
        profile(yaml=text)
    )


def test_yaml_unquoted_number_is_refused_with_advice(profile):
    text = yaml_for([dict(BASE, phone="PHONE")]).replace('"PHONE"', "01131234567")
    assert (
        "services.yaml:8: service 'stay-and-play': phone must be text: put it in quotes"
        in problems_of(profile(yaml=text))
    )


def test_markup_in_text_is_kept_as_text(profile):
    service = dict(BASE, summary='<script>alert("x")</script> & <b>bold</b>')
    (loaded,) = load_profile(profile(yaml=yaml_for([service])), on=TODAY).services
    assert loaded.summary == '<script>alert("x")</script> & <b>bold</b>'
