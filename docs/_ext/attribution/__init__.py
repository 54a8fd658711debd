"""Attribution: every page names its source; quoted wording is marked and attributed."""

from .directives import WordingDirective
from .footer import add_page_source, add_source_line


def setup(app):
    app.add_config_value("attribution_sources_page", "about/sources", "env", types=[str])
    app.add_directive("wording", WordingDirective)
    app.connect("doctree-read", add_page_source)
    app.connect("html-page-context", add_source_line)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
