"""Nodes written only by the HTML post-transform; every other builder sees plain lists."""

from docutils import nodes


class checklist_html(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """An interactive checklist: fieldset, tools and optional timer."""


class checklist_timer(nodes.General, nodes.Element):  # noqa: N801
    """The count-down timer, placed just before the items."""


class checklist_item(nodes.General, nodes.Element):  # noqa: N801
    """One item: a real checkbox with the item's whole text as its label."""


class checklist_label(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The label's text."""


class checklist_hint(nodes.General, nodes.Element):  # noqa: N801
    """Nested content under an item, shown beneath its label."""


class checklist_index(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for ``{checklist-index}``, filled at doctree-resolved."""
