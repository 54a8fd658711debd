"""Attribution: every page names its source; quoted wording is marked and attributed."""

from languages import register_catalog

from .copybutton import setup_copybutton
from .directives import COPYBUTTON_SELECTOR, SAY_CLASS, WordingDirective
from .footer import CATALOG, add_page_source, add_source_line

__all__ = ["COPYBUTTON_SELECTOR", "SAY_CLASS", "setup"]


def setup(app):
    app.setup_extension("languages")
    register_catalog(app, CATALOG)
    app.add_config_value("attribution_sources_page", "about/sources", "env", types=[str])
    # A regular expression for the docnames of cards: pages that name their source once
    # (the "Source" box on screen, one footer line in print) instead of under each quotation.
    app.add_config_value("attribution_cards", "", "env", types=[str])
    app.add_directive("wording", WordingDirective)
    setup_copybutton(app)
    app.connect("doctree-read", add_page_source)
    # Before the theme reads ``is_card`` from the page context.
    app.connect("html-page-context", add_source_line, priority=400)
    return {
        "version": "1.0",
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
