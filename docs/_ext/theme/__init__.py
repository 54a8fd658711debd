"""The practice guide's own HTML theme, on Sphinx's ``basic`` theme.

No theme package passes a strict Content-Security-Policy and WCAG 2.2 AA, so
the guide carries its own: templates with no inline script or style, one
stylesheet, and tables that scroll in their own keyboard-reachable box.
"""

from pathlib import Path

from .assets import trim_assets
from .design import use_own_styles
from .meta import describe
from .print_links import PrintAddressTransform
from .scroll import ScrollRegionTransform, scroll_region, visit_scroll_region_html

THEME_DIR = Path(__file__).parent / "practice-guide"


def add_stylesheet(app):
    """Load the theme's stylesheet after every extension's, so it has the last word."""
    if app.builder.format == "html" and app.config.html_theme == "practice-guide":
        app.add_css_file("guide.css", priority=900)


def add_print_script(app, pagename, templatename, context, doctree):
    """Quick-reference guides get a "Print this guide" button, wired up without inline code.

    ``is_card`` comes from the attribution extension (``attribution_cards`` in conf.py).
    """
    if context.get("is_card"):
        app.add_js_file("guide.js", loading_method="defer")


def cache_templates(app):
    """Keep the compiled templates beside the doctrees, as Jinja's bytecode (checked against
    each template's source): compiling them again took half of a one-page rebuild."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and environment.bytecode_cache is None:
        from jinja2 import FileSystemBytecodeCache

        folder = Path(app.doctreedir, "templates")
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app):
    app.add_html_theme("practice-guide", str(THEME_DIR))
    app.connect("builder-inited", cache_templates)
    app.connect("builder-inited", add_stylesheet)
    # After sphinx-design has added its files (priority 500).
    app.connect("builder-inited", use_own_styles, priority=600)
    app.connect("html-page-context", add_print_script)
    app.connect("html-page-context", describe)
    app.connect("html-page-context", trim_assets, priority=900)
    app.add_node(
        scroll_region,
        html=(visit_scroll_region_html, lambda self, node: self.body.append("</div>\n")),
    )
    app.add_post_transform(ScrollRegionTransform)
    app.add_post_transform(PrintAddressTransform)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
