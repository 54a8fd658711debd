"""``wording``: exact words from a source, quoted and attributed."""

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .sources import SOURCES, UnknownSource, parse_sources


class WordingDirective(SphinxDirective):
    """Quote suggested wording exactly, with its source beneath.

    The block quote carries the class ``wording`` so that the copy button
    (sphinx-copybutton) can offer the words alone, without the attribution.
    """

    has_content = True
    option_spec = {"source": directives.unchanged}

    def run(self):
        self.assert_has_content()
        try:
            (source,) = parse_sources(self.options.get("source", "guidance"))
        except (UnknownSource, ValueError) as exc:
            message = str(exc) if isinstance(exc, UnknownSource) else "takes one source"
            raise self.error(f"wording: {message}") from None
        quote = nodes.block_quote(classes=["wording", f"wording-{source.key}"])
        self.set_source_info(quote)
        self.state.nested_parse(self.content, self.content_offset, quote)
        quote += nodes.attribution("", SOURCES[source.key].short)
        return [quote]
