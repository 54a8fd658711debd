"""The checklist's own message catalogue, so its words can be translated (sphinx.locale).

The catalogue lives with the others in the repository's ``locales/`` (``languages``)."""

from sphinx.locale import get_translation

CATALOG = "checklist"
_ = get_translation(CATALOG)
