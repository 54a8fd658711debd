"""sphinx-design's components in the theme's own styles (ARCHITECTURE.md, "Budgets").

sphinx-design provides the directives the pages use (dropdowns, tabs, cards and their grid);
the theme styles them in ``guide.css``, in a few hundred bytes rather than sphinx-design's
whole stylesheet, so the stylesheet is neither linked nor copied. Its small tabs script stays:
it opens the tab a link points to. A tab's label is written without ``aria-controls``, which
HTML does not allow on a label that belongs to a control.
"""

from pathlib import Path

STYLESHEET = "sphinx-design.min.css"
TABS_SCRIPT = "design-tabs.js"


def visit_tab_label(self, node):
    attributes = {"for": node["input_id"]}
    if "sync_id" in node and "sync_group" in node:
        attributes["data-sync-id"] = node["sync_id"]
        attributes["data-sync-group"] = node["sync_group"]
    self.body.append(self.starttag(node, "label", **attributes))


def depart_tab_label(self, node):
    self.body.append("</label>")


def own_styles(app):
    """Whether the theme styles sphinx-design's components: with this theme only (the
    benchmark builds the same pages with other themes, which keep sphinx-design's styles)."""
    return (
        "sphinx_design" in app.extensions
        and app.builder.format == "html"
        and app.config.html_theme == "practice-guide"
    )


def use_own_styles(app):
    """After sphinx-design has added its files: keep its tabs script, drop its stylesheet."""
    if not own_styles(app):
        return
    from sphinx_design import tabs
    from sphinx_design.extension import STATIC_DIR

    app.add_node(tabs.sd_tab_label, override=True, html=(visit_tab_label, depart_tab_label))
    # Copy the tabs script alone; no page links the stylesheet (``assets.NEEDS``).
    static = app.config.html_static_path
    if str(STATIC_DIR) in static:
        static[static.index(str(STATIC_DIR))] = str(Path(STATIC_DIR) / TABS_SCRIPT)
