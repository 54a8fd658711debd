"""Checklists collected on the environment: parallel-safe, checked once, exported once."""

from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from .i18n import _
from .model import export
from .nodes import checklist_index

logger = logging.getLogger(__name__)


def init_env(app, env, docnames):
    if not hasattr(env, "checklist_registry"):
        env.checklist_registry = {}
    if not hasattr(env, "checklist_index_docs"):
        env.checklist_index_docs = set()
    app.checklist_index_before = index_state(env)


def index_state(env):
    """Everything a ``{checklist-index}`` shows: each checklist's page, id, title, item count
    and page title, in order."""
    return [
        (r.docname, r.id, r.title, len(r.items), env.titles[r.docname].astext())
        for r in all_checklists(env)
        if r.docname in env.titles
    ]


def purge(app, env, docname):
    env.checklist_registry.pop(docname, None)
    env.checklist_index_docs.discard(docname)


def merge(app, env, docnames, other):
    for docname in docnames:
        if docname in other.checklist_registry:
            env.checklist_registry[docname] = other.checklist_registry[docname]
    env.checklist_index_docs |= other.checklist_index_docs & set(docnames)


def all_checklists(env):
    """Every checklist once, first by reading order; later duplicates are left out."""
    seen, result = set(), []
    for docname in reading_order(env):
        for record in env.checklist_registry.get(docname, []):
            if record.id not in seen:
                seen.add(record.id)
                result.append(record)
    return result


def reading_order(env):
    """Documents in the order the table of contents presents them, then any others."""
    order, stack = [], [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in order:
            continue
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order + sorted(set(env.checklist_registry) - set(order))


def check_duplicates(app, env):
    """A duplicate id is an error naming both places, however the documents were read. The
    first place is the one ``checklists.json`` keeps: the first in reading order."""
    first = {}
    for docname in reading_order(env):
        for record in sorted(env.checklist_registry.get(docname, []), key=lambda r: r.lineno):
            if record.id in first:
                other = first[record.id]
                logger.warning(
                    "checklist %r: duplicate id, first used at %s:%s",
                    record.id,
                    env.doc2path(other.docname),
                    other.lineno,
                    location=(record.docname, record.lineno),
                    type="checklist",
                    subtype="duplicate",
                )
            else:
                first[record.id] = record


def pages_to_rewrite(app, env):
    """Pages holding ``{checklist-index}`` show other pages' checklists, so rewrite them when
    what they show changed (an edit elsewhere costs no rewrite)."""
    if getattr(app, "checklist_index_before", None) == index_state(env):
        return []
    return sorted(env.checklist_index_docs)


def fill_index(app, doctree, fromdocname):
    env = app.env
    for placeholder in list(doctree.findall(checklist_index)):
        listing = nodes.bullet_list(classes=["checklist-index"])
        for record in all_checklists(env):
            uri = app.builder.get_relative_uri(fromdocname, record.docname)
            link = nodes.reference(
                "", record.title, internal=True, refuri=f"{uri}#checklist-{record.id}"
            )
            para = nodes.paragraph("", "", link)
            title = env.titles[record.docname].astext() if record.docname in env.titles else ""
            count = _("%d items") % len(record.items)
            para += nodes.Text(" " + (_("(on “%s”, %s)") % (title, count)))
            listing += nodes.list_item("", para)
        if not listing.children:
            placeholder.replace_self(nodes.paragraph("", _("There are no checklists yet.")))
        else:
            placeholder.replace_self(listing)


def write_json(app, exception):
    """``checklists.json`` at the output root, for HTML builds that succeeded."""
    if exception is not None or app.builder.format != "html":
        return
    records = all_checklists(app.env)
    for record in records:
        record.url = f"{app.builder.get_target_uri(record.docname)}#checklist-{record.id}"
    Path(app.outdir, "checklists.json").write_text(export(records), encoding="utf-8")
