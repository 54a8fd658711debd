"""The checklist's own message catalogue, so its words can be translated (sphinx.locale).

The catalogue lives with the others in the repository's ``locales/`` (``languages``)."""

from sphinx.locale import get_translation, get_translator

CATALOG = "checklist"
_ = get_translation(CATALOG)


def ngettext(singular, plural, n):
    """The form of a message for ``n`` by the language's own plural rules (Welsh has six)."""
    return get_translator(CATALOG).ngettext(singular, plural, n)
