"""A feed's contacts (``guide/links.py``): the slips real feeds make are repaired and noted,
what cannot be used is refused with a reason, and an address is never read as HTML."""

import pytest

from guide import links

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("given", "address", "note"),
    [
        ("https://ok.example.org/?tab=profile&section=username",
         "https://ok.example.org/?tab=profile&section=username", None),
        ("www.example.org", "https://www.example.org", "had no https://"),
        ("www.samaritans.org/branches/bristol/", "https://www.samaritans.org/branches/bristol/",
         "had no https://"),
        ("kateartereft.com", "https://kateartereft.com", "had no https://"),
        ("http:www.yateandsodburydc.co.uk", "http://www.yateandsodburydc.co.uk", "repaired to"),
        ("https:/holisuntherapies.co.uk", "https://holisuntherapies.co.uk", "repaired to"),
        ("HTTPS://Example.org", "https://Example.org", None),
        ("\u200bhttps://example.org/\u200d", "https://example.org/", "2 invisible characters"),
        ("\u00a0https://example.org ", "https://example.org", None),
    ],
)  # fmt: skip
def test_web_addresses_repaired(given, address, note):
    found, notes = links.web(given)
    assert found == address
    assert (note is None and notes == []) or (note is not None and note in notes[0])


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("Warmley Community Centre", "is not a web address"),
        ("javascript:alert(1)", "is not an http or https address"),
        ("ftp://example.org/", "is not an http or https address"),
        ("http://127.0.0.1/admin", "127.0.0.1 is a private address"),
        ("http://10.0.0.8/", "10.0.0.8 is a private address"),
        ("https://192.168.1.1/", "192.168.1.1 is a private address"),
        ("http://169.254.169.254/latest", "169.254.169.254 is a private address"),
        ("https://[::1]/", "::1 is a private address"),
        ("http://localhost:8000/", "localhost is a name for this computer"),
        ("https://printer.local/", "is a name for this computer or a local network"),
        ("https://intranet/", "intranet is a name only a local network knows"),
        ("http://2130706433/", "an address written as a number"),
        ("https://user:pass@example.org/", "must not contain a user name or password"),
        (5, "5 is not text"),
        ("", "is empty"),
    ],
)
def test_web_addresses_refused(given, why):
    with pytest.raises(links.Unusable, match=None) as caught:
        links.web(given)
    assert why in str(caught.value)


@pytest.mark.parametrize(
    ("given", "address", "note"),
    [
        ("employment.support@mencap.org.uk.", "employment.support@mencap.org.uk", "ended in '.'"),
        ("\u00a0spot@thecareforum.org.uk", "spot@thecareforum.org.uk", None),
        ("mailto:play@example.org", "play@example.org", "'mailto:' removed"),
        ("pla\u200by@example.org", "play@example.org", "1 invisible character removed"),
    ],
)
def test_email_addresses_repaired(given, address, note):
    found, notes = links.email(given)
    assert found == address
    assert (note is None and notes == []) or (note is not None and note in notes[0])


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("nobody", "is not an email address"),
        ("a&b=c@example.org", "is not a plain email address"),
        ("someone@192.168.0.1", "is not"),
    ],
)
def test_email_addresses_refused(given, why):
    with pytest.raises(links.Unusable) as caught:
        links.email(given)
    assert why in str(caught.value)


@pytest.mark.parametrize(
    ("given", "number"),
    [
        ("020 7089 5050.", "020 7089 5050"),
        ("0800 148 8586", "0800 148 8586"),
        ("01296 681522 ext 2", "01296 681522 ext 2"),
        (1132960000, "1132960000"),
    ],
)
def test_phone_numbers_kept(given, number):
    assert links.phone(given)[0] == number


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("call the office", "is words, not a phone number"),
        ("See website", "is words, not a phone number"),
        ("09065 123456", "is a premium-rate number"),
        ("+44 9065 123456", "is a premium-rate number"),
        ("12345", "is not a valid UK phone number"),
    ],
)
def test_phone_numbers_refused(given, why):
    with pytest.raises(links.Unusable) as caught:
        links.phone(given)
    assert why in str(caught.value)
