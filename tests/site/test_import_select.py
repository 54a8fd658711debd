"""Which feed services the import takes (``guide/select.py``): ages that reach into pregnancy
to two, a mapped taxonomy term, or one of the words; exclusions win; stages from the ages,
else the words, else ``default_stages``."""

import pytest

from guide.select import Selection, decide, matcher

pytestmark = pytest.mark.unit

DEFAULT = Selection()


def take(text="", **kwargs):
    return decide(DEFAULT, feed_id=kwargs.pop("feed_id", "1"), text=text, **kwargs)


@pytest.mark.parametrize(
    ("low", "high", "stages"),
    [
        (0, 1, ("first-year", "second-year")),
        (0, 0.5, ("first-year",)),
        (None, 5, ("first-year", "second-year")),
        (1, 3, ("second-year",)),
        (2, 4, ("second-year",)),
        ("0", "5", ("first-year", "second-year")),
    ],
)
def test_ages_that_reach_into_pregnancy_to_two_take_it(low, high, stages):
    decision = take("Group", low=low, high=high)
    assert decision.taken and decision.reason.startswith("ages ")
    assert decision.stages == stages


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [
        (18, None, "ages 18 and over, which says nothing (everyone)"),
        (0, 99, "ages 0 to 99, too wide to say anything"),
        (16, None, "ages 16 and over, which says nothing (everyone)"),
        (0, None, "ages 0 and over, which says nothing (everyone)"),
        (3, 11, "ages 3 to 11"),
        (None, None, "no ages"),
        ("five", "ten", "no ages"),
        (True, False, "no ages"),
    ],
)
def test_ages_that_span_everyone_or_start_later_take_nothing(low, high, said):
    decision = take("Walking group", low=low, high=high)
    assert not decision.taken
    assert decision.reason == (
        f"no rule matched: {said}, no mapped taxonomy term, none of the words"
    )


@pytest.mark.parametrize(
    ("text", "word", "stages"),
    [
        ("Bumps and babies", "babies", ("first-year",)),
        ("For PREGNANT women", "PREGNANT", ("pregnancy",)),
        ("Antenatal classes and baby massage", "Antenatal", ("pregnancy", "first-year")),
        ("Breastfeeding support", "Breastfeeding", ("first-year",)),  # default_stages
        ("Newborns and toddlers", "Newborns", ("first-year", "second-year")),
        ("Perinatal mental health", "Perinatal", ("first-year",)),
    ],
)
def test_words_take_it_as_whole_words_in_any_case(text, word, stages):
    decision = take(text)
    assert decision.taken and f"the word {word!r}" in decision.reason
    assert decision.stages == stages


@pytest.mark.parametrize("text", ["Babysitting course", "Grandbaby club", "Toddler group", ""])
def test_part_of_a_word_is_not_the_word(text):
    assert not take(text).taken


def test_a_mapped_taxonomy_term_takes_it_with_the_default_stages():
    decision = decide(Selection(default_stages=("second-year",)), feed_id="1",
                      text="Stay and play", terms={"Early years"})  # fmt: skip
    assert decision.taken and decision.reason == (
        "taxonomy term 'Early years'; stages from default_stages"
    )
    assert decision.stages == ("second-year",)


def test_a_pregnancy_word_adds_pregnancy_to_ages_which_cannot_say_it():
    assert take("Bumps, babies and pregnancy yoga", low=0, high=1).stages == (
        "pregnancy", "first-year", "second-year"
    )  # fmt: skip


def test_exclusions_win_over_every_rule():
    selection = Selection(exclude=frozenset({"2"}), exclude_words=("adults only", "closed*"))
    assert decide(selection, feed_id=2, text="baby", low=0, high=1).reason == (
        "excluded: its feed id is in [import.select] exclude"
    ), "ids compared as text: 2 is '2'"
    assert decide(
        selection, feed_id="3", text="Baby group: ADULTS  ONLY", low=0, high=1
    ).reason == ("excluded: it says 'adults only' ([import.select] exclude_words)")
    assert decide(selection, feed_id="3", text="Baby group closed for now").reason == (
        "excluded: it says 'closed*' ([import.select] exclude_words)"
    )


def test_a_table_replaces_only_what_it_gives():
    selection = Selection.from_table({"words": ["dads"], "exclude": [7]})
    assert selection.words == ("dads",) and selection.exclude == frozenset({"7"})
    assert selection.exclude_words == ("adults only",) and selection.default_stages == (
        "first-year",
    )
    assert decide(selection, feed_id="1", text="Dads group").taken
    assert not decide(selection, feed_id="1", text="Baby group").taken


def test_the_matcher_escapes_what_it_is_given():
    pattern = matcher(["c++ club", "a.b"])
    assert not pattern.search("axb") and pattern.search("the a.b group")
