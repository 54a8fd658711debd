"""A Welsh area: one build, two sites. The Cardiff example builds English at the root and Welsh
under cy/, every page links to its counterpart both ways, no English interface word is left on
a Welsh page outside an element marked lang="en", and `make dist` ships both."""

import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po
from helpers import ROOT

INTERFACE = ("sphinx", "attribution", "checklist", "signposting", "languages", "cards", "offline")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}|&#\d+;|&#x[0-9a-f]+;")


def pages(folder):
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.html")
        if "cy" not in p.relative_to(folder).parts[:1]
    )


def test_one_build_gives_both_sites(welsh_build):
    out, result = welsh_build
    english = pages(out)
    welsh = sorted(p.relative_to(out / "cy").as_posix() for p in (out / "cy").rglob("*.html"))
    assert len(english) >= 35 and welsh == english
    assert '<html lang="cy"' in (out / "cy/index.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB"' in (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r"^translation \(cy\): \d+ of \d+ messages translated", result.stdout, re.M)


def test_every_page_links_to_its_counterpart_both_ways(welsh_build):
    out, _ = welsh_build
    for page in pages(out):
        depth = page.count("/")
        english = (out / page).read_text(encoding="utf-8")
        welsh = (out / "cy" / page).read_text(encoding="utf-8")
        to_welsh = f'<a class="language-link" href="{"../" * depth}cy/{page}" hreflang="cy" lang="cy">Cymraeg</a>'
        to_english = f'<a class="language-link" href="{"../" * (depth + 1)}{page}" hreflang="en" lang="en">English</a>'
        assert to_welsh in english, page
        assert to_english in welsh, page


class VisibleWords(HTMLParser):
    """Text and the attributes that become words on screen, outside lang="en" elements."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.words = [], []

    def english(self):
        # Code is the same in every language; the head is metadata, never shown in the page.
        hidden = ("head", "script", "style", "pre", "code")
        return any(lang == "en" or tag in hidden for tag, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("lang")))
        if not self.english() and attrs.get("lang") != "en":
            for name, value in attrs.items():
                words = name.startswith("data-") and " " in (value or "")  # words, not ids
                if value and (words or name in ("aria-label", "title", "alt", "placeholder")):
                    self.words.append(value)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.english() and data.strip():
            self.words.append(data)


def interface_messages():
    messages = []
    for name in INTERFACE:
        path = ROOT / "locales/cy/LC_MESSAGES" / f"{name}.po"
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as handle:
            for message in read_po(handle, "cy"):
                english = message.id if isinstance(message.id, str) else message.id[0]
                welsh = message.string if isinstance(message.string, str) else message.string[0]
                if english and welsh != english:
                    messages.append((name, english))
    return messages


def fragments(message):
    """The fixed words of a message long enough to be unmistakably English."""
    parts = [p.strip(" .:;,()·") for p in PLACEHOLDER.split(message)]
    return [p for p in parts if len(p) >= 4 and re.search(r"[a-z]{3}", p)]


def test_no_english_interface_word_outside_lang_en(welsh_build):
    out, _ = welsh_build
    messages = interface_messages()
    assert len(messages) >= 150
    found = []
    for page in pages(out):
        parser = VisibleWords()
        parser.feed((out / "cy" / page).read_text(encoding="utf-8"))
        text = PLACEHOLDER.sub(" ", "\n".join(" ".join(w.split()) for w in parser.words))
        for catalogue, message in messages:
            for fragment in fragments(message):
                if re.search(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])", text):
                    found.append(f"cy/{page}: {catalogue}: {fragment!r}")
    assert sorted(set(found)) == []


def test_welsh_pages_show_the_profiles_welsh_and_mark_its_english(welsh_build):
    out, _ = welsh_build
    home = (out / "cy/index.html").read_text(encoding="utf-8")
    assert '<span class="site-area">Caerdydd</span>' in home
    directory = (out / "cy/directory/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<p class="rubric service-name"[^>]*lang="en"[^>]*>Baby stay and play sessions', directory
    ) or ('lang="en">Baby stay and play sessions' in directory)
    quote = re.search(r'<blockquote class="[^"]*tier-wording[^"]*"[^>]*>', directory).group(0)
    assert 'lang="en"' in quote, "Annex A's words stay in English, marked as such"


def test_make_dist_ships_both_languages(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "docs" / "_ext"),
        "SOURCE_DATE_EPOCH": "1764000000",
    }
    result = subprocess.run(
        [sys.executable, "-m", "guide", "dist", "--profile", "local/examples/cardiff",
         "--builddir", str(tmp_path / "build"), "--dist", str(tmp_path / "dist")],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (archive,) = Path(tmp_path / "dist").glob("*.zip")
    names = zipfile.ZipFile(archive).namelist()
    folder = names[0].split("/")[0]
    assert f"{folder}/index.html" in names and f"{folder}/cy/index.html" in names
    assert f"{folder}/cy/directory/index.html" in names


def test_welsh_pages_are_within_the_budget(welsh_build):
    """The Welsh site carries Sphinx's script words (translations.js): only those its scripts
    use, so every page type still fits 25 KiB, 10 KiB of CSS and 8 KiB of JavaScript."""
    from test_performance import PAGE_TYPES, within_budget

    out, _ = welsh_build
    for path in PAGE_TYPES.values():
        within_budget(out / "cy", path)
    script = (out / "cy/_static/translations.js").read_text(encoding="utf-8")
    assert "new Function" not in script and "Chwilio" in script
    assert "About these documents" not in script, "only the words Sphinx's scripts use"
