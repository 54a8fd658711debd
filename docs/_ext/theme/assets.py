"""Each page loads only the dependencies' files it uses (ARCHITECTURE.md, "Budgets").

sphinx-design and sphinx-copybutton add their files to every page; a page with no cards,
tabs, dropdowns or wording to say to a parent does not need them.
"""

from attribution import SAY_CLASS
from docutils import nodes


def _has_class(doctree, wanted):
    return any(
        any(wanted(name) for name in node.get("classes", []))
        for node in doctree.findall(nodes.Element)
    )


NEEDS = {
    "sphinx-design.min.css": lambda d: _has_class(d, lambda c: c.startswith("sd-")),
    "design-tabs.js": lambda d: _has_class(d, lambda c: c == "sd-tab-set"),
    # Only words said to a parent get a copy button.
    "copybutton.css": lambda d: _has_class(d, lambda c: c == SAY_CLASS),
    "copybutton.js": lambda d: _has_class(d, lambda c: c == SAY_CLASS),
    "clipboard.min.js": lambda d: _has_class(d, lambda c: c == SAY_CLASS),
    "pygments.css": lambda d: any(d.findall(nodes.literal_block)),
}


def trim_assets(app, pagename, templatename, context, doctree):
    for key in ("css_files", "script_files"):
        kept = []
        for asset in context.get(key, []):
            name = str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]
            needed = NEEDS.get(name)
            if needed is None or (doctree is not None and needed(doctree)):
                kept.append(asset)
        context[key] = kept
