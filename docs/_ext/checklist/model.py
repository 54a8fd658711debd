"""Checklists as data: ids, timers, item ids and digests, and the JSON export.

Pure Python with no Sphinx import, so the rules can be tested on their own.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

from profiledata.vocabulary import SLUG  # one definition, shared with services' ids

_TIMER = re.compile(r"^(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?$")
MAX_TIMER_SECONDS = 60 * 60


class ChecklistError(ValueError):
    """A checklist as written breaks one of the rules; the message says which."""


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    hint: str = ""


@dataclass
class Checklist:
    id: str
    title: str
    docname: str
    lineno: int
    items: list[Item] = field(default_factory=list)
    timer: int = 0
    url: str = ""

    @property
    def digest(self) -> str:
        return items_digest(self.items)


def check_id(value: str | None) -> str:
    """The ``:id:`` must be present and a lower-case slug such as ``setting-the-scene``."""
    if value is None or not value.strip():
        raise ChecklistError("needs an :id: option, a slug such as 'setting-the-scene'")
    value = value.strip()
    if not SLUG.match(value):
        raise ChecklistError(
            f"id {value!r} is not a slug: use lower-case letters, digits and single hyphens"
        )
    return value


def parse_timer(value: str | None) -> int:
    """``2m``, ``90s`` or ``1m30s`` as seconds; anything else is refused."""
    if value is None:
        return 0
    text = value.strip().lower().replace(" ", "")
    match = _TIMER.match(text)
    if not text or not match or not (match["m"] or match["s"]):
        raise ChecklistError(f"timer {value!r} is not a duration such as '2m', '90s' or '1m30s'")
    seconds = int(match["m"] or 0) * 60 + int(match["s"] or 0)
    if not 0 < seconds <= MAX_TIMER_SECONDS:
        raise ChecklistError(f"timer {value!r} must be between 1 second and 60 minutes")
    return seconds


def item_ids(texts: list[str]) -> list[str]:
    """Readable, stable ids from each item's first words; repeats get -2, -3."""
    ids, seen = [], {}
    for text in texts:
        words = re.findall(r"[a-z0-9]+", text.lower())[:6]
        base = "-".join(words) or "item"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def items_digest(items: list[Item]) -> str:
    """Changes whenever any item's id, text or hint changes, so old ticks never carry over."""
    data = json.dumps([[i.id, i.text, i.hint] for i in items], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def export(checklists: list[Checklist]) -> str:
    """``checklists.json``: sorted by id, stable, with no timestamps."""
    records = []
    for checklist in sorted(checklists, key=lambda c: c.id):
        records.append(
            {
                "id": checklist.id,
                "title": checklist.title,
                "page": checklist.docname,
                "url": checklist.url,
                "timer_seconds": checklist.timer or None,
                "digest": checklist.digest,
                "items": [asdict(item) for item in checklist.items],
            }
        )
    return json.dumps({"checklists": records}, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
