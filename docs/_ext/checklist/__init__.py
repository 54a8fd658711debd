"""Executable checklists: tick-lists to work through during a visit, also exported as data.

Modelled on ``sphinx.ext.todo`` (directive, node, data on the environment, placeholder
filled at doctree-resolved) and ``sphinx-design`` (generic output that degrades, an
HTML-only post-transform, assets only for HTML builders).
"""

from pathlib import Path

from languages import register_catalog
from profiledata.vocabulary import REMEMBER_POLICIES
from sphinx.util import logging

from . import collect, html
from .directives import ChecklistDirective, ChecklistIndexDirective, record_checklists
from .i18n import CATALOG, _
from .nodes import (
    checklist_hint,
    checklist_html,
    checklist_index,
    checklist_item,
    checklist_label,
    checklist_timer,
)

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def check_config(app, config):
    """Validate the memory policy once; an unknown value falls back to the private default."""
    if config.checklist_remember_ticks not in REMEMBER_POLICIES:
        logger.warning(
            _("checklist_remember_ticks is %r; use one of %s. Using 'tab'."),
            config.checklist_remember_ticks,
            ", ".join(map(repr, REMEMBER_POLICIES)),
            type="checklist",
            subtype="config",
        )
        config.checklist_remember_ticks = "tab"


def add_static_path(app):
    if html.interactive(app.builder):
        app.config.html_static_path.append(str(STATIC))


def add_assets(app, pagename, templatename, context, doctree):
    """Only pages with a checklist load its script and stylesheet."""
    if (
        doctree is not None
        and html.interactive(app.builder)
        and any(doctree.findall(checklist_html))
    ):
        app.add_css_file("checklist.css", priority=850)
        app.add_js_file("checklist.js", loading_method="defer")


def setup(app):
    app.setup_extension("languages")
    register_catalog(app, CATALOG)
    app.add_config_value("checklist_remember_ticks", "tab", "html", types=[str])
    app.add_directive("checklist", ChecklistDirective)
    app.add_directive("checklist-index", ChecklistIndexDirective)
    app.add_node(checklist_html, html=(html.visit_checklist, html.depart_checklist))
    app.add_node(checklist_timer, html=(html.visit_timer, None))
    app.add_node(checklist_item, html=(html.visit_item, html.depart_item))
    app.add_node(checklist_label, html=(html.visit_label, html.depart_label))
    app.add_node(checklist_hint, html=(html.visit_hint, html.depart_hint))
    app.add_node(checklist_index)
    app.add_post_transform(html.ChecklistHTMLTransform)
    app.connect("config-inited", check_config)
    app.connect("builder-inited", add_static_path)
    app.connect("env-before-read-docs", collect.init_env)
    app.connect("doctree-read", record_checklists)
    app.connect("env-purge-doc", collect.purge)
    app.connect("env-merge-info", collect.merge)
    app.connect("env-check-consistency", collect.check_duplicates)
    app.connect("env-get-updated", collect.pages_to_rewrite)
    app.connect("doctree-resolved", collect.fill_index)
    app.connect("html-page-context", add_assets)
    app.connect("build-finished", collect.write_json)
    return {
        "version": "1.0",
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
