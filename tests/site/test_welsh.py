"""A Welsh area: one build, two sites. The Cardiff example builds English at the root and Welsh
under cy/, every page links to its counterpart both ways, no English interface word is left on
a Welsh page outside an element marked lang="en", and `make dist` ships both."""

import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from helpers import ROOT, visible_text
from pypdf import PdfReader

pytestmark = pytest.mark.site

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


# Welsh pages that don't mix within a line ------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def words_of(text):
    return {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text or ""))}


class EnglishText(HTMLParser):
    """The text inside elements marked lang="en" (the head and scripts left out)."""

    VOID = VisibleWords.VOID

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        VisibleWords.handle_endtag(self, tag)

    def handle_data(self, data):
        langs = [lang for _tag, lang in self.stack if lang]
        hidden = any(tag in ("head", "script", "style") for tag, _lang in self.stack)
        if langs and langs[-1] == "en" and not hidden:
            self.texts.append(data)


def english_text(html):
    parser = EnglishText()
    parser.feed(html)
    return " ".join(" ".join(parser.texts).split())


def welsh_vocabulary(out):
    """The Welsh words the catalogues and the profile give: every word of a translation, and of
    a ``_cy`` text, that is in no English message and nowhere on the English site."""
    welsh, english = set(), set()
    for name in INTERFACE:
        with open(ROOT / "locales/cy/LC_MESSAGES" / f"{name}.po", encoding="utf-8") as handle:
            for message in read_po(handle, "cy"):
                if not message.id:
                    continue  # the header: who translated, not a translation
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                english.update(*(words_of(text) for text in ids))
                welsh.update(*(words_of(text) for text in strings))
    profile = ROOT / "local/examples/cardiff"
    texts = [
        v
        for k, v in _flatten(tomllib.loads((profile / "profile.toml").read_text()))
        if k.endswith("_cy")
    ]
    texts += [
        v
        for k, v in _flatten(yaml.safe_load((profile / "services.yaml").read_text()))
        if k.endswith("_cy")
    ]
    for text in texts:
        welsh.update(words_of(text))
    for path in pages(out):
        html = (out / path).read_text(encoding="utf-8")
        html = re.sub(r'<table class="[^"]*interface-glossary.*?</table>', "", html, flags=re.S)
        english.update(words_of(visible_text(html)))
    return {w for w in welsh - english if len(w) >= 3}


