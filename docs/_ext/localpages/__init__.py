"""The area's own pages: Markdown in the profile's ``pages/`` folder, built beside the guide.

Each page is a document ``local/<stem>`` read from the profile folder (English, or its
``<stem>.cy.md`` in a Welsh build), parsed safely (``safe.py``), headed with who wrote it and
when it was reviewed, and listed on ``local/index`` ("Local pathway") and in the navigation
under "In <area>". Checked first, with everything else in the profile, by
``profiledata.pages`` (ARCHITECTURE.md, "Local pages").
"""

from pathlib import Path

from docutils import nodes
from languages import register_catalog
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.project import Project
from sphinx.util.docutils import SphinxDirective

from .html import CaptionLevelTranslator
from .safe import SafeMystParser

CATALOG = "localpages"
_ = get_translation(CATALOG)
INDEX = "local/index"
INDEX_SOURCE = Path(__file__).parent / "index.md"
STATIC = Path(__file__).parent / "static"


def welsh(config):
    return (config.language or "en").startswith("cy")


def sources(app):
    """Each local document and the file it is read from, in this build's language."""
    found = {page.docname: page.source(welsh(app.config)) for page in app.signposting.pages}
    return {INDEX: INDEX_SOURCE, **found} if found else {}


class ProjectWithLocalPages(Project):
    """Sphinx's project, which finds documents only under the source folder, with the
    area's pages added (``local_sources``: docname to file) to its own maps, so the rest of
    Sphinx, incremental rebuilds included, treats them as ordinary documents."""

    local_sources: dict = {}

    def discover(self, *args, **kwargs):
        docnames = super().discover(*args, **kwargs)
        for docname, path in self.local_sources.items():
            self.docnames.add(docname)
            self._docname_to_path[docname] = path
            self._path_to_docname[path] = docname
        return docnames


def add_documents(app):
    """Make the area's pages documents of this build, read from the profile folder."""
    app.env.local_page_docnames = {page.docname for page in app.signposting.pages}
    app.project.__class__ = ProjectWithLocalPages
    app.project.local_sources = sources(app)


def outdated(app, env, added, changed, removed):
    """A page added or removed changes the list of pages (and, for the first or the last, the
    navigation): read those again, so the new page is in a toctree and a removed one is gone."""
    if any(docname.startswith("local/") for docname in (*added, *removed)):
        return [INDEX, app.config.root_doc] if INDEX in env.found_docs else [app.config.root_doc]
    return []


def page_for(app, docname):
    return next((p for p in app.signposting.pages if p.docname == docname), None)


def area_name(app):
    area = app.signposting.tables["area"]
    return (area.in_welsh.get("name") if welsh(app.config) else "") or area.name


def prepare(app, doctree):
    """Name the page's source (the area), head it with who wrote it and when it was
    reviewed, and in the root document add the area's pages to the navigation."""
    docname = app.env.docname
    if docname == app.config.root_doc and app.signposting.pages:
        caption = _("In %(area)s") % {"area": area_name(app)}
        toctree = addnodes.toctree(
            parent=docname,
            entries=[(None, INDEX)],
            includefiles=[INDEX],
            maxdepth=1,
            caption=caption,
            rawcaption=caption,
            hidden=True,
            glob=False,
            titlesonly=True,
            numbered=0,
            includehidden=False,
        )
        doctree += nodes.compound("", toctree, classes=["toctree-wrapper"])
        return
    if docname != INDEX and docname not in getattr(app.env, "local_page_docnames", ()):
        return
    app.env.metadata[docname]["source"] = "area"
    app.env.note_dependency(str(app.signposting.folder / "profile.toml"))  # [pages], the area
    page = page_for(app, docname)
    if page is None:  # the list of pages: its words come from this extension's catalogue
        if welsh(app.config):
            for title in doctree.findall(nodes.title):
                title["translated"] = True
        return
    # The title comes from the front matter: the page's sections go under it.
    text = page.title_cy if welsh(app.config) and page.welsh else page.title
    section = nodes.section("", ids=[nodes.make_id(text) or "page"], names=[text.lower()])
    section += nodes.title("", text)
    section += about_page(app, page)
    # The front matter (docinfo) stays first, where Sphinx's metadata collector takes it.
    start = doctree.first_child_not_matching_class((nodes.PreBibliographic, nodes.docinfo))
    start = len(doctree.children) if start is None else start
    body = doctree.children[start:]
    doctree.children = doctree.children[:start]
    for node in body:
        node.parent = None
        section += node
    doctree += section
    if welsh(app.config) and page.welsh:
        for node in doctree.findall(nodes.TextElement):
            node["translated"] = True  # written in Welsh: nothing to translate


