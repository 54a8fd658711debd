"""On paper a web link is only its words, so a printed page shows where each one goes.

For HTML builders, a post-transform gives every ``http(s)`` link whose words are not its own
address a print-only copy of the address, and breaks every address shown (that copy, or a link
that shows its address as its words) only at its slashes: the scheme and the host stay on one
line (``print.css``: ``.address-start``), and a ``<wbr>`` after each later slash lets a long
path wrap there, never after ``https://``.
"""

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

WEB = re.compile(r"(?i)^https?://")
START = re.compile(r"(?i)^https?://[^/]*/?")


def address(uri):
    """The nodes that show ``uri``: its start whole, then each slash a place to wrap."""
    start = START.match(uri)[0]
    shown = [nodes.inline("", start, classes=["address-start"])]
    for part in re.findall(r"[^/]*/|[^/]+$", uri[len(start) :]):
        shown.append(nodes.Text(part))
        if part.endswith("/"):
            shown.append(nodes.raw("", "<wbr>", format="html"))
    return shown


class PrintAddressTransform(SphinxPostTransform):
    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs):
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if not WEB.match(uri) or ref.next_node(nodes.raw) is not None:
                continue
            if ref.astext() == uri:
                ref[:] = address(uri)
            elif "bare" not in ref["classes"]:
                note = nodes.inline("", " (", classes=["print-only", "print-address"])
                note.extend([*address(uri), nodes.Text(")")])
                ref += note
