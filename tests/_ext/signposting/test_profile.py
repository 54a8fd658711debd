"""profile.toml: every rule with its key and line; defaults; national resources; review dates."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_helpers import BASE, TODAY, problems_of, yaml_for
from profiledata.problems import ProfileDataError
from profiledata.profile import load_profile, months_between, today

pytestmark = pytest.mark.unit

GOOD = """[area]
name = "Testshire"
nation = "england"
"""


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            '[area]\nname = "T"\nnation = "scotland"\n',
            "profile.toml:3: [area] nation: 'scotland' is not one of: england, wales",
        ),
        ('[area]\nnation = "england"\n', "profile.toml:1: [area] name: is missing"),
        (
            "[directory]\ninclude_national = true\n",
            "profile.toml: [area]: is missing: every profile needs [area] with name and nation",
        ),
        (
            GOOD + 'brand_colour = "#ffff00"\n',
            "profile.toml:4: [area] brand_colour: #ffff00 has a contrast of 1.1:1 against white; it needs at least 4.5:1",
        ),
        (
            GOOD + 'brand_colour = "navy"\n',
            "profile.toml:4: [area] brand_colour: 'navy' is not a colour written #rrggbb",
        ),
        (GOOD + 'colour = "#000000"\n', "profile.toml:4: [area] colour: unknown key"),
        (
            GOOD + "[aera]\nname = 1\n",
            "profile.toml:4: [aera]: unknown table (did you mean 'area'?)",
        ),
        (
            GOOD + 'logo = "logo.gif"\nlogo_alt = "x"\n',
            "profile.toml:4: [area] logo: 'logo.gif' must be a .svg, .png, .jpg or .jpeg file",
        ),
        (
            GOOD + 'logo = "logo.svg"\nlogo_alt = "x"\n',
            "profile.toml:4: [area] logo: 'logo.svg' is not a file in",
        ),
        (GOOD + 'example = "yes"\n', "profile.toml:4: [area] example: must be true or false"),
        (
            GOOD + '[front_door]\nname = "Gateway"\n',
            "profile.toml:4: [front_door]: needs at least one of phone, email or website",
        ),
        (
            GOOD + '[front_door]\nname = "G"\nphone = "999999"\n',
            "profile.toml:6: [front_door] phone: '999999' is not a valid UK phone number",
        ),
        (
            GOOD + '[front_door]\nname = "G"\nemail = "nope"\n',
            "profile.toml:6: [front_door] email: 'nope' is not an email address",
        ),
        (
            GOOD + '[safeguarding]\nphone = "0113 843 0841"\n',
            "profile.toml:4: [safeguarding] summary: is missing",
        ),
        (
            GOOD + '[safeguarding]\nsummary = "s"\nprocedures_url = "file:///x"\n',
            "profile.toml:6: [safeguarding] procedures_url: 'file:///x' must start with https://",
        ),
        (
            GOOD + '[checklists]\nremember_ticks = "forever"\n',
            "profile.toml:5: [checklists] remember_ticks: 'forever' is not one of: tab, device, off",
        ),
        (
            GOOD + "[directory]\nreview_after_months = 0\n",
            "profile.toml:5: [directory] review_after_months: must be a whole number of months, from 1 to 120",
        ),
        (
            GOOD + '[directory]\ninclude_national = "no"\n',
            "profile.toml:5: [directory] include_national: must be true or false",
        ),
        (
            GOOD + '[directory]\nsources = "services.yaml"\n',
            "profile.toml:5: [directory] sources: must be a list of file names",
        ),
        (
            GOOD + '[directory]\nsources = ["nowhere.yaml"]\n',
            "profile.toml:5: [directory] sources: 'nowhere.yaml' is not a file in",
        ),
        (
            GOOD + '[directory]\nsources = ["services.xlsx"]\n',
            "profile.toml:5: [directory] sources: 'services.xlsx' must be a .yaml, .yml or .csv file",
        ),
        ('[area]\nname = "T"\nnation = england\n', "profile.toml:3: is not valid TOML"),
        ("area = 3\n", "profile.toml:1: [area]: must be a table, written [area]"),
    ],
)
def test_profile_rule_names_key_and_line(profile, toml, expected):
    problems = problems_of(profile(toml=toml))
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_profile_toml(tmp_path):
    with pytest.raises(ProfileDataError) as caught:
        load_profile(tmp_path, on=TODAY)
    assert str(caught.value).endswith(
        "profile.toml: not found: a profile folder needs a profile.toml"
    )


def test_defaults_and_contacts(profile):
    folder = profile(
        toml=GOOD
        + '[front_door]\nname = "Gateway"\nphone = "03000 133 133"\n'
        + '[safeguarding]\nsummary = "Follow your local procedures."\nprocedures_url = "https://example.org/p"\n'
    )
    directory = load_profile(folder, on=TODAY)
    assert directory.area == "Testshire" and directory.nation == "england"
    assert directory.example is False and directory.remember_ticks == "tab"
    assert directory.review_after_months == 12 and directory.brand_colour == ""
    assert directory.front_door.phone.uri == "tel:+443000133133"
    assert directory.safeguarding.procedures_url == "https://example.org/p"
    assert {s.id for s in directory.services} >= {"nhs-start-for-life", "family-gp"}
    assert all(s.national for s in directory.services)
    assert "flying-start" not in {s.id for s in directory.services}


def test_welsh_profiles_also_get_flying_start(profile):
    directory = load_profile(profile(toml='[area]\nname = "Cardiff"\nnation = "wales"\n'), on=TODAY)
    assert "flying-start" in {s.id for s in directory.services}


def test_include_national_false_leaves_only_local_services(profile):
    directory = load_profile(profile(yaml=yaml_for([BASE])), on=TODAY)
    assert [s.id for s in directory.services] == ["stay-and-play"]
    assert directory.local_services == directory.services


def test_services_past_their_review_are_marked_not_refused(profile):
    old = dict(BASE, id="old-one", last_reviewed="2025-11-21")
    recent = dict(BASE, id="recent-one", last_reviewed="2025-11-23")
    directory = load_profile(profile(yaml=yaml_for([old, recent])), on=TODAY)
    assert [s.id for s in directory.stale] == ["old-one"]


def test_review_period_comes_from_the_profile(profile):
    service = dict(BASE, last_reviewed="2026-05-01")
    folder = profile(yaml=yaml_for([service]), extra="review_after_months = 6\n")
    assert [s.id for s in load_profile(folder, on=TODAY).stale] == ["stay-and-play"]


def test_months_between():
    assert months_between(dt.date(2025, 11, 22), dt.date(2026, 11, 22)) == 12
    assert months_between(dt.date(2025, 11, 23), dt.date(2026, 11, 22)) == 11


def test_source_date_epoch_fixes_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert today() == dt.date(2023, 11, 14)


def test_the_shipped_profiles_load_cleanly(request):
    root = request.config.rootpath
    for folder in ["local/default", "local/examples/cardiff", "local/examples/leeds"]:
        directory = load_profile(root / folder)
        assert directory.area
    assert load_profile(root / "local/examples/cardiff").example is True
    assert load_profile(root / "local/default").local_services == []


def test_leeds_csv_matches_its_yaml(request, tmp_path):
    root = request.config.rootpath / "local/examples/leeds"
    from profiledata.services import read_file, validate

    def services(name):
        records, problems = read_file(root / name)
        assert problems == []
        return [validate(r, area="Leeds", today=TODAY)[0].as_json() for r in records]

    assert services("services.csv") == services("services.yaml")


# Property: whatever bytes arrive, the loaders only ever raise the project's own error.
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    toml=st.one_of(
        st.text(max_size=200), st.just(GOOD + '[directory]\nsources = ["s.yaml", "s.csv"]\n')
    ),
    yaml_text=st.one_of(
        st.text(max_size=300),
        st.builds(
            lambda s: yaml_for([s]),
            st.dictionaries(st.sampled_from(list(BASE) + ["odd"]), st.text(max_size=30)),
        ),
    ),
    csv_bytes=st.one_of(
        st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8"))
    ),
)
def test_loaders_raise_only_their_own_error_for_any_input(
    tmp_path_factory, toml, yaml_text, csv_bytes
):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "profile.toml").write_bytes(toml.encode("utf-8", "surrogatepass"))
    (folder / "s.yaml").write_bytes(yaml_text.encode("utf-8", "surrogatepass"))
    (folder / "s.csv").write_bytes(csv_bytes)
    try:
        load_profile(folder, on=TODAY)
    except ProfileDataError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
