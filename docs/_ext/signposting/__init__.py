"""Local profiles and the signposting directory.

Each area describes itself and its services in a profile folder (``profile.toml`` with YAML
and/or CSV files). The profile is loaded and checked once, before anything is read; bad data
stops the build with every problem listed as ``path:line: what is wrong`` and no traceback.
"""

import sys
from pathlib import Path

from docutils import nodes
from languages import register_catalog
from profiledata import hsds
from profiledata.problems import ProfileDataError, summary
from profiledata.profile import lacking_welsh, load_profile
from sphinx.util import logging

from . import present
from .directives import (
    AdditionsDirective,
    ContactsDirective,
    DirectoryDirective,
    DirectoryRole,
    LevelRole,
    ProfileRole,
    SignpostingDirective,
    directory_filters,
    directory_link,
    resolve_links,
)
from .html import fill_directory, setup_nodes
from .render import CATALOG

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def profile_folder(app, config):
    folder = Path(config.local_profile).expanduser()
    return folder if folder.is_absolute() else Path(app.confdir, folder)


def load(app, config):
    """Load the profile and hand its settings to the theme and the checklists.

    Problems go straight to standard error as ``path:line: what is wrong``, every one of
    them, and the build stops with status 2: no traceback, and nothing is written.
    """
    folder = profile_folder(app, config)
    try:
        directory = load_profile(folder)
    except ProfileDataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(summary(exc.problems, folder), file=sys.stderr)
        raise SystemExit(2) from None
    app.signposting = directory
    welsh = (config.language or "en").startswith("cy")
    area = directory.tables["area"]
    config.html_context = {
        **(config.html_context or {}),
        "area_name": present.local_text(area, "name", welsh)[0],
        "area_example": directory.example,
        "area_logo": f"_static/{directory.logo.published_name}" if directory.logo else "",
        "area_logo_alt": present.local_text(area, "logo_alt", welsh)[0],
    }
    if "checklist_remember_ticks" in config:
        config.checklist_remember_ticks = directory.remember_ticks
    if "site_languages" in config and directory.nation == "wales":
        config.site_languages = ["en", "cy"]  # both languages of Wales, published together


def say(app, message):
    """A summary line for the build log that a quiet build still shows."""
    logger.info(message)
    if app.quiet:
        print(message)


def attach(app):
    """Give the environment this build's directory, and say which entries need a review."""
    app.env.signposting = app.signposting
    directory = app.signposting
    # What an administrator needs to know, printed even by a quiet build (``-q``).
    if directory.stale:
        names = ", ".join(f"{s.id} ({s.last_reviewed.isoformat()})" for s in directory.stale)
        say(
            app,
            f"signposting: {len(directory.stale)} service(s) last reviewed more than "
            f"{directory.review_after_months} months ago, shown as 'may be out of date': {names}",
        )
    if directory.nation == "wales" and (app.config.language or "en").startswith("cy"):
        lacking = lacking_welsh(directory)
        if lacking:
            listed = "; ".join(f"{what} ({', '.join(fields)})" for what, fields, _ in lacking)
            say(
                app,
                f"signposting: {len(lacking)} text(s) in English only, shown marked as English on Welsh pages: {listed}",
            )
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("brand.css", priority=950)


def add_script(app, pagename, templatename, context, doctree):
    """Pages showing services load the directory's stylesheet; the directory, its script."""
    if doctree is None:
        return
    if any(
        "service" in node.get("classes", []) or "area-contacts" in node.get("classes", [])
        for node in doctree.findall(nodes.Element)
    ):
        app.add_css_file("directory.css", priority=850)
    if any(doctree.findall(directory_filters)):
        app.add_js_file("directory.js", loading_method="defer")


def write_outputs(app, exception):
    """``directory.json``, ``services.hsds.json`` (Open Referral UK), the brand stylesheet
    and the logo, for HTML builds that succeeded."""
    if exception is not None or app.builder.format != "html":
        return
    directory = app.env.signposting
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    brand = f":root {{ --brand: {directory.brand_colour}; }}\n" if directory.brand_colour else ""
    (static / "brand.css").write_text(
        "/* The area's brand colour, from its profile. */\n" + brand, encoding="utf-8"
    )
    if directory.logo:
        (static / directory.logo.published_name).write_bytes(directory.logo.path.read_bytes())
    data = {
        "area": directory.area,
        "nation": directory.nation,
        "example": directory.example,
        "services": (s.as_json() for s in sorted(directory.services, key=lambda s: s.id)),
    }
    # Each written as it is made, one service at a time (10,000 make 10 MB and 90 MB).
    hsds.write_json(Path(app.outdir, "directory.json"), data, "services")
    hsds.write(Path(app.outdir, "services.hsds.json"), directory.services)


def setup(app):
    app.setup_extension("languages")
    register_catalog(app, CATALOG)
    app.add_config_value("local_profile", "local/default", "env", types=[str])
    app.add_config_value("signposting_directory_page", "directory/index", "env", types=[str])
    app.add_directive("signposting-directory", DirectoryDirective)
    app.add_directive("signposting", SignpostingDirective)
    app.add_directive("signposting-contacts", ContactsDirective)
    app.add_directive("signposting-additions", AdditionsDirective)
    app.add_role("directory", DirectoryRole())
    app.add_role("profile", ProfileRole())
    app.add_role("level", LevelRole())
    app.add_node(directory_link)
    setup_nodes(app)
    app.connect("config-inited", load, priority=400)
    app.connect("builder-inited", attach)
    app.connect("html-page-context", add_script)
    app.connect("doctree-resolved", resolve_links)
    app.connect("doctree-resolved", fill_directory)
    app.connect("build-finished", write_outputs)
    return {
        "version": "1.1",
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
