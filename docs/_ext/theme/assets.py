"""Each page loads only the dependencies' files it uses (ARCHITECTURE.md, "Budgets").

sphinx-design adds its files to every page; a page with no tabs does not need its tabs
script, and with this theme no page needs its stylesheet: the theme styles the components it
uses (``design.py``). The copy button's script is added only where it is needed (the attribution
extension), so it needs no entry here.
"""

from docutils import nodes

from .design import STYLESHEET, TABS_SCRIPT, own_styles


def _has_class(doctree, wanted):
    return any(
        any(wanted(name) for name in node.get("classes", []))
        for node in doctree.findall(nodes.Element)
    )


NEEDS = {
    STYLESHEET: lambda d: _has_class(d, lambda c: c.startswith("sd-")),
    TABS_SCRIPT: lambda d: _has_class(d, lambda c: c == "sd-tab-set"),
    "pygments.css": lambda d: any(d.findall(nodes.literal_block)),
}


def trim_assets(app, pagename, templatename, context, doctree):
    never = {STYLESHEET} if own_styles(app) else set()
    for key in ("css_files", "script_files"):
        kept = []
        for asset in context.get(key, []):
            name = str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]
            if name in never:
                continue
            needed = NEEDS.get(name)
            if needed is None or (doctree is not None and needed(doctree)):
                kept.append(asset)
        context[key] = kept
