"""Offline use: the guide as an app that keeps working with no network.

After the first visit over http or https, a service worker (``worker.js``, written as
``sw.js``) keeps every file of the site, so every page, the cards' PDFs, checklists (and their
memory), the timer, the directory's filters and search work offline. Its list of files and
its version come from the build: at build-finished, after every other extension has written
its files, ``manifest.write`` digests every file into ``offline.json`` and writes ``sw.js``
with the version in it, so a new build replaces the old copy on each device and deletes it.
``static/offline.js`` registers the worker from every page and says in the footer when the
guide is kept; it takes its settings and words from the footer line's ``data-`` attributes.

On unless the profile sets ``[site] offline = false``; then no page loads the script and the
build writes no worker (and removes one an earlier build wrote). Either way every page gets a
favicon, icons in the area's brand colour, a web app manifest and ``theme-color``
(``icons.py``). HTML builders with a page per document only (``html``, ``dirhtml``).
"""

from pathlib import Path

from sphinx.util import logging

from . import icons, manifest

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
BUILDERS = ("html", "dirhtml")


def profile(app):
    return getattr(app, "signposting", None)


def enabled(app):
    """``[site] offline`` from the profile (on when the profile does not say)."""
    directory = profile(app)
    site = directory.tables.get("site") if directory is not None else None
    return bool(getattr(site, "offline", True))


def brand(app):
    directory = profile(app)
    return (directory.brand_colour if directory is not None else "") or icons.theme_brand()


def configure(app, config):
    """Tell the templates, through ``html_context``, so that turning offline use on or off,
    or a new brand colour, rewrites every page."""
    config.html_context = {
        **(config.html_context or {}),
        "offline_worker": manifest.WORKER if enabled(app) else "",
        "site_app": {
            "icon": icons.FAVICON,
            "touch_icon": "_static/icon-180.png",
            "manifest": icons.MANIFEST,
            "theme_color": brand(app),
        },
    }


def add_script(app):
    if app.builder.name in BUILDERS and enabled(app):
        app.config.html_static_path.append(str(STATIC))
        app.add_js_file("offline.js", loading_method="defer")


def page_context(app, pagename, templatename, context, doctree):
    """Builders that gather pages together (single page, e-book) get none of it."""
    if app.builder.name not in BUILDERS:
        context["offline_worker"] = ""
        context["site_app"] = None


def write_files(app, exception):
    """Icons and manifest, then (when on) the list of every file and the worker."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    root = Path(app.outdir)
    directory = profile(app)
    area = directory.area if directory is not None else ""
    title = app.config.html_title or app.config.project
    icons.write(
        root,
        app.doctreedir,
        name=f"{title} ({area})" if area else title,
        short_name=app.config.html_short_title or title,
        lang=app.config.language or "en",
        colour=brand(app),
    )
    for docname in getattr(app, "offline_removed", ()):
        # A page whose source is gone goes from the site, and so from the list below.
        Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)
    if not enabled(app):
        manifest.remove(root)
        (root / "_static" / "offline.js").unlink(missing_ok=True)  # left by an earlier build
        return
    kept = manifest.write(root)
    logger.info(
        "offline: %d files (%s bytes) kept on each device, version %s",
        len(kept["files"]),
        f"{kept['bytes']:,}",
        kept["version"],
    )


def note_removed(app, env, added, changed, removed):
    """Remember the pages whose source was removed since the last build (Sphinx forgets them
    but leaves their HTML behind)."""
    app.offline_removed = set(removed)
    return []


def setup(app):
    app.connect("env-get-outdated", note_removed)
    # After the signposting extension has loaded the profile (400).
    app.connect("config-inited", configure, priority=450)
    app.connect("builder-inited", add_script)
    app.connect("html-page-context", page_context)
    # Last: every other extension's files (directory.json, checklists.json, the cards' PDFs
    # at 600) are written by then, so the list holds the site as it will be published.
    app.connect("build-finished", write_files, priority=900)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
