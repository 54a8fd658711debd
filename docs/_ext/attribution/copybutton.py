"""Copy buttons on the words a practitioner says to a parent, from a few lines of our own.

``static/copybutton.js`` (about 1 KiB gzipped) puts a button beside every element that
``copybutton_selector`` matches and copies its words, leaving out what ``copybutton_exclude``
matches, with the Clipboard API (or, on a plain-http intranet where that is missing, the
browser's copy command). It loads only on pages with words said to a parent, and takes its
selector and its words from its own ``data-`` attributes, so it runs under the strict
Content-Security-Policy and speaks the page's language (ARCHITECTURE.md, "Attribution").
Its stylesheet (``static/copybutton.css``: the button, the room it takes, print) loads with it.
"""

from pathlib import Path

from docutils import nodes

from .directives import COPYBUTTON_SELECTOR, SAY_CLASS
from .footer import _

STATIC = Path(__file__).parent / "static"
SCRIPT = "copybutton.js"
STYLESHEET = "copybutton.css"
BUILDERS = ("html", "dirhtml")


def add_static(app):
    if app.builder.name in BUILDERS:
        app.config.html_static_path.append(str(STATIC))


def has_words_to_say(doctree):
    return any(SAY_CLASS in node["classes"] for node in doctree.findall(nodes.block_quote))


def add_assets(app, pagename, templatename, context, doctree):
    """Only pages with words said to a parent load the script and its stylesheet (before the
    theme's, 900; a priority of its own, as for languages.css)."""
    if app.builder.name not in BUILDERS or doctree is None or not has_words_to_say(doctree):
        return
    app.add_css_file(STYLESHEET, priority=860)
    words = {
        "data-selector": app.config.copybutton_selector,
        "data-exclude": app.config.copybutton_exclude,
        "data-copy": _("Copy"),
        "data-copied": _("Copied"),
        "data-failed": _("Not copied"),
    }
    app.add_js_file(SCRIPT, loading_method="defer", **{k: str(v) for k, v in words.items()})


def setup_copybutton(app):
    # The names sphinx-copybutton used, so conf.py reads the same.
    app.add_config_value("copybutton_selector", COPYBUTTON_SELECTOR, "html", types=[str])
    app.add_config_value("copybutton_exclude", ".attribution", "html", types=[str])
    app.connect("builder-inited", add_static)
    app.connect("html-page-context", add_assets)
