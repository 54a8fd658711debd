"""The navigation's "In <area>" heading, valid HTML.

Sphinx writes a toctree's caption as ``<p role="heading">`` without the ``aria-level`` that
role requires (the Nu HTML Checker's error); the area's pages are the guide's only captioned
toctree, so their heading is written with its level here.
"""

from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator


class CaptionLevelTranslator(HTML5Translator):
    def visit_title(self, node):
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            attributes = {"CLASS": "caption", "ROLE": "heading", "aria-level": "2"}
            self.body.append(self.starttag(node, "p", "", **attributes))
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
            return
        super().visit_title(node)
