"""The Welsh catalogues in the repository, as translators and the build read them."""

import re

import pytest
from babel.messages.pofile import read_po
from helpers import ROOT

from guide import translations

pytestmark = pytest.mark.unit

LOCALES = ROOT / "locales/cy/LC_MESSAGES"
CATALOGUES = sorted(LOCALES.rglob("*.po"))
# Roles whose text is a key, not words: a message of only these has nothing to translate.
ONLY_ROLES = re.compile(r"^(\**\{(level|profile)\}`[^`]*`\**\s*)+$")


def messages(path):
    with open(path, encoding="utf-8") as handle:
        return [m for m in read_po(handle, "cy") if m.id]


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 30 and LOCALES / "signposting.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.relative_to(LOCALES).as_posix())
def test_each_message_can_be_translated_and_is_translated_once(path):
    """No message is only a role (``{level}`advice```): nothing a translator could change. No
    translation runs one sentence straight into another ("...lleol.Os bydd..."), as a second
    msgstr left under the first one does."""
    for message in messages(path):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert not any(ONLY_ROLES.match(i) for i in ids), message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            joined = re.findall(r"\w[.!?][A-Z]", text)
            assert len(joined) <= len(re.findall(r"\w[.!?][A-Z]", " ".join(ids))), (
                message.id,
                text,
            )
    text = path.read_text(encoding="utf-8")
    assert "#: ../" not in text, "a message names its source from the repository's root"


@pytest.mark.parametrize("name", translations.EXTENSIONS)
def test_every_word_the_extensions_show_has_its_welsh(name):
    """Each message an extension's code or the declaration shows (what ``make translations``
    extracts) is translated in its Welsh catalogue: a new field's label with no Welsh would
    show in English on every Welsh page (the labels of the fields from real feeds had none)."""
    catalogue = {m.id: m for m in messages(LOCALES / f"{name}.po")}
    lacking = []
    for message in translations.extension_catalog(name):
        found = catalogue.get(message.id)
        strings = () if found is None else found.string
        strings = (strings,) if isinstance(strings, str) else strings
        if message.id and (found is None or found.fuzzy or not all(strings)):
            lacking.append(message.id)
    assert lacking == []
