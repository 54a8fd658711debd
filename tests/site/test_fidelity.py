"""The guide says what its sources say: wording restored where it had been dropped, nothing
added, the Leeds concepts as reference rather than tick items, the prompts card's follow-ups,
copy buttons only on words said to a parent, and one attribution per card."""

import json
import re
from html import unescape

import pytest
from attribution import COPYBUTTON_SELECTOR, SAY_CLASS
from helpers import DOCS, checklists_in, visible_text

pytestmark = pytest.mark.site

CARDS = sorted(
    p.relative_to(DOCS).with_suffix(".html").as_posix()
    for p in (DOCS / "quick-reference").glob("*.md")
    if p.stem != "index"
)
PROFESSIONS = sorted(p.stem for p in (DOCS / "professions").glob("*.md") if p.stem != "index")
LEEDS_CONCEPTS = ["sensitivity", "contingency", "vocalisation", "affect", "engagement",
                  "positioning"]  # fmt: skip

# The guidance's follow-up questions and empathy wording (step 1), character for character.
FOLLOW_UPS = [
    "Can you tell me a little more about why you chose those words or sentences?",
    "What is it about that part of the relationship that makes it your favourite?",
    "How do you feel when you are feeding your baby?",
    "Is this similar or different to your relationship with your other children?",
    "How long have you been worried about this?",
]
EMPATHY = (
    "Thank you for sharing that with me. It’s understandable that you feel worried about that. "
    "Lots of people caring for a small baby have a similar fear."
)

# Quotations that are not words a practitioner says to a parent: Annex A's step 2 and its three
# levels of support describe what to do, and the raspberries are what a parent might say.
NOT_SAID = [
    "Use an assessment tool or questionnaire.",
    "Some parents and carers might benefit from signposting resources available locally or online.",
    "Some parents and carers might benefit from open access or universal support.",
    "Some parents and carers might benefit from specialist parent-infant relationship support.",
    "I love it when I blow raspberries and my baby giggles.",
]


# Pages whose Annex A level wording is in files another piece of work owns (the signposting
# changes to step 3 and the "where to turn locally" card): they need `:say: no` there.
def read(site, page):
    return (site / page).read_text(encoding="utf-8")


def text_of(fragment):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def quotations(html):
    """Each wording block as (classes, text without its attribution)."""
    found = []
    for classes, body in re.findall(
        r'<blockquote class="(wording[^"]*)">(.*?)</blockquote>', html, re.S
    ):
        body = re.sub(r'<p class="attribution">.*?</p>', "", body, flags=re.S)
        found.append((classes.split(), text_of(body)))
    return found


def card_text(html, title):
    """The text of the sphinx-design card with this title."""
    match = re.search(re.escape(title) + r'</div>\s*<p class="sd-card-text">(.*?)</p>', html, re.S)
    assert match, f"no card titled {title!r}"
    return text_of(match.group(1))


def first_paragraph(html):
    body = html[html.index("</h1>") :]
    return text_of(re.search(r"<p>(.*?)</p>", body, re.S).group(1))


# Restored wording --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["index.html", "framework/index.html"])
def test_step_summaries_keep_clinically_validated_and_providing_further_support(site, page):
    html = read(site, page)
    step_2 = card_text(html, "Step 2: identifying potential strengths and areas of need")
    step_3 = card_text(html, "Step 3: signposting, referring or providing further support")
    assert "clinically validated" in step_2
    assert "providing further support" in step_3


def test_step_2_page_says_clinically_validated(site):
    assert "clinically validated" in first_paragraph(read(site, "framework/step-2.html"))


def test_step_3_page_opens_with_providing_further_support(site):
    assert "providing further support" in first_paragraph(read(site, "framework/step-3.html"))


@pytest.mark.parametrize("slug", PROFESSIONS)
def test_profession_pages_claim_no_stages_the_guidance_does_not_give(site, slug):
    text = visible_text(read(site, f"professions/{slug}.html"))
    (sentence,) = re.findall(r"Services in [^.]*\.", text)
    assert "work in" not in sentence and "weeks after birth" not in sentence, sentence
    role = slug.replace("-", " ")
    assert role not in sentence.lower(), sentence


