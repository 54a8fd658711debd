"""Each extension owns its styles (ARCHITECTURE.md, "Styles"): the theme's stylesheet holds
none of an extension's rules, one rule hides text visually, and no rule names a page."""

import re

import pytest
from helpers import ROOT

pytestmark = pytest.mark.unit

EXT = ROOT / "docs" / "_ext"
THEME = EXT / "theme" / "practice-guide"
GUIDE_CSS = THEME / "static" / "guide.css"
# Every stylesheet the guide ships (cards/pdf.css is added to the cards' PDFs).
SHIPPED = sorted(EXT.glob("*/static/*.css")) + [GUIDE_CSS, EXT / "cards" / "pdf.css"]
# An extension's own stylesheet, loaded only where its markup is. card.css is left out: it is
# a card's whole print layout, so it refines the theme's and other extensions' parts on cards.
OWN = {
    "attribution": EXT / "attribution" / "static" / "copybutton.css",
    "checklist": EXT / "checklist" / "static" / "checklist.css",
    "languages": EXT / "languages" / "static" / "languages.css",
    "localpages": EXT / "localpages" / "static" / "localpages.css",
    "signposting": EXT / "signposting" / "static" / "directory.css",
}
# docutils' own classes, which the theme styles and an extension may refine in its parts.
DOCUTILS = {"rubric", "attribution"}


def rules(path):
    """(selector, body) of every rule in a stylesheet, at-rules opened."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [
        (selector.strip(), body)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)
        if not selector.strip().startswith("@")
    ]


def names(path, sigil):
    """The classes (``.``) or ids (``#``) a stylesheet's selectors name."""
    found = set()
    for selector, _ in rules(path):
        found |= set(re.findall(re.escape(sigil) + r"(-?[A-Za-z_][\w-]*)", selector))
    return found


def test_every_extension_stylesheet_is_shipped_and_the_theme_has_none_of_their_rules():
    assert set(OWN.values()) <= set(SHIPPED)
    theme = names(GUIDE_CSS, ".")
    for extension, sheet in OWN.items():
        shared = (names(sheet, ".") & theme) - DOCUTILS
        assert not shared, f"guide.css styles {extension}'s classes {sorted(shared)}"
    for moved in ("copybtn", "wording-say", "language-link", "translation-notice"):
        assert moved not in theme, moved


def test_the_copy_button_and_language_link_rules_live_with_their_extensions():
    assert {"copybtn", "wording-say"} <= names(OWN["attribution"], ".")
    assert {"language-link", "translation-notice"} <= names(OWN["languages"], ".")
    # Printed, neither shows: each extension says so under its own @media print.
    for sheet, hidden in ((OWN["attribution"], ".copybtn"), (OWN["languages"], ".language-link")):
        text = sheet.read_text(encoding="utf-8")
        printed = text[text.index("@media print") :]
        assert re.search(re.escape(hidden) + r"\s*\{\s*display:\s*none", printed), sheet.name


def test_one_rule_hides_text_visually_in_all_the_shipped_css():
    found = [
        (path.relative_to(EXT).as_posix(), selector)
        for path in SHIPPED
        for selector, _ in rules(path)
        if "visually-hidden" in selector
    ]
    assert found == [("theme/practice-guide/static/guide.css", ".visually-hidden")]


def test_no_rule_names_a_page():
    """A style for some pages is a class that an extension writes, never the page's name: no
    selector names a document (``page-framework-step-1``, ``step-1``), and the only ids named
    are the theme's templates' own."""
    docnames = [
        path.relative_to(ROOT / "docs").with_suffix("").as_posix()
        for path in (ROOT / "docs").rglob("*.md")
        if "_ext" not in path.parts
    ]
    assert len(docnames) > 30
    page_names = {f"page-{d.replace('/', '-')}" for d in docnames} | {
        d.rsplit("/", 1)[-1] for d in docnames if d.rsplit("/", 1)[-1] != "index"
    }
    templates = "".join(p.read_text(encoding="utf-8") for p in THEME.glob("*.html"))
    for path in SHIPPED:
        named = names(path, ".") & page_names
        assert not named, f"{path.name} names pages: {sorted(named)}"
        for name in names(path, "#"):
            assert f'id="{name}"' in templates, f"{path.name} names #{name}"
    assert "pagename" not in re.search(r"block body_tag.*?endblock", templates, re.S).group(0)
