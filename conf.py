"""Sphinx configuration for the parent-infant relationships practice guide.

Sources live in ``docs/``; this file sits at the repository root so that
``sphinx-build -c . docs _build/html`` works (ARCHITECTURE.md).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from attribution import COPYBUTTON_SELECTOR  # noqa: E402

project = "Parent-infant relationships: a practice guide"
author = "The practice guide maintainers"
copyright = "Crown copyright 2024 (guidance text, OGL v3.0); the guide's own text 2026"
language = "en-GB"
# Translations (Welsh for areas in Wales): pages' and the interface's catalogues, one file per
# page (``make translations``); the build compiles them. See ARCHITECTURE.md, "Languages".
locale_dirs = [str(Path(__file__).parent / "locales")]  # absolute: Sphinx reads it from two places
gettext_compact = False
version = release = "0.1.0"

extensions = [
    "myst_parser",
    "sphinx_design",
    "attribution",
    "checklist",
    "languages",
    "signposting",
    "localpages",
    "theme",
    "cards",
    "offline",
]

root_doc = "index"
exclude_patterns = ["_ext", "_build", "Thumbs.db", ".DS_Store"]
source_suffix = {".md": "markdown"}

# Quotations are kept character for character: no straight quotes turned curly.
smartquotes = False

myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline", "attrs_block"]
myst_heading_anchors = 3
# The only link schemes a page may use (an area's own pages are held to the same four).
myst_url_schemes = ["http", "https", "mailto", "tel"]

html_theme = "practice-guide"
html_title = "Parent-infant relationships: a practice guide"
html_short_title = "Practice guide"
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None

# The local profile: the area's name, contacts, services and settings. Choose another with
# ``make html PROFILE=local/examples/leeds`` or ``sphinx-build -D local_profile=...``; it also
# sets where checklist ticks are kept ([checklists] remember_ticks).
local_profile = "local/default"

# Copy buttons (the attribution extension's own) only on quoted words a practitioner says to
# a parent (a ``wording`` block without ``:say: no``); the attribution line is not copied.
copybutton_selector = COPYBUTTON_SELECTOR
copybutton_exclude = ".attribution"

# The quick-reference cards (every page in quick-reference/ but its index) name their source
# once, at the foot of the card, rather than under each quotation.
attribution_cards = r"quick-reference/(?!index$).+"
