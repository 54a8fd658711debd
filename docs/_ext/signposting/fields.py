"""Checks for single values: text, lists, dates, UK phone numbers, e-mail addresses, links.

Each check returns the clean value or raises ``Invalid`` with a sentence for the administrator.
"""

import datetime as dt
import re
from difflib import get_close_matches
from urllib.parse import urlsplit

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email

UK_REGIONS = {"GB", "GG", "JE", "IM"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class Invalid(ValueError):
    """One value is wrong; the message says how to put it right."""


def text(value, *, limit=None):
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid("must be text")
    if not isinstance(value, str):
        raise Invalid("must be text: put it in quotes")
    value = " ".join(value.split())
    if not value:
        raise Invalid("is empty")
    if limit is not None and len(value) > limit:
        raise Invalid(f"is {len(value)} characters long; it may be at most {limit}")
    return value


def slug(value):
    value = text(value)
    if not SLUG.match(value):
        raise Invalid(f"{value!r} is not a slug: use lower-case letters, digits and single hyphens")
    return value


def choices(value, allowed, *, required):
    """A list (or a ``;``-separated string) of words from ``allowed``, without repeats."""
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
    value = text(value)
    if value not in allowed:
        raise Invalid(f"{value!r} is not one of: {', '.join(allowed)}{suggest(value, allowed)}")
    return value


def suggest(word, allowed):
    close = get_close_matches(str(word), list(allowed), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def languages(value):
    codes = choices(value, _LANGUAGE_CODES, required=True) if value is not None else ["en"]
    return codes


class _LanguageCodes:
    """ISO 639-1 codes from pycountry, without listing all 184 in every message."""

    def __contains__(self, code):
        return (
            isinstance(code, str)
            and len(code) == 2
            and pycountry.languages.get(alpha_2=code) is not None
        )

    def __iter__(self):
        return iter(["ISO 639-1 codes such as en, cy, pl, ur"])


_LANGUAGE_CODES = _LanguageCodes()


def language_name(code):
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


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
        raise Invalid(f"{value!r} is not a date written YYYY-MM-DD")
    if day > today:
        raise Invalid(f"{day.isoformat()} is in the future")
    return day


def uk_phone(value):
    """Shown as written; linked as E.164 (``tel:+443000133133``)."""
    shown = text(value)
    try:
        number = phonenumbers.parse(shown, "GB")
    except phonenumbers.NumberParseException:
        raise Invalid(f"{shown!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise Invalid(f"{shown!r} is not a valid UK phone number")
    if phonenumbers.region_code_for_number(number) not in UK_REGIONS:
        raise Invalid(f"{shown!r} is not a UK phone number")
    return shown, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(value):
    shown = text(value)
    try:
        validate_email(shown, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid(f"{shown!r} is not an e-mail address: {exc}") from None
    return shown


def web_address(value):
    shown = text(value)
    parts = urlsplit(shown)
    if parts.scheme not in ("http", "https"):
        raise Invalid(f"{shown!r} must start with https:// (or http://)")
    if not parts.hostname or " " in shown:
        raise Invalid(f"{shown!r} is not a complete web address")
    return shown


def colour_contrast_with_white(value):
    """WCAG 2 contrast ratio of a ``#rrggbb`` colour against white."""

    def channel(hex_pair):
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def brand_colour(value):
    shown = text(value)
    if not HEX_COLOUR.match(shown):
        raise Invalid(f"{shown!r} is not a colour written #rrggbb")
    ratio = colour_contrast_with_white(shown)
    if ratio < 4.5:
        raise Invalid(
            f"{shown} has a contrast of {ratio:.1f}:1 against white; it needs at least 4.5:1"
        )
    return shown.lower()
