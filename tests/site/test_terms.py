"""One spelling for each mixed term, in the text readers see, with every profile.

"parent-infant" with a hyphen, as the guidance writes it (never an en dash); "level" and
"levels" for step 3's three kinds of support (never "tier"); "email" (never "e-mail").
Quotations keep their source's own spelling, so text inside ``blockquote`` is left out. So is
code (``code``, ``pre``): a field name such as ``tier`` is what a maintainer types, not prose.
Attribute values (``class``, ``data-``, ``href``) are never visible text, and addresses
printed as text are dropped before the check.
"""

import re

import pytest
from helpers import EXAMPLES, visible_text

STRAY = {
    "parent–infant (en dash)": re.compile(r"parent–infant", re.I),
    "tier or tiers": re.compile(r"\btiers?\b", re.I),
    "e-mail": re.compile(r"e-mail", re.I),
}
ADDRESS = re.compile(r"\S+://\S+|\bwww\.\S+|\S+@\S+")


def stray_terms(folder, pages=None):
    found = []
    for path in sorted(folder.rglob("*.html")):
        page = path.relative_to(folder).as_posix()
        if pages is not None and page not in pages:
            continue
        text = visible_text(path.read_text(encoding="utf-8"), skip=("blockquote", "code", "pre"))
        text = ADDRESS.sub(" ", text)
        for name, pattern in STRAY.items():
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 50) : match.end() + 30]
                found.append(f"{page}: {name}: …{context}…")
    return found


@pytest.mark.site
@pytest.mark.parametrize("profile", ["local/default", *EXAMPLES])
def test_visible_text_uses_one_spelling_for_each_term(profile_sites, profile):
    assert stray_terms(profile_sites[profile]) == []


@pytest.mark.site
def test_the_site_title_has_a_hyphen(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Parent-infant relationships: a practice guide" in html
    assert "Parent–infant" not in html


@pytest.mark.unit
def test_the_check_finds_each_stray_spelling(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<main class="tier-advice" data-tier="help"><p>Three tiers; an E-mail; the'
        " parent–infant bond. <a href='https://example.org/tier'>https://example.org/tier</a>"
        "</p><blockquote><p>a parent–infant tier e-mail quotation</p></blockquote>"
        "<p><code>tier: help</code></p></main>",
        encoding="utf-8",
    )
    found = stray_terms(tmp_path)
    assert [f.split(": ")[1] for f in found] == [
        "parent–infant (en dash)",
        "tier or tiers",
        "e-mail",
    ]
