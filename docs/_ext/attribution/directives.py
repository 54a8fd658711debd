"""``wording``: exact words from a source, quoted and attributed."""

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .sources import SOURCES, UnknownSource, parse_sources

# Words a practitioner says to a parent carry this class, and only they get a copy button:
# conf.py's ``copybutton_selector`` is this selector (ARCHITECTURE.md, "Attribution").
SAY_CLASS = "wording-say"
COPYBUTTON_SELECTOR = f"blockquote.{SAY_CLASS} > div"


def say(argument):
    """``:say: no`` marks a quotation that is not words to say to a parent."""
    return directives.choice(argument, ("yes", "no"))


def english(config):
    return (config.language or "en").lower().startswith("en")


def is_card(config, docname):
    """A page that names its source once, not under each quotation (``attribution_cards``)."""
    pattern = config.attribution_cards
    return bool(pattern) and re.fullmatch(pattern, docname) is not None


class WordingDirective(SphinxDirective):
    """Quote suggested wording exactly, with its source beneath.

    The block quote carries the class ``wording``. Words said to a parent (the default)
    also carry ``wording-say``, so that the copy button (``copybutton.py``) offers them
    alone, without the attribution; ``:say: no`` leaves the class and the button off, for
    a quotation that describes rather than gives words to say. On a card (a page matching
    ``attribution_cards``) the quotation names no source beneath it: the page names it once.
    """

    has_content = True
    option_spec = {"source": directives.unchanged, "say": say}

    def run(self):
        self.assert_has_content()
        try:
            (source,) = parse_sources(self.options.get("source", "guidance"))
        except (UnknownSource, ValueError) as exc:
            message = str(exc) if isinstance(exc, UnknownSource) else "takes one source"
            raise self.error(f"wording: {message}") from None
        classes = ["wording", f"wording-{source.key}"]
        if self.options.get("say", "yes") == "yes":
            classes.append(SAY_CLASS)
        quote = nodes.block_quote(classes=classes)
        self.set_source_info(quote)
        self.state.nested_parse(self.content, self.content_offset, quote)
        # Quoted wording stays exact in the language it was published in: never offered for
        # translation, and marked as English on a page in another language.
        for node in quote.findall(nodes.TextElement):
            node["translatable"] = False
        if not english(self.config):
            quote["classes"].append("language-en")
        if not is_card(self.config, self.env.docname):
            quote += nodes.attribution("", SOURCES[source.key].short)
        return [quote]
