"""Single values: text, choices, dates, UK phones, email, web addresses, brand colours."""

import datetime as dt

import pytest
from profiledata import fields
from profiledata.fields import Invalid

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("value", "uri"),
    [
        ("03000 133 133", "tel:+443000133133"),
        ("0113 84 30841", "tel:+441138430841"),
        ("+44 113 843 0841", "tel:+441138430841"),
        ("0113 843 0841 ext 2", "tel:+441138430841;ext=2"),
        ("0113 843 0841 extension 204", "tel:+441138430841;ext=204"),
    ],
)
def test_uk_phone_is_shown_as_written_and_linked_as_e164_with_its_extension(value, uri):
    phone = fields.uk_phone(value)
    assert str(phone) == value and phone.uri == uri


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12345", "is not a valid UK phone number"),
        ("call us", "is not a phone number"),
        ("+33 1 42 68 53 00", "is not a UK phone number"),
        (1131234567, "put it in quotes"),
    ],
)
def test_bad_phones(value, message):
    with pytest.raises(Invalid, match=message):
        fields.uk_phone(value)


def test_email_checks_syntax_without_a_network_look_up():
    assert fields.email("ContactFAS@Cardiff.gov.uk") == "ContactFAS@Cardiff.gov.uk"
    with pytest.raises(Invalid, match="is not an email address"):
        fields.email("not-an-email")
    with pytest.raises(Invalid, match="is not an email address"):
        fields.email("someone@")


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "ftp://x.org", "www.example.org", "data:text/html,hi"]
)
def test_only_http_and_https_web_addresses(value):
    with pytest.raises(Invalid, match="must start with https://"):
        fields.web_address(value)


def test_web_address_needs_a_host():
    assert (
        fields.web_address("https://www.cardifffamilies.co.uk")
        == "https://www.cardifffamilies.co.uk"
    )
    with pytest.raises(Invalid, match="not a complete web address"):
        fields.web_address("https://")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-13-01", "is not a real date"),
        ("01/02/2026", "is not a date written YYYY-MM-DD"),
        ("2026-11-23", "is in the future"),
        (dt.datetime(2026, 1, 1, 9, 0), "without a time"),
        (20260101, "is not a date"),
    ],
)
def test_bad_review_dates(value, message):
    with pytest.raises(Invalid, match=message):
        fields.review_date(value, TODAY)


def test_review_date_accepts_iso_text_and_yaml_dates():
    assert fields.review_date("2026-11-22", TODAY) == TODAY
    assert fields.review_date(dt.date(2025, 1, 1), TODAY) == dt.date(2025, 1, 1)


def test_choices_accept_lists_and_semicolons_and_suggest_near_misses():
    assert fields.choices("a; b;a", ["a", "b"], required=True) == ["a", "b"]
    with pytest.raises(
        Invalid, match=r"'helpp' is not one of: help, advice \(did you mean 'help'\?\)"
    ):
        fields.choices(["helpp"], ["help", "advice"], required=True)
    with pytest.raises(Invalid, match="needs at least one of"):
        fields.choices([], ["a"], required=True)
    with pytest.raises(Invalid, match="must be a list"):
        fields.choices({"a": 1}, ["a"], required=True)


def test_languages_are_iso_639_1_codes():
    assert fields.languages(["en", "cy"]) == ["en", "cy"]
    with pytest.raises(Invalid, match="'xx' is not one of: ISO 639-1"):
        fields.languages(["xx"])
    with pytest.raises(Invalid, match="'eng' is not one of"):
        fields.languages("eng")


def test_text_is_trimmed_limited_and_must_be_text():
    assert fields.text("  two   words ") == "two words"
    with pytest.raises(Invalid, match="is 401 characters long; it may be at most 400"):
        fields.text("x" * 401, limit=400)
    with pytest.raises(Invalid, match="is empty"):
        fields.text("   ")
    with pytest.raises(Invalid, match="must be text"):
        fields.text(["a"])
    with pytest.raises(Invalid, match="must be text"):
        fields.text(True)
    with pytest.raises(Invalid, match="contains a control character"):
        fields.text("Leeds\x1b[31m")


def test_brand_colour_must_reach_4_5_to_1_on_white():
    assert fields.brand_colour("#1D4F91") == "#1d4f91"
    assert round(fields.colour_contrast_with_white("#767676"), 2) == 4.54
    with pytest.raises(
        Invalid, match=r"contrast of 1\.1:1 against white; it needs at least 4\.5:1"
    ):
        fields.brand_colour("#ffff00")
    with pytest.raises(Invalid, match="is not a colour written #rrggbb"):
        fields.brand_colour("blue")
