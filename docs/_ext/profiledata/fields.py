"""Checks for single values: text, lists, dates, UK phone numbers, email addresses, links.

Each check returns the clean value or raises ``Invalid`` with a sentence for the administrator.
Pure Python: the declaration in ``schema.py`` says which check each field uses.
"""

import datetime as dt
import gettext
import re
import unicodedata
from difflib import get_close_matches
from urllib.parse import urlsplit

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email

from .vocabulary import SLUG

UK_REGIONS = {"GB", "GG", "JE", "IM"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The only links the guide ever writes; compared in lower case, here and nowhere else.
LINK_SCHEMES = ("http", "https", "mailto", "tel")
WEB_SCHEMES = ("http", "https")
# Before the @ of a plain address: no ?, &, %, quotes or spaces that could turn a mailto: link
# into a message with a subject, a body or extra recipients.
PLAIN_LOCAL_PART = re.compile(r"^[A-Za-z0-9._'+-]+$")
URL_LIMIT = 2000


class Invalid(ValueError):
    """One value is wrong; the message says how to put it right."""


# What a reader cannot see but text layout obeys, removed from every text a profile or a feed
# gives: bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, which
# can make text read backwards), zero-width spaces and joiners, the word joiner and the
# byte-order mark; lone surrogates are not characters at all (no file can be written with one).
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff\ud800-\udfff]")


def visible(value):
    """``value`` without the characters above."""
    return INVISIBLE.sub("", value)


def text(value, *, limit=None):
    """Trimmed text on one line, with no control characters and nothing invisible, at most
    ``limit`` characters."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid("must be text")
    if not isinstance(value, str):
        raise Invalid("must be text: put it in quotes")
    value = " ".join(visible(value).split())
    if not value:
        raise Invalid("is empty")
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise Invalid("contains a control character; type the text again without it")
    if limit is not None and len(value) > limit:
        raise Invalid(f"is {len(value)} characters long; it may be at most {limit}")
    return value


def paragraphs(value, *, limit=None):
    """Text of several paragraphs: each line trimmed, a blank line between paragraphs (no
    more), no control characters but the line ends and nothing invisible, at most ``limit``
    characters. A list item is a line starting ``- ``."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise Invalid("must be text")
    lines = visible(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept, blank = [], False
    for line in lines:
        line = " ".join(line.split())
        if not line:
            blank = bool(kept)
            continue
        if blank:
            kept.append("")
        kept.append(line)
        blank = False
    value = "\n".join(kept)
    if not value:
        raise Invalid("is empty")
    if any(unicodedata.category(char) == "Cc" and char != "\n" for char in value):
        raise Invalid("contains a control character; type the text again without it")
    if limit is not None and len(value) > limit:
        raise Invalid(f"is {len(value)} characters long; it may be at most {limit}")
    return value


def slug(value):
    value = text(value, limit=100)
    if not SLUG.match(value):
        raise Invalid(f"{value!r} is not a slug: use lower-case letters, digits and single hyphens")
    return value


def choices(value, allowed, *, required):
    """A list (or a ``;``-separated string, as in CSV) of words from ``allowed``, no repeats."""
    if isinstance(value, str):
        items = [part.strip() for part in value.split(";")]
    elif isinstance(value, list):
        items = value
    else:
        raise Invalid(f"must be a list of: {', '.join(allowed)}")
    words = []
    for item in items:
        if not isinstance(item, str):
            raise Invalid(f"must be a list of: {', '.join(allowed)}")
        item = item.strip()
        if not item:
            continue
        if item not in allowed:
            raise Invalid(f"{item!r} is not one of: {', '.join(allowed)}{suggest(item, allowed)}")
        if item not in words:
            words.append(item)
    if required and not words:
        raise Invalid(f"needs at least one of: {', '.join(allowed)}")
    return words


def one_of(value, allowed):
    value = text(value, limit=100)
    if value not in allowed:
        raise Invalid(f"{value!r} is not one of: {', '.join(allowed)}{suggest(value, allowed)}")
    return value


def either(words):
    """``a, b or c``: a list of alternatives as a reader would say it."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def suggest(word, allowed):
    close = get_close_matches(str(word)[:100], list(allowed), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _LanguageCodes:
    """ISO 639-1 codes from pycountry, without listing all 184 in every message."""

    def __contains__(self, code):
        return (
            isinstance(code, str)
            and len(code) == 2
            and code == code.lower()  # pycountry would take "EN", and the data keep it
            and pycountry.languages.get(alpha_2=code) is not None
        )

    def all(self):
        """Every code, for the JSON Schemas."""
        return [lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")]

    def __iter__(self):
        return iter(["ISO 639-1 codes such as en, cy, pl, ur"])


LANGUAGE_CODES = _LanguageCodes()


def languages(value):
    return choices(value, LANGUAGE_CODES, required=True)


def language_name(code, in_language="en"):
    """A language's name, in English or (through pycountry's catalogues) another language."""
    language = pycountry.languages.get(alpha_2=code)
    if not language:
        return code
    base = (in_language or "en").replace("-", "_").split("_")[0]
    if base == "en":
        return language.name
    translation = gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[base], fallback=True
    )
    return translation.gettext(language.name)


def review_date(value, today):
    if isinstance(value, dt.datetime):
        raise Invalid("must be a date written YYYY-MM-DD, without a time")
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise Invalid(f"{value!r} is not a real date") from None
    else:
        raise Invalid(f"{str(value)[:40]!r} is not a date written YYYY-MM-DD")
    if day > today:
        raise Invalid(f"{day.isoformat()} is in the future")
    return day


class Phone(str):
    """A phone number as the profile wrote it, with the ``tel:`` address it links to."""

    uri: str

    def __new__(cls, shown, uri):
        phone = super().__new__(cls, shown)
        phone.uri = uri
        return phone

    def __reduce__(self):
        return Phone, (str(self), self.uri)


def uk_phone(value):
    """Shown as written; linked as E.164, keeping any extension (``tel:+44113...;ext=2``)."""
    shown = text(value, limit=60)
    try:
        number = phonenumbers.parse(shown, "GB")
    except phonenumbers.NumberParseException:
        raise Invalid(f"{shown!r} is not a phone number") from None
    # phonenumbers.is_valid_number, with the region found once, not twice.
    region = phonenumbers.region_code_for_number(number)
    if region is None or not phonenumbers.is_valid_number_for_region(number, region):
        raise Invalid(f"{shown!r} is not a valid UK phone number")
    if region not in UK_REGIONS:
        raise Invalid(f"{shown!r} is not a UK phone number")
    uri = "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:
        if not number.extension.isdigit():
            raise Invalid(f"{shown!r} has an extension that is not a number")
        uri += f";ext={number.extension}"
    return Phone(shown, uri)


def email(value):
    """A plain address (``name@example.org``), checked without any network look-up."""
    shown = text(value, limit=254)
    local, at, _ = shown.rpartition("@")
    if at and not PLAIN_LOCAL_PART.match(local):
        raise Invalid(
            f"{shown!r} is not a plain email address: before the @ use only letters, digits "
            "and . _ ' + -"
        )
    try:
        validate_email(shown, check_deliverability=False, allow_quoted_local=False)
    except EmailNotValidError as exc:
        raise Invalid(f"{shown!r} is not an email address: {exc}") from None
    return shown


def scheme(uri):
    """A link's scheme in lower case (``HTTPS://x`` is https), or "" when it has none."""
    head, colon, _ = str(uri).partition(":")
    return head.strip().lower() if colon else ""


