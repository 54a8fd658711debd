"""Languages: the guide in English and, for areas in Wales, in Welsh beside it.

One purpose: everything a second language needs from Sphinx. A Welsh search language without
stemming (``search.py``); our extensions' message catalogues compiled and registered from the
repository's ``locales/`` (``catalogs.py``); a link on every page to the same page in the other
language (``links.py``); and, in a translated build, text not yet translated marked as English
with a short notice, and the coverage reported (``untranslated.py``). The link and the notice
are styled by ``static/languages.css``, loaded only on the pages that show either.

Which languages are built is the config value ``site_languages`` (the signposting extension
sets ``["en", "cy"]`` for a profile whose nation is Wales); ``python -m guide build`` builds
each one (ARCHITECTURE.md, "Languages").
"""

from pathlib import Path

from docutils import nodes

from . import catalogs, links, search, untranslated
from .catalogs import register_catalog

__all__ = ["register_catalog"]

STATIC = Path(__file__).parent / "static"
STYLESHEET = "languages.css"


def add_static(app):
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def add_stylesheet(app, pagename, templatename, context, doctree):
    """Pages with a link to another language or a "not yet translated" notice load the
    stylesheet: before the theme's (900) and, at a priority of its own, in the same place
    among the others in every build (Sphinx keeps files of equal priority in the order they
    were first added, which a second build in one process changes)."""
    noticed = doctree is not None and any(
        untranslated.NOTICE_CLASS in node["classes"] for node in doctree.findall(nodes.container)
    )
    if context.get("language_links") or noticed:
        app.add_css_file(STYLESHEET, priority=840)


def setup(app):
    app.add_config_value("site_languages", ["en"], "html", types=[list])
    search.register()
    register_catalog(app, catalogs.CATALOG)
    app.connect("builder-inited", catalogs.write_script_catalogue)
    app.connect("builder-inited", add_static)
    app.connect("html-page-context", links.add_links)
    # After add_links has put the links in the page's context.
    app.connect("html-page-context", add_stylesheet, priority=600)
    app.connect("html-page-context", links.translate_titles)
    app.connect("html-page-context", links.mark_english_titles)
    app.add_transform(untranslated.ChooseLanguage)
    app.add_transform(untranslated.MarkUntranslated)
    app.connect("env-purge-doc", untranslated.purge)
    app.connect("env-merge-info", untranslated.merge)
    app.connect("build-finished", untranslated.report)
    app.add_directive("translation-coverage", untranslated.CoverageDirective)
    app.add_directive("interface-glossary", catalogs.GlossaryDirective)
    return {
        "version": "1.0",
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
