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

# Pages whose stray words come from a file another piece of work owns (the signposting work
# owns docs/about/sources.md). They are checked on their own below, as an expected failure,
# until that file uses the same terms; then move the page back into the main check.
OTHER_WORK = {
    "about/sources.html": "docs/about/sources.md: 'parent–infant' (en dash)",
}


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


@pytest.fixture(scope="module")
def builds(site, example_builds):
    folders = {"local/default": site}
    for profile in EXAMPLES:
        result, out = example_builds[profile]
        assert result.returncode == 0, result.stderr
        folders[profile] = out
    return folders


@pytest.mark.parametrize("profile", ["local/default", *EXAMPLES])
def test_visible_text_uses_one_spelling_for_each_term(builds, profile):
    found = [f for f in stray_terms(builds[profile]) if f.split(":", 1)[0] not in OTHER_WORK]
    assert found == []


# Expected to fail until the signposting work changes its own files (listed in OTHER_WORK):
# this guide's other work must not edit them. Remove the mark when this passes.
@pytest.mark.xfail(reason="; ".join(OTHER_WORK.values()), strict=False)
@pytest.mark.parametrize("profile", ["local/default", *EXAMPLES])
def test_the_signposting_pages_use_the_same_terms(builds, profile):
    assert stray_terms(builds[profile], pages=set(OTHER_WORK)) == []


def test_the_site_title_has_a_hyphen(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Parent-infant relationships: a practice guide" in html
    assert "Parent–infant" not in html


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
