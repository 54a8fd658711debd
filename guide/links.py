"""A feed's web addresses, e-mail addresses and phone numbers, repaired where the slip is
plain and refused with a reason where it cannot be, for ``python -m guide import``.

Real council feeds hold ``www.example.org`` with no scheme, ``http:www.``, ``https:/``, an
e-mail address ending in a full stop, no-break spaces and zero-width characters. Each is
repaired and the repair noted (the report shows it). What cannot be repaired, a link to a
private address, a premium-rate number or a "phone number" of words, is refused with a reason:
the import drops that contact and keeps the service while it has another way to reach it.

These values never pass through the HTML-to-text step (``feedtext.py``): an ``&`` in a query
string stays an ``&``. Each check ends with the one the profile uses (``fields.py``), so a
value that passes here also passes when the snapshot is loaded. Pure: no network look-up.
"""

import ipaddress
import re
from urllib.parse import urlsplit

import phonenumbers
from profiledata import fields

from .feedtext import invisible


class Unusable(ValueError):
    """The value cannot be used; the message says why, for the report."""


def _trim(value, notes):
    if not isinstance(value, str):
        raise Unusable(f"{str(value)[:40]} is not text")
    value, removed = invisible(value)
    if removed:
        notes.append(f"{removed} invisible character{'s' if removed > 1 else ''} removed")
    return " ".join(value.replace("\u00a0", " ").split())


SCHEME_SLIP = re.compile(r"^(https?):(/*)(?=[^/])", re.IGNORECASE)  # http:www., https:/x
BARE_HOST = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\.?(?:[/?#]\S*)?$"
)


def private_host(host):
    """Why a host is not a public web address, or "": a name for this machine or the local
    network, or an IP address in a private, loopback, link-local or reserved range."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal", ".lan")):
        return f"{host} is a name for this computer or a local network"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if re.fullmatch(r"[0-9.]+|0x[0-9a-f.x]+", host):
            return f"{host} is an address written as a number"
        if "." not in host:
            return f"{host} is a name only a local network knows"
        return ""
    if not address.is_global:
        return f"{host} is a private address"
    return ""


def web(value):
    """(an ``http(s)://`` address, notes of what was repaired), or ``Unusable``."""
    notes = []
    shown = _trim(value, notes)
    if not shown:
        raise Unusable("is empty")
    if match := SCHEME_SLIP.match(shown):
        if match[2] != "//":
            fixed = f"{match[1].lower()}://{shown[match.end() :]}"
            notes.append(f"{shown!r} repaired to {fixed!r}")
            shown = fixed
    elif not fields.scheme(shown) or BARE_HOST.match(shown):
        if BARE_HOST.match(shown):
            fixed = "https://" + shown
            notes.append(f"{shown!r} had no https://; repaired to {fixed!r}")
            shown = fixed
        else:
            raise Unusable(f"{shown[:80]!r} is not a web address")
    if fields.scheme(shown) not in fields.WEB_SCHEMES:
        raise Unusable(f"{shown[:80]!r} is not an http or https address")
    try:
        shown = fields.web_address(shown)
    except fields.Invalid as exc:
        raise Unusable(str(exc)) from None
    if why := private_host(urlsplit(shown).hostname or ""):
        raise Unusable(f"{shown[:80]!r} is not a public web address: {why}")
    return shown, notes


def email(value):
    """(a plain e-mail address, notes of what was repaired), or ``Unusable``."""
    notes = []
    shown = _trim(value, notes)
    if shown.lower().startswith("mailto:"):
        notes.append("'mailto:' removed")
        shown = shown[len("mailto:") :].split("?", 1)[0]
    if shown.endswith((".", ",", ";")):
        notes.append(f"{shown!r} ended in {shown[-1]!r}; removed")
        shown = shown.rstrip(".,; ")
    if not shown:
        raise Unusable("is empty")
    try:
        shown = fields.email(shown)
    except fields.Invalid as exc:
        raise Unusable(str(exc)) from None
    if why := private_host(shown.rpartition("@")[2]):
        raise Unusable(f"{shown!r} is not a public address: {why}")
    return shown, notes


LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*(\d+)\s*$", re.IGNORECASE)


def phone(value):
    """(a UK phone number as written, notes of what was repaired), or ``Unusable``: letters
    instead of digits, a premium-rate number, or anything ``fields.uk_phone`` refuses."""
    notes = []
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    shown = _trim(value, notes)
    if shown.endswith((".", ",", ";")):
        notes.append(f"{shown!r} ended in {shown[-1]!r}; removed")
        shown = shown.rstrip(".,; ")
    if not shown:
        raise Unusable("is empty")
    digits = EXTENSION.sub("", shown)
    if LETTERS.search(digits):
        raise Unusable(f"{shown[:60]!r} is words, not a phone number")
    try:
        number = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        raise Unusable(f"{shown[:60]!r} is not a phone number") from None
    kind = phonenumbers.number_type(number)
    if kind == phonenumbers.PhoneNumberType.PREMIUM_RATE or re.sub(r"\D", "", digits).startswith(
        ("09", "449")
    ):
        raise Unusable(f"{shown[:60]!r} is a premium-rate number")
    try:
        fields.uk_phone(shown)
    except fields.Invalid as exc:
        raise Unusable(str(exc)) from None
    return shown, notes
