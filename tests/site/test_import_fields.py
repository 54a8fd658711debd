"""What practitioners need from real feeds: who a service is for, how to get in, what it costs
(amounts with their currency and what each is for), an alert shown first, interpreting, up to
three phones with what each is for and three addresses, the whole description under "More
about this service", and the organisation's website when the service has none, marked as the
organisation's. Imported from a feed, written to the snapshot, built, and read on the page."""

import json
import re
from html import unescape

import pytest
import yaml
from helpers import import_profile, sphinx_build
from profiledata import fields
from profiledata.openreferral import COST

from guide import feed, importer

FULL = {
    "id": "full-1",
    "name": "Baby massage",
    "description": "<p>Gentle massage for babies &amp; parents.</p><ul><li>Tuesdays</li>"
    "<li>Thursdays</li></ul><p>Bring a towel.</p>",
    "status": "active",
    "alert": "No sessions in August.",
    "application_process": "<p>Ring to book a place.</p>",
    "eligibility_description": "Parents and carers of babies under one.",
    "fees_description": "Free for families on Universal Credit.",
    "interpretation_services": "British Sign Language on request.",
    "organization": {"name": "Exampleton Family Hubs", "url": "www.exampleton-hubs.example.org"},
    "minimum_age": 0,
    "maximum_age": 1,
    "cost_options": [{"amount": 35, "currency": "GBP", "amount_description": "per 1 hour session"}],
    "phones": [
        {"number": "0113 496 0100", "description": "Bookings"},
        {"number": "0113 496 0101", "description": "Helpline"},
        {"number": "0113 496 0102", "description": "Text line"},
        {"number": "0113 496 0103", "description": "A fourth is one too many"},
    ],
    "service_at_locations": [
        {"location": {"addresses": [{"address_1": "1 Hub Street", "postal_code": "EX1 1AA"}]}},
        {"location": {"addresses": [{"address_1": "Library, Park Road"}]}},
        {"location": {"addresses": [{"address_1": "Church hall, Mill Lane"}]}},
    ],
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory, rootdir):
    folder = tmp_path_factory.mktemp("area")
    (folder / "profile.toml").write_text(import_profile('file = "feed.json"'), encoding="utf-8")
    (folder / "feed.json").write_text(json.dumps([FULL]), encoding="utf-8")
    assert importer.import_profile(folder, client=feed.Client(backoff=0)) == 0
    (service,) = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))
    out = tmp_path_factory.mktemp("html")
    result = sphinx_build(rootdir / "test-signposting", out, "-W", "-D", f"local_profile={folder}")
    assert result.returncode == 0, result.stderr
    return service, out


@pytest.mark.extension
def test_the_snapshot_holds_every_new_field(imported):
    service, _ = imported
    assert {key: service[key] for key in (
        "alert", "application_process", "eligibility_description", "fees_description",
        "interpretation_services", "cost", "description",
    )} == {
        "alert": "No sessions in August.",
        "application_process": "Ring to book a place.",
        "eligibility_description": "Parents and carers of babies under one.",
        "fees_description": "Free for families on Universal Credit.",
        "interpretation_services": "British Sign Language on request.",
        "cost": "£35 per 1 hour session",
        "description": "Gentle massage for babies & parents.\n\n- Tuesdays\n- Thursdays\n\n"
        "Bring a towel.",
    }  # fmt: skip
    assert [service.get(k) for k in ("phone", "phone_2", "phone_3")] == [
        "0113 496 0100", "0113 496 0101", "0113 496 0102"
    ], "up to three phones"  # fmt: skip
    assert [service.get(f"{k}_description") for k in ("phone", "phone_2", "phone_3")] == [
        "Bookings", "Helpline", "Text line"
    ]  # fmt: skip
    assert [service.get(k) for k in ("address", "address_2", "address_3")] == [
        "1 Hub Street, EX1 1AA", "Library, Park Road", "Church hall, Mill Lane"
    ]  # fmt: skip
    assert service["organisation_website"] == "https://www.exampleton-hubs.example.org"
    assert "website" not in service


@pytest.mark.extension
def test_the_entry_shows_them_with_the_alert_first(imported):
    _, out = imported
    page = (out / "directory" / "index.html").read_text(encoding="utf-8")
    entry = page[page.index('data-service="baby-massage"') :]
    entry = entry[: entry.index("</article>")]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", entry)).split()).replace(" :", ":")
    text = text.replace("\u2019", "'")  # Sphinx curls apostrophes
    assert text.index("Please note: No sessions in August.") < text.index("Gentle massage")
    assert 'class="service-alert"' in entry
    more = entry[entry.index('<details class="service-more">') :]
    assert "<li><p>Tuesdays</p>\n</li>" in more or re.search(r"<li>\s*<p>Tuesdays</p>", more)
    assert "Bring a towel." in more
    for shown in ("How to apply: Ring to book a place.", "Who can use it: Parents and carers",
                  "Fees: Free for families on Universal Credit.", "Cost: £35 per 1 hour session",
                  "Interpreting: British Sign Language on request.",
                  "Call 0113 496 0101 (Helpline)", "Address: Library, Park Road",
                  "exampleton-hubs.example.org (the organisation's website)"):  # fmt: skip
        assert shown in text, shown
    assert 'href="tel:+441134960102"' in entry


@pytest.mark.unit
@pytest.mark.parametrize(
    ("option", "text"),
    [
        ({"amount": 35, "currency": "GBP", "amount_description": "per 1 hour session"},
         "£35 per 1 hour session"),
        ({"amount": 1, "option": "£1 for a hot drink"}, "£1 for a hot drink"),
        ({"amount": "3.50", "option": "per session"}, "£3.50 per session"),
        ({"amount": 12, "currency": "EUR", "option": "a class"}, "€12 a class"),
        ({"amount": 20, "option": "20 a term"}, "20 a term"),
        ({"amount": 0, "option": "Free"}, "free"),
        ({"amount": 5}, "£5"),
    ],
)  # fmt: skip
def test_a_cost_with_its_amount_currency_and_what_it_is_for(option, text):
    assert COST.get(option, str) == text


@pytest.mark.unit
def test_paragraphs_keep_their_breaks_and_lose_what_is_invisible():
    given = "  One\u200b  line \r\n\r\n\r\n- a\n- b \n\n"
    assert fields.paragraphs(given) == "One line\n\n- a\n- b"
    with pytest.raises(fields.Invalid, match="control character"):
        fields.paragraphs("a\x07b")
    with pytest.raises(fields.Invalid, match="at most 5"):
        fields.paragraphs("123456", limit=5)
