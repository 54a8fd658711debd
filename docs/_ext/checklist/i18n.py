"""The checklist's own message catalogue, so its words can be translated (sphinx.locale)."""

from pathlib import Path

from sphinx.locale import get_translation

CATALOG = "checklist"
LOCALE_DIR = Path(__file__).parent / "locales"
_ = get_translation(CATALOG)
