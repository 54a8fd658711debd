"""Wide tables scroll inside a focusable region, never the whole page (WCAG 1.4.10)."""

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform


class scroll_region(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A box that scrolls sideways on its own; only HTML writes it."""


class ScrollRegionTransform(SphinxPostTransform):
    """Wrap each table for HTML output only; other builders see the plain table."""

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs):
        for table in list(self.document.findall(nodes.table)):
            if isinstance(table.parent, scroll_region):
                continue
            titles = [child.astext() for child in table.children if isinstance(child, nodes.title)]
            region = scroll_region(label=titles[0] if titles else "")
            table.replace_self(region)
            region += table


def visit_scroll_region_html(self, node):
    label = node["label"] or _("Table")  # the theme's words are in Sphinx's catalogue
    self.body.append(
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{self.attval(label)}">\n'
    )
