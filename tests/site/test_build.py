"""The whole site, built as ``make html`` builds it: warnings, sources, quotations, markup."""

import json
import re
from html import unescape

import pytest
from helpers import checklists_in, inline_code, site_pages

pytestmark = pytest.mark.site

PAGES = site_pages()
CONTENT_PAGES = [p for p in PAGES if p not in ("search.html", "genindex.html")]

# The three conversation prompts, as the guidance (DfE and DHSC, 21 March 2024) words them.
PROMPTS = [
    "What 3 words or phrases would you use to describe your relationship with your baby?",
    "What brings you the most joy in the relationship with your baby?",
    "What is your biggest fear about your relationship with your baby?",
]

PROFESSIONS = [
    "health-visitors",
    "midwives",
    "nursing-associates",
    "family-support-workers",
    "social-workers",
    "early-years-practitioners",
    "team-leaders",
    "service-managers",
]


def read(site, page):
    return (site / page).read_text(encoding="utf-8")


def test_site_builds_with_no_warnings(site_build):
    result, _ = site_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr


def test_every_source_file_became_a_page(site):
    missing = [page for page in PAGES if not (site / page).exists()]
    assert missing == []


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_page_ends_by_naming_its_source(site, page):
    html = read(site, page)
    body = html[html.index('<div class="body">') : html.index("</main>")]
    assert 'class="page-source' in body, f"{page} does not name its source"
    box = body[body.index('class="page-source') :]
    assert re.search(r"Department for Education|Cardiff Parenting|Written for this guide", box)
    assert "<section" not in box and "<h2" not in box, "content follows the source box"


@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_inline_script_or_style(site, page):
    assert inline_code(read(site, page)) == []


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_nothing_from_another_host(site, page):
    html = read(site, page)
    loads = re.findall(r'<(?:script|img|iframe|source|video|audio)[^>]*\ssrc="([^"]+)"', html)
    loads += re.findall(r'<link[^>]*\shref="([^"]+)"', html)
    assert [url for url in loads if re.match(r"(?i)(https?:)?//", url)] == []


def wording(html):
    """The text of every quoted wording block on a page, without its attribution."""
    blocks = re.findall(r'<blockquote class="wording[^"]*">(.*?)</blockquote>', html, re.S)
    texts = []
    for block in blocks:
        block = re.sub(r'<p class="attribution">.*?</p>', "", block, flags=re.S)
        texts.append(" ".join(unescape(re.sub(r"<[^>]+>", " ", block)).split()))
    return texts


@pytest.mark.parametrize(
    "page", ["framework/step-1.html", "quick-reference/prompts-at-a-glance.html"]
)
def test_the_three_prompts_are_quoted_exactly(site, page):
    quoted = wording(read(site, page))
    for prompt in PROMPTS:
        assert prompt in quoted, f"{prompt!r} is not quoted on its own on {page}"


def test_quotations_are_attributed(site):
    # A quick-reference card names its source once instead (tests/site/test_fidelity.py).
    for page in [p for p in CONTENT_PAGES if not re.match(r"quick-reference/(?!index)", p)]:
        html = read(site, page)
        blocks = re.findall(r'<blockquote class="wording[^"]*">(.*?)</blockquote>', html, re.S)
        for block in blocks:
            assert '<p class="attribution">' in block, page


@pytest.mark.parametrize("slug", PROFESSIONS)
def test_each_profession_has_its_page_in_the_professions_section(site, slug):
    html = read(site, f"professions/{slug}.html")
    assert re.search(r"<h1>[^<]+", html)
    index = read(site, "professions/index.html")
    assert f'href="{slug}.html"' in index


# The framework as checklists (issue: executable checklists), each on the page it serves.
FRAMEWORK_CHECKLISTS = {
    "setting-the-scene": "framework/setting-the-scene",
    "step-1-questions": "framework/step-1",
    "observation": "framework/observation",
    "step-2": "framework/step-2",
    "step-3": "framework/step-3",
    "barriers-during-pregnancy": "framework/what-can-get-in-the-way",
    "barriers-after-birth": "framework/what-can-get-in-the-way",
    "six-ideas": "framework/ideas-for-practitioners",
    "implementation": "framework/implementation",
}


def test_checklists_json_matches_every_checklist_on_the_site(site):
    exported = {c["id"]: c for c in json.loads(read(site, "checklists.json"))["checklists"]}
    on_pages = {}
    for page in PAGES:
        for checklist in checklists_in(read(site, page)):
            assert checklist["id"] not in on_pages, f"{checklist['id']} appears twice"
            on_pages[checklist["id"]] = (page, checklist)
    assert set(exported) == set(on_pages)
    for checklist_id, (page, checklist) in on_pages.items():
        record = exported[checklist_id]
        assert record["url"] == f"{page}#checklist-{checklist_id}"
        assert record["title"] == checklist["title"]
        assert [item["text"] for item in record["items"]] == [
            item["text"] for item in checklist["items"]
        ]


@pytest.mark.parametrize(("checklist_id", "docname"), FRAMEWORK_CHECKLISTS.items())
def test_framework_checklist_lives_on_its_page(site, checklist_id, docname):
    found = {c["id"]: c for c in checklists_in(read(site, f"{docname}.html"))}
    assert checklist_id in found
    assert len(found[checklist_id]["items"]) >= 3


def test_observation_checklist_has_the_two_minute_timer_and_the_six_concepts_beside_it(site):
    html = read(site, "framework/observation.html")
    assert 'data-seconds="120"' in html
    (observation,) = [c for c in checklists_in(html) if c["id"] == "observation"]
    labels = " ".join(item["text"] for item in observation["items"]).lower()
    page = unescape(re.sub(r"<[^>]+>", " ", html)).lower()
    for concept in [
        "sensitivity",
        "contingency",
        "vocalisation",
        "affect",
        "engagement",
        "positioning",
    ]:
        assert concept not in labels, f"{concept} is a reference, not an item to tick"
        assert concept in page


def test_step_1_checklist_quotes_the_three_prompts(site):
    (step_1,) = checklists_in(read(site, "framework/step-1.html"))
    labels = " ".join(item["text"] for item in step_1["items"])
    for prompt in PROMPTS:
        assert f"“{prompt}”" in labels


def test_the_checklists_page_lists_them_all(site):
    html = read(site, "framework/checklists.html")
    for checklist_id, docname in FRAMEWORK_CHECKLISTS.items():
        page = docname.split("/")[-1]
        assert f'href="{page}.html#checklist-{checklist_id}"' in html