def about_page(app, page):
    """Who wrote the page (the area, never the guidance's authors), who keeps it, and when it
    was last reviewed, flagged when that is too long ago or never."""
    box = nodes.container(classes=["local-page-about"])
    box += nodes.paragraph(
        "",
        _(
            "Written by %(area)s for its practitioners, not by the authors of the guidance "
            "this guide is built on."
        )
        % {"area": area_name(app)},
    )
    facts = []
    if page.owner:
        facts.append(_("Kept up to date by: %(owner)s.") % {"owner": page.owner})
    if page.last_reviewed:
        facts.append(_("Last reviewed: %(date)s.") % {"date": page.last_reviewed.isoformat()})
    if facts:
        box += nodes.paragraph("", " ".join(facts))
    if page.needs_review:
        months = app.signposting.tables["pages"].review_after_months
        text = (
            _("Needs review: last reviewed more than %(months)s months ago.") % {"months": months}
            if page.last_reviewed
            else _("Needs review: no review date is given.")
        )
        box += nodes.paragraph("", "", nodes.strong("", text), classes=["local-page-review"])
    for node in box.findall(nodes.TextElement):
        node["translatable"] = False
    return box


def add_stylesheet(app, pagename, templatename, context, doctree):
    """The area's pages and the pages that lead to them load this extension's styles."""
    if doctree is not None and any(
        set(node.get("classes", ())) & {"local-page-about", "local-pages", "local-pathway-link"}
        for node in doctree.findall(nodes.Element)
    ):
        app.add_css_file("localpages.css", priority=850)


def add_static(app):
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


class LocalPagesDirective(SphinxDirective):
    """``{local-pages}``: the area's pages, each with its summary and review state."""

    def run(self):
        directory = self.env.signposting
        for page in directory.pages:
            self.env.note_dependency(str(page.path))
        result = nodes.bullet_list(classes=["local-pages"])
        entries = []
        for page in directory.pages:
            title = page.title_cy if welsh(self.config) and page.title_cy else page.title
            summary = page.summary_cy if welsh(self.config) and page.summary_cy else page.summary
            ref = addnodes.pending_xref(
                "",
                nodes.inline("", title),
                refdomain="std",
                reftype="doc",
                reftarget="/" + page.docname,
                refexplicit=True,
            )
            item = nodes.list_item("", nodes.paragraph("", "", ref))
            if summary:
                item += nodes.paragraph("", summary)
            if page.needs_review:
                item += nodes.paragraph("", _("Needs review."), classes=["local-page-review"])
            result += item
            entries.append((None, page.docname))
        intro = nodes.paragraph(
            "",
            _(
                "These pages are written by %(area)s for its own practitioners: how to refer, "
                "who to ask, and what is offered locally. They are not part of the guidance "
                "this guide is built on."
            )
            % {"area": area_name(self.env.app)},
        )
        toctree = addnodes.toctree(
            parent=self.env.docname,
            entries=entries,
            includefiles=[d for _t, d in entries],
            maxdepth=1,
            caption=None,
            hidden=True,
            glob=False,
            titlesonly=True,
            numbered=0,
            includehidden=False,
        )
        section = nodes.section("", ids=["local-pathway"], names=["local pathway"])
        section += nodes.title("", _("Local pathway"))
        section += [intro, result, nodes.compound("", toctree, classes=["toctree-wrapper"])]
        for node in section.findall(nodes.TextElement):
            node["translatable"] = False
        return [section]


class LocalPathwayLink(SphinxDirective):
    """``{local-pathway-link}``: on step 3 and the directory, a line leading to the area's
    pages; nothing when the area has none."""

    def run(self):
        directory = self.env.signposting
        self.env.note_dependency(str(directory.folder / "profile.toml"))
        if not directory.pages:
            return []
        ref = addnodes.pending_xref(
            "",
            nodes.inline(
                "", _("Local pathway pages for %(area)s") % {"area": area_name(self.env.app)}
            ),
            refdomain="std",
            reftype="doc",
            reftarget="/" + INDEX,
            refexplicit=True,
        )
        para = nodes.paragraph(
            "",
            "",
            nodes.Text(_("How to refer and who to ask in your area: ")),
            ref,
            classes=["local-pathway-link"],
        )
        para["translatable"] = False
        return [para]


def setup(app):
    app.setup_extension("myst_parser")
    app.setup_extension("signposting")
    register_catalog(app, CATALOG)
    app.add_source_parser(SafeMystParser, override=True)
    app.set_translator("html", CaptionLevelTranslator)
    app.add_directive("local-pages", LocalPagesDirective)
    app.add_directive("local-pathway-link", LocalPathwayLink)
    app.connect("builder-inited", add_documents)
    app.connect("builder-inited", add_static)
    app.connect("html-page-context", add_stylesheet)
    app.connect("doctree-read", prepare, priority=450)
    app.connect("env-get-outdated", outdated)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
