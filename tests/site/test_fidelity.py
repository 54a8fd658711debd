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


# Faithful to the last line: what the guide adds is marked where it stands ----------------------

CPCS = "https://www.national.slam.nhs.uk/services/camhs/camhs-cpcs/antenatalpostnatal-promotional-guide-system/"
START_FOR_LIFE = "https://www.nhs.uk/start-for-life/"
WATCH_ME_PLAY = "https://watchmeplay.info/"
ELFH = "https://www.e-lfh.org.uk/programmes/perinatal-mental-health/"
ADDED_ADDRESSES = {
    "framework/implementation.html": [ELFH],
    "framework/step-3.html": [CPCS, START_FOR_LIFE, WATCH_ME_PLAY],
    "quick-reference/where-to-turn-locally.html": [CPCS, START_FOR_LIFE, WATCH_ME_PLAY],
}


def blocks_linking(html, address):
    """The text of each paragraph or list item on the page (outside directory entries, which
    say what the guide added in their own line) that links to the address."""
    body = re.sub(r"<article.*?</article>", "", html[html.index('role="main"') :], flags=re.S)
    found = []
    for match in re.finditer(r'<a [^>]*href="' + re.escape(address) + '"', body):
        start = max(body.rfind("<p", 0, match.start()), body.rfind("<li", 0, match.start()))
        end = min(
            i for i in (body.find("</p>", match.end()), body.find("</li>", match.end())) if i > 0
        )
        found.append(text_of(body[start:end]))
    return found


@pytest.mark.parametrize("page", ADDED_ADDRESSES)
def test_web_addresses_the_guidance_does_not_give_say_added_by_this_guide(site, page):
    html = read(site, page)
    for address in ADDED_ADDRESSES[page]:
        blocks = blocks_linking(html, address)
        assert blocks, f"{page} no longer links to {address}"
        for block in blocks:
            assert "added by this guide" in block, (address, block)


def test_start_for_life_has_the_name_the_guidance_gives(profile_sites):
    for out in profile_sites.values():
        for path in sorted(out.rglob("*.html")):
            text = visible_text(path.read_text(encoding="utf-8"), skip=("blockquote",))
            assert "NHS Start for Life" not in text, path
    text = visible_text(read(profile_sites["local/default"], "framework/step-3.html"))
    assert "Better Health: Start for Life website" in text


def test_safeguarding_text_adds_nothing_to_the_guidance(profile_sites):
    """ "Follow your local procedures", as the guidance says; "ask your line manager" is not in it."""
    for profile, out in profile_sites.items():
        for path in sorted(out.rglob("*.html")):
            html = path.read_text(encoding="utf-8")
            for box in re.findall(r'<div class="area-contact safeguarding.*?</div>', html, re.S):
                assert "line manager" not in box, (profile, path)


def test_the_barriers_are_things_to_be_aware_of(site):
    text = visible_text(read(site, "framework/what-can-get-in-the-way.html"))
    assert "to be aware of and to talk about" not in text
    assert text.count("These are things to be aware of.") == 2


def service(out, service_id):
    services = json.loads((out / "directory.json").read_text(encoding="utf-8"))["services"]
    (found,) = [s for s in services if s["id"] == service_id]
    return found


def test_directory_details_the_sources_do_not_give_are_marked_or_gone(profile_sites):
    default, cardiff = profile_sites["local/default"], profile_sites["local/examples/cardiff"]
    play = service(default, "watch-me-play")
    assert "pregnancy" not in play["stages"] and play["access"] == []
    assert "organisation" in service(default, "nhs-start-for-life")["added"]
    stay_and_play = service(cardiff, "cardiff-parenting-baby-stay-and-play")
    assert "pregnancy" not in stay_and_play["stages"]
    directory = read(cardiff, "directory/index.html")
    for service_id in [
        "cardiff-parenting-baby-stay-and-play",
        "cardiff-parenting-targeted-groups",
        "cardiff-parenting-home-based-interventions",
    ]:
        entry = service(cardiff, service_id)
        assert "website" in entry["added"], "the corrected address is the guide's"
        assert entry["organisation"] == "Cardiff Parenting", "the leaflet names no council"
        shown = directory[directory.index(f'data-service="{service_id}"') :]
        shown = shown[: shown.index("</article>")]
        assert "This guide added the web address" in text_of(shown)


def test_no_page_names_a_council_the_leaflet_does_not_name(profile_sites):
    for path in sorted(profile_sites["local/examples/cardiff"].rglob("*.html")):
        assert "Cardiff Council" not in visible_text(path.read_text(encoding="utf-8")), path


def test_step_2_checklist_keeps_evidence_based(site):
    (step_2,) = [
        c for c in checklists_in(read(site, "framework/step-2.html")) if c["id"] == "step-2"
    ]
    assert any("evidence-based" in item["text"] for item in step_2["items"])


def test_supporting_card_keeps_involving_another_team_and_the_barriers_caveat(site):
    text = visible_text(read(site, "quick-reference/supporting-the-relationship.html"))
    assert "or need to involve the family with another team or service" in text
    barriers = text[text.index("What can get in the way") :]
    assert "not a score" in barriers[:200] and "label a family" in barriers[:200]


def test_configuring_asks_for_a_review_date_only_when_checked(site):
    html = read(site, "about/configuring.html")
    text = visible_text(html, skip=("pre",))
    required = text[text.index("Required:") : text.index("Optional:")]
    assert "last_reviewed" not in required and "access" not in required
    assert "only when someone has checked the entry" in text
    example = re.search(r"<pre>.*?baby-stay-and-play.*?</pre>", html, re.S).group(0)
    assert "last_reviewed" not in example


def test_sources_page_claims_only_what_is_true(site):
    text = visible_text(read(site, "about/sources.html"))
    assert "Cardiff Council" not in text
    assert "The correct address" not in text
    assert "adds one for each" not in text, (
        "the guidance names resources the guide gives no address for"
    )
    assert "“added by this guide” stand beside the address" in text