def web_address(value):
    """An ``http(s)://`` address with a host and nothing hidden in it; the scheme lower-cased."""
    shown = text(value, limit=URL_LIMIT)
    if scheme(shown) not in WEB_SCHEMES:
        raise Invalid(f"{shown!r} must start with https:// (or http://)")
    try:
        parts = urlsplit(shown)
        host = parts.hostname
    except ValueError:
        host = None
    if not host or " " in shown:
        raise Invalid(f"{shown!r} is not a complete web address")
    if parts.username is not None or parts.password is not None:
        raise Invalid(f"{shown!r} must not contain a user name or password")
    return scheme(shown) + shown[shown.index(":") :]


def colour_contrast_with_white(value):
    """WCAG 2 contrast ratio of a ``#rrggbb`` colour against white."""

    def channel(hex_pair):
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def brand_colour(value):
    shown = text(value, limit=20)
    if not HEX_COLOUR.match(shown):
        raise Invalid(f"{shown!r} is not a colour written #rrggbb")
    ratio = colour_contrast_with_white(shown)
    if ratio < 4.5:
        raise Invalid(
            f"{shown} has a contrast of {ratio:.1f}:1 against white; it needs at least 4.5:1"
        )
    return shown.lower()


def boolean(value):
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def whole_number(value, low, high, unit):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Invalid(f"must be a whole number of {unit}, from {low} to {high}")
    return value


def months(value):
    return whole_number(value, 1, 120, "months")
