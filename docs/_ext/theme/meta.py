"""What browsers and search engines read from a page's head: its description, and one
viewport tag (docutils adds a second to Sphinx's own)."""

import re

from docutils import nodes

LENGTH = 155  # what search results show
ENOUGH = 120  # a first paragraph shorter than this ("This guide helps you to:") runs on
SKIP = {"page-source", "translation-notice"}
DOCUTILS_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')


def _skipped(node):
    while node is not None:
        if isinstance(node, (nodes.Admonition, nodes.title, nodes.attribution, nodes.comment)):
            return True
        if SKIP.intersection(node.get("classes", [])):
            return True
        node = node.parent
    return False


def first_words(doctree):
    """The page's opening text: its first paragraph, and what follows while that is short."""
    words = []
    for paragraph in doctree.findall(nodes.paragraph):
        if _skipped(paragraph):
            continue
        words.append(" ".join(paragraph.astext().split()))
        if len(" ".join(words)) >= ENOUGH:
            break
    return " ".join(words)


def trim(text, length=LENGTH):
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–—-")
    return cut + "…"


def describe(app, pagename, templatename, context, doctree):
    """``page_description``: the front matter's ``description:``, else the opening text; the
    layout falls back to the page's title for pages with no text (search, index)."""
    given = app.env.metadata.get(pagename, {}).get("description") if doctree else None
    text = str(given) if given else (first_words(doctree) if doctree is not None else "")
    context["page_description"] = trim(text)
    context["metatags"] = DOCUTILS_VIEWPORT.sub("", context.get("metatags") or "")
