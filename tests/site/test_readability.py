"""Plain words stay plain: every page's own prose reads at Flesch-Kincaid grade 9 or below.

The grade is textstat's, computed from the built page, not the Markdown, so it measures what a
reader sees. A page's own prose is the text of its body, each paragraph, list item, table cell
or checklist label taken as a sentence (a full stop is added where it has none), without:

- quotations (``blockquote``): the sources' words, quoted exactly, are not ours to simplify;
- service entries and the area's contacts: a profile's text, not the guide's;
- headings, the "Source" box, the contents lists (``toctree``) and the interface's own words
  (buttons, the checklists' memory line, the translation notice): titles and labels, not prose;
- code (``pre``), and each ``code`` word counted as one short word; web and email addresses
  counted as one short word each;
- a block of a single word: a term or a label (the six Leeds concepts), not a sentence.

Run ``python tests/site/test_readability.py BUILDDIR/html`` to print each page's grade.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import site_pages  # noqa: E402

HIGHEST_GRADE = 9.0
SKIP_TAGS = {"blockquote", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "nav",
             "button", "head"}  # fmt: skip
SKIP_CLASSES = {"service", "area-contacts", "signposting-more", "page-source", "toctree-wrapper",
                "checklist-memory", "checklist-status", "translation-notice", "headerlink",
                "directory-filters", "print-only", "admonition-title", "rubric", "sd-card-title"}  # fmt: skip
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "caption", "label", "legend", "summary", "div",
          "section", "ul", "ol", "dl", "table", "tr", "figcaption"}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
ADDRESS = re.compile(r"\S+://\S+|\bwww\.\S+|\S+@\S+\.\S+")


class Prose(HTMLParser):
    """The page body's prose, a sentence per block (see the module's docstring)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.sentences, self.words = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in BLOCKS:
            self.flush()
        skip = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        body = tag == "div" and "body" in classes
        self.stack.append((tag, skip, body))
        if tag == "code" and self.reading():
            self.words.append(" code ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in BLOCKS:
            self.flush()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def reading(self):
        return any(body for *_, body in self.stack) and not any(s for _, s, _ in self.stack)

    def handle_data(self, data):
        if self.reading() and not any(tag == "code" for tag, *_ in self.stack):
            self.words.append(data)

    def flush(self):
        text = " ".join(ADDRESS.sub(" link ", "".join(self.words)).split())
        self.words = []
        if re.search(r"[A-Za-z]", text) and len(text.split()) > 1:
            if text[-1] not in ".!?":
                text = text.rstrip(":;,–— ") + "."
            self.sentences.append(text)


def prose(html):
    parser = Prose()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.sentences


def grade(sentences):
    import textstat

    return textstat.flesch_kincaid_grade(" ".join(sentences))


PAGES = [p for p in site_pages() if p not in ("search.html", "genindex.html")]


@pytest.mark.site
@pytest.mark.parametrize("page", PAGES)
def test_each_page_reads_at_grade_9_or_below(site, page):
    sentences = prose((site / page).read_text(encoding="utf-8"))
    assert sentences, "no prose found: the page's body has moved"
    assert grade(sentences) <= HIGHEST_GRADE, "\n".join(sentences)


@pytest.mark.unit
def test_the_prose_is_the_pages_own():
    html = (
        '<nav class="breadcrumbs"><a>Home</a></nav><div class="body"><h1>A long title of many'
        " syllables</h1><p>We see the <code>profile.toml</code> file at https://example.org/x"
        "</p><blockquote><p>Quoted, never simplified</p></blockquote><ul><li><p>An item</p>"
        '</li></ul><article class="service"><p>A service</p></article><div class="page-source">'
        "<p>Source</p></div></div>"
    )
    assert prose(html) == ["We see the code file at link.", "An item."]


@pytest.mark.unit
def test_hard_prose_is_graded_above_9():
    plain = ["We talk with the parent.", "The baby looks at them."]
    hard = [
        "Comprehensive multidisciplinary considerations necessitate organisational "
        "collaboration, institutional accountability and interprofessional communication."
    ]
    assert grade(plain) < 4 < HIGHEST_GRADE < grade(hard)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    every = []
    for page in PAGES:
        sentences = prose((out / page).read_text(encoding="utf-8"))
        every += sentences
        print(f"{grade(sentences):5.1f}  {page}")
    print(f"{grade(every):5.1f}  the whole guide")