def _flatten(data, key=""):
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _flatten(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _flatten(value, key)
    elif isinstance(data, str):
        yield key, data


def welsh_inside_english(out, vocabulary):
    found = []
    for page in pages(out):
        text = english_text((out / "cy" / page).read_text(encoding="utf-8"))
        for match in WORD.finditer(text):
            if match.group(0).lower() in vocabulary:
                around = text[max(0, match.start() - 40) : match.end() + 20]
                found.append((f"cy/{page}", match.group(0), around))
    return found


def test_no_welsh_word_is_marked_as_english(welsh_build):
    """Service names, entries' labels, contact headings, the glossary's counts and the area's
    name: Welsh text is never inside lang="en", where a screen reader reads it in English."""
    out, _ = welsh_build
    vocabulary = welsh_vocabulary(out)
    assert len(vocabulary) >= 250 and {"pynciau", "diogelu", "caerdydd"} <= vocabulary
    assert welsh_inside_english(out, vocabulary) == []


def test_the_check_finds_welsh_marked_as_english(tmp_path):
    (tmp_path / "cy").mkdir()
    (tmp_path / "cy/page.html").write_text(
        '<p>Pynciau</p><dl><dt lang="en">Pynciau:</dt><dd lang="en"><span lang="cy">Diogelu'
        "</span> for Cardiff</dd></dl>",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text("<p>Topics</p>", encoding="utf-8")
    found = welsh_inside_english(tmp_path, {"pynciau", "diogelu"})
    assert [(page, word) for page, word, _around in found] == [("cy/page.html", "Pynciau")]


def test_english_sentences_keep_the_english_place_name(welsh_build):
    """An untranslated sentence is wholly English, a title wholly one language."""
    out, _ = welsh_build
    for page in ["professions/midwives.html", "framework/step-3.html"]:
        html = (out / "cy" / page).read_text(encoding="utf-8")
        assert "Cardiff" in english_text(html) and "Caerdydd" not in english_text(html), page
    card = (out / "cy/quick-reference/where-to-turn-locally.html").read_text(encoding="utf-8")
    assert '<h1 lang="en">Where to turn locally: Cardiff<' in card
    assert "<title>Where to turn locally: Cardiff &#8212;" in card
    assert '<span class="site-area">Caerdydd</span>' in card, "the header is the interface's"


def test_a_sentence_made_wholly_of_the_guides_words_is_welsh(welsh_build):
    """Where a barrier's hint is only the directory's own words, they are Welsh, unmarked, and
    so is the sentence after the list that names every barrier with no services."""
    out, _ = welsh_build
    html = (out / "cy/framework/what-can-get-in-the-way.html").read_text(encoding="utf-8")
    assert re.search(
        r'<p class="directory-none-listed">Nid oes unrhyw wasanaethau ar gyfer [^<]* Caerdydd eto: <a ',
        html,
    )
    assert re.search(r'<p><span class="directory-none">Dim wedi\'u rhestru eto\.</span></p>', html)


def test_the_levels_are_named_alike_on_the_card_the_directory_and_step_3(welsh_build):
    out, _ = welsh_build
    for folder, names in [("cy/", ["Cael cyngor", "Cael help", "Cael rhagor o help"]),
                          ("", ["Getting advice", "Getting help", "Getting more help"])]:  # fmt: skip
        for page in ["directory/index.html", "quick-reference/where-to-turn-locally.html",
                     "framework/step-3.html"]:  # fmt: skip
            html = (out / folder / page).read_text(encoding="utf-8")
            headings = re.findall(r"<h[23]( lang=\"en\")?>([^<]*)<a class=\"headerlink\"", html)
            shown = [text for lang, text in headings if text in names]
            assert shown[:3] == names, (folder, page, headings)
            assert not any(lang for lang, text in headings if text in names), (folder, page)


def test_the_prompts_card_names_the_levels_as_the_directory_does(welsh_build):
    """On the prompts card, web and PDF, each level is named exactly as the directory of the
    same language names it; the Welsh card names no level in English."""
    out, _ = welsh_build
    levels = {}
    for folder in ("cy/", ""):
        directory = (out / folder / "directory/index.html").read_text(encoding="utf-8")
        levels[folder] = re.findall(
            r'<section class="directory-group" id="tier-[a-z-]+">\s*<h2>([^<]*)<a', directory
        )
        assert len(levels[folder]) == 3, (folder, levels[folder])
    assert levels["cy/"] != levels[""]
    for folder, names in levels.items():
        card = out / folder / "quick-reference/prompts-at-a-glance.html"
        labels = re.findall(r"<p( lang=\"en\")?><strong>([^<]*)</strong></p>", card.read_text())
        shown = [(lang, text) for lang, text in labels if text in levels[""] + levels["cy/"]]
        assert shown == [("", name) for name in names], (folder, labels)
        pdf = out / folder / "quick-reference/prompts-at-a-glance-cardiff.pdf"
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
        for name in names:
            assert name in text, (folder, name)
        if folder == "cy/":
            assert not [name for name in levels[""] if name in text], text


def test_catalogues_are_not_searched_as_pages(welsh_build):
    """The glossary's and the coverage's words are left out of the index: a search for a word
    only they hold does not list the page "The guide in Welsh" with catalogue text."""
    out, _ = welsh_build
    for folder in ("", "cy/"):
        html = (out / folder / "about/welsh.html").read_text(encoding="utf-8")
        assert re.search(r'<table class="[^"]*interface-glossary[^"]*no-search', html)
        assert re.search(r'<ul class="[^"]*translation-coverage[^"]*no-search', html)
        script = (out / folder / "searchindex.js").read_text(encoding="utf-8")
        index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
        page = index["docnames"].index("about/welsh")
        listed = {
            t
            for t, docs in index["terms"].items()
            if page in ([docs] if isinstance(docs, int) else docs)
        }
        assert not listed & {"ffonio", "hidlwyr", "clirio", "crio", "number"}, listed


def test_search_summaries_start_with_the_page_not_its_breadcrumb(welsh_build):
    """Sphinx's search takes a result's summary from role="main": the breadcrumbs stand
    before it, on every page in both languages."""
    out, _ = welsh_build
    for folder in ("", "cy/"):
        for page in pages(out):
            html = (out / folder / page).read_text(encoding="utf-8")
            main = html[html.index('role="main"') : html.index("</main>")]
            assert 'class="breadcrumbs"' not in main, folder + page
            if page != "index.html":
                assert html.index('class="breadcrumbs"') < html.index('role="main"'), page
