"""Which of a council's services a guide for pregnancy to age two takes, and for which stages.

A council's directory lists walking groups, lunch clubs and churches beside baby groups, and
many real feeds give no ages at all. ``[import.select]`` (or, without it, the README's default
words) decides. A service is taken when any rule matches:

- its ages reach into pregnancy-to-two (a minimum of ``REACH`` years or less), unless they span
  everyone (a range of more than ``SPAN`` years, or no upper age: "16+", "0-99"), which counts
  as no age information;
- one of its taxonomy terms is in ``[import.topics]`` or ``[import.tiers]``;
- one of ``words`` is a whole word, in any case, in its name or description (``*`` ends a
  prefix: ``pregnan*`` matches "pregnancy" and "pregnant").

``exclude_words`` and ``exclude`` (feed ids, compared as text) win over every rule. Stages come
from the ages, else from the stage words below, else ``default_stages``; ages cannot say
pregnancy, so a pregnancy word adds it to ages that reach. Pure: the decision and its reason.
"""

import re
from dataclasses import dataclass, field

DEFAULT_WORDS = (
    "baby", "babies", "antenatal", "postnatal", "perinatal", "pregnan*", "breastfeed*",
    "infant*", "newborn*",
)  # fmt: skip
DEFAULT_EXCLUDE_WORDS = ("adults only",)
DEFAULT_STAGES = ("first-year",)
REACH = 2  # years: a minimum age at most this reaches into pregnancy-to-two
SPAN = 18  # years: a wider range is "everyone", no age information
# The words that say a stage, whether or not they are among the words that select.
STAGE_WORDS = {
    "pregnan*": "pregnancy",
    "antenatal": "pregnancy",
    "baby": "first-year",
    "babies": "first-year",
    "infant*": "first-year",
    "newborn*": "first-year",
    "postnatal": "first-year",
    "toddler*": "second-year",
}
STAGE_ORDER = ("pregnancy", "first-year", "second-year")


def matcher(words):
    """A pattern matching any of ``words`` as a whole word (or phrase), in any case; a word
    ending in ``*`` matches as a prefix."""
    parts = []
    for word in words:
        prefix = word.endswith("*")
        body = r"\s+".join(re.escape(part) for part in word.rstrip("*").split())
        parts.append(body + (r"\w*" if prefix else ""))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _which(words, found):
    """The word of ``words`` a matched text stands for (``pregnan*`` for "Pregnancy")."""
    for word in words:
        pattern = matcher([word])
        if pattern.fullmatch(found):
            return word
    return found


@dataclass(frozen=True)
class Selection:
    """``[import.select]`` as checked, with the README's defaults for what it leaves out."""

    words: tuple = DEFAULT_WORDS
    exclude_words: tuple = DEFAULT_EXCLUDE_WORDS
    exclude: frozenset = frozenset()  # feed ids, as text
    default_stages: tuple = DEFAULT_STAGES
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_table(cls, table):
        """From the checked table (a dict; None when ``profile.toml`` has none)."""
        table = table or {}
        return cls(
            words=tuple(table.get("words", DEFAULT_WORDS)),
            exclude_words=tuple(table.get("exclude_words", DEFAULT_EXCLUDE_WORDS)),
            exclude=frozenset(str(i).strip() for i in table.get("exclude", ())),
            default_stages=tuple(table.get("default_stages", DEFAULT_STAGES)),
        )

    def pattern(self, name):
        if name not in self._patterns:
            words = STAGE_WORDS if name == "stages" else getattr(self, name)
            self._patterns[name] = matcher(words)
        return self._patterns[name]


@dataclass(frozen=True)
class Decision:
    """Taken or left, why (a sentence for the report), and the stages when taken."""

    taken: bool
    reason: str
    stages: tuple = ()


def _years(value):
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 200 else None


def age_range(low, high):
    """(low, high) in years when they tell who the service is for; None when they say nothing
    (no ages, no upper age, a range wider than ``SPAN``, or not numbers)."""
    low, high = _years(low), _years(high)
    if high is None:
        return None  # "16+", "from 0": open-ended is everyone
    low = 0.0 if low is None else low
    if high < low or high - low > SPAN:
        return None
    return low, high


def stages_for_ages(low, high):
    """First and second year from an age range in years that reaches ``REACH`` (pregnancy
    cannot be told): from 2 is the end of the second year."""
    found = []
    if low < 1:
        found.append("first-year")
    if low <= REACH and high >= 1:
        found.append("second-year")
    return found


def _shown(years):
    return f"{years:g}"


def said_ages(low, high):
    """What the ages say, for a reason: none, a range, or a range too wide to tell."""
    ages = age_range(low, high)
    if ages is not None:
        return f"ages {_shown(ages[0])} to {_shown(ages[1])}"
    low, high = _years(low), _years(high)
    if low is None and high is None:
        return "no ages"
    if high is None:
        return f"ages {_shown(low)} and over, which says nothing (everyone)"
    return f"ages {_shown(low or 0)} to {_shown(high)}, too wide to say anything"


def decide(selection, *, feed_id, text, low=None, high=None, terms=()):
    """Whether to take one feed service: ``text`` is its name and description as plain text,
    ``low`` and ``high`` its ages in years as the feed gives them, ``terms`` the names of its
    taxonomy terms that ``[import.topics]`` or ``[import.tiers]`` maps."""
    if str(feed_id).strip() in selection.exclude:
        return Decision(False, "excluded: its feed id is in [import.select] exclude")
    if (pattern := selection.pattern("exclude_words")) and (found := pattern.search(text)):
        word = _which(selection.exclude_words, found.group(0))
        return Decision(False, f"excluded: it says {word!r} ([import.select] exclude_words)")

    why = []
    ages = age_range(low, high)
    reaches = ages is not None and ages[0] <= REACH
    if reaches:
        why.append(f"ages {_shown(ages[0])} to {_shown(ages[1])}")
    if terms:
        why.append(f"taxonomy term {sorted(terms)[0]!r}")
    if (pattern := selection.pattern("words")) and (found := pattern.search(text)):
        why.append(f"the word {found.group(0)!r}")
    if not why:
        return Decision(
            False,
            f"no rule matched: {said_ages(low, high)}, no mapped taxonomy term, none of the words",
        )

    said = {STAGE_WORDS[_which(STAGE_WORDS, m.group(0))] for m in selection.pattern("stages").finditer(text)}  # fmt: skip
    if reaches:
        stages = set(stages_for_ages(*ages)) | ({"pregnancy"} & said)
        source = "ages"
    elif said:
        stages, source = said, "words"
    else:
        stages, source = set(selection.default_stages), "default_stages"
    stages = tuple(s for s in STAGE_ORDER if s in stages)
    return Decision(True, f"{'; '.join(why)}; stages from {source}", stages)
