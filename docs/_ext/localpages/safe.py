"""The area's pages are parsed with docutils' own safety switches, then checked again.

``python -m guide check`` and the profile loader already refused anything outside the allowed
subset (``profiledata.pages``). The build does not rely on that alone: a page is parsed with
``raw_enabled`` and ``file_insertion_enabled`` off, and what the parser made is held to an
allow-list of docutils nodes, so a construct the token check missed still cannot reach a page.
"""

import logging as logging_
from contextlib import contextmanager

from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser
from profiledata import fields, pages
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

# What the allowed MyST makes, and what the guide's own directive and roles make.
ALLOWED_NODES = (
    nodes.document, nodes.section, nodes.title, nodes.paragraph, nodes.Text, nodes.emphasis,
    nodes.strong, nodes.reference, nodes.bullet_list, nodes.enumerated_list, nodes.list_item,
    nodes.block_quote, nodes.table, nodes.tgroup, nodes.colspec, nodes.thead, nodes.tbody,
    nodes.row, nodes.entry, nodes.note, nodes.warning, nodes.image, nodes.transition,
    nodes.target, nodes.inline, nodes.container, nodes.docinfo, nodes.field, nodes.field_name,
    nodes.field_body, nodes.field_list, nodes.system_message, nodes.rubric, nodes.line,
    nodes.line_block, addnodes.pending_xref,
)  # fmt: skip


class _StartAtH2(logging_.Filter):
    def filter(self, record):
        return not str(record.msg).startswith("Document headings start at H2")


@contextmanager
def _titled_by_front_matter():
    """A page's title is its front matter's (``localpages.prepare`` puts it above the
    page), so its own headings start at ``##``: MyST's warning about that is not for us."""
    logger_ = logging_.getLogger("sphinx.myst_parser.warnings_")
    quiet = _StartAtH2()
    logger_.addFilter(quiet)
    try:
        yield
    finally:
        logger_.removeFilter(quiet)


def is_local(document):
    env = getattr(document.settings, "env", None)
    return env is not None and env.docname in getattr(env, "local_page_docnames", ())


class SafeMystParser(MystParser):
    """MyST, unchanged for the guide's pages; for an area's page, with raw HTML, file
    insertion and every node outside the allow-list refused."""

    def parse(self, inputstring, document):
        if not is_local(document):
            return super().parse(inputstring, document)
        document.settings.raw_enabled = False
        document.settings.file_insertion_enabled = False
        with _titled_by_front_matter():
            super().parse(inputstring, document)
        refused = [
            node
            for node in document.findall(nodes.Node)
            if not isinstance(node, ALLOWED_NODES)
            and not _guide_node(node)
            and not _in_front_matter(node)
        ]
        refused += [
            node
            for node in document.findall(nodes.reference)
            if fields.scheme(node.get("refuri", "")) not in ("", *pages.SCHEMES)
        ]
        for node in refused:
            logger.error(
                "%s is not allowed here",
                node.__class__.__name__,
                location=node,
                type="localpages",
                subtype="node",
            )
            if node.parent is not None:
                node.parent.remove(node)
        return None


def _in_front_matter(node):
    """The front matter's values, already checked as text by the loader: MyST makes them a
    field list at the top of the document (docutils' DocInfo later turns it into docinfo)."""
    while node is not None:
        if isinstance(node, nodes.docinfo) or (
            isinstance(node, nodes.field_list) and isinstance(node.parent, nodes.document)
        ):
            return True
        node = node.parent
    return False


def _guide_node(node):
    """Nodes the guide's own {signposting} directive, {profile} and {directory} roles make."""
    return node.__class__.__module__.split(".")[0] in ("signposting", "languages")