def test_supporting_card_keeps_the_cardiff_leaflets_ideas(site):
    text = visible_text(read(site, "quick-reference/supporting-the-relationship.html"))
    for words in [
        "lack of eye contact",
        "to rule out any physical difficulties",
        "what they think might be getting in the way",
    ]:
        assert words in text


@pytest.mark.parametrize(
    "page", ["quick-reference/observing-the-relationship.html", "framework/observation.html"]
)
def test_observing_keeps_support_to_interpret_the_babys_cues(site, page):
    assert "support to interpret their baby’s cues" in visible_text(read(site, page))


# The Leeds concepts: reference text, not tick items ------------------------------------------


def test_the_leeds_concepts_are_no_checklist_items(site):
    exported = json.loads(read(site, "checklists.json"))["checklists"]
    for checklist in exported:
        for item in checklist["items"]:
            words = set(re.findall(r"[a-z]+", item["text"].lower()))
            assert not words & set(LEEDS_CONCEPTS), (checklist["id"], item["text"])
    html = read(site, "framework/observation.html")
    (observation,) = [c for c in checklists_in(html) if c["id"] == "observation"]
    assert len(observation["items"]) == 9


def test_the_leeds_concepts_sit_beside_the_observation_checklist_with_the_training(site):
    html = read(site, "framework/observation.html")
    box = re.search(
        r'<div class="leeds-concepts admonition">(.*?)</div>\s*<div class="checklist"', html, re.S
    )
    assert box, "the concepts are not in a reference box just before the checklist"
    text = text_of(box.group(1))
    assert "practitioners in Leeds base their observations on" in text
    for concept in LEEDS_CONCEPTS:
        assert re.search(rf"<li><p>{concept}</p></li>", box.group(1)), concept
    assert "does not define them" in text
    for words in ["mandated training", "half-day introduction", "90-minute"]:
        assert words in text


# The prompts card ---------------------------------------------------------------------------


def test_the_prompts_card_has_the_follow_ups_empathy_and_the_worries_tip(site):
    html = read(site, "quick-reference/prompts-at-a-glance.html")
    quoted = [text for _, text in quotations(html)]
    for words in [*FOLLOW_UPS, EMPATHY]:
        assert words in quoted, words
    assert "worries instead of fears" in visible_text(html, skip=("blockquote",))


# Copy buttons only on words said to a parent ------------------------------------------------


def test_the_copy_button_is_bound_to_words_said_to_a_parent(site):
    """The script takes its selector from its own ``data-selector``, which is conf.py's."""
    scripts = re.findall(r"<script [^>]*copybutton\.js[^>]*>", read(site, "framework/step-1.html"))
    assert len(scripts) == 1
    assert unescape(re.search(r'data-selector="([^"]*)"', scripts[0])[1]) == COPYBUTTON_SELECTOR
    assert f"blockquote.{SAY_CLASS} > div" == COPYBUTTON_SELECTOR
    assert "copybutton.js" not in read(site, "framework/leeds-early-attachment-observation.html")


def test_words_said_to_a_parent_have_a_copy_button(site):
    for page in ["framework/step-1.html", "quick-reference/prompts-at-a-glance.html"]:
        for classes, text in quotations(read(site, page)):
            if text in FOLLOW_UPS or text == EMPATHY:
                assert SAY_CLASS in classes, (page, text)


WORDING_PAGES = sorted(
    path.relative_to(DOCS).with_suffix(".html").as_posix()
    for path in DOCS.rglob("*.md")
    if "_ext" not in path.parts and "{wording}" in path.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("page", WORDING_PAGES)
def test_no_quotation_that_is_not_said_to_a_parent_has_a_copy_button(site, page):
    wrong = [
        text
        for classes, text in quotations(read(site, page))
        if text in NOT_SAID and SAY_CLASS in classes
    ]
    assert wrong == []


# One attribution per card --------------------------------------------------------------------


@pytest.mark.parametrize("card", CARDS)
def test_each_card_names_its_source_once(site, card):
    html = read(site, card)
    assert 'class="attribution"' not in html, "a quotation on a card names its source"
    assert html.count('class="page-source') == 1, "the Source box, on screen"
    assert html.count('class="card-footer"') == 1, "the one line printed at the foot"
