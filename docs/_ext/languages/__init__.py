"""Languages: the guide in English and, for areas in Wales, in Welsh beside it.

One purpose: everything a second language needs from Sphinx. A Welsh search language without
stemming (``search.py``); our extensions' message catalogues compiled and registered from the
repository's ``locales/`` (``catalogs.py``); a link on every page to the same page in the other
language (``links.py``); and, in a translated build, text not yet translated marked as English
with a short notice, and the coverage reported (``untranslated.py``).

Which languages are built is the config value ``site_languages`` (the signposting extension
sets ``["en", "cy"]`` for a profile whose nation is Wales); ``python -m guide build`` builds
each one (ARCHITECTURE.md, "Languages").
"""

from . import catalogs, links, search, untranslated
from .catalogs import register_catalog

__all__ = ["register_catalog"]


def setup(app):
    app.add_config_value("site_languages", ["en"], "html", types=[list])
    search.register()
    register_catalog(app, catalogs.CATALOG)
    app.connect("builder-inited", catalogs.write_script_catalogue)
    app.connect("html-page-context", links.add_links)
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
