"""The ``checklist`` and ``checklist-index`` directives."""

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .i18n import _
from .model import Checklist, ChecklistError, Item, check_id, item_ids, parse_timer
from .nodes import checklist_index

logger = logging.getLogger(__name__)
BOX = "☐ "


class ChecklistDirective(SphinxDirective):
    """A titled checklist: text before the list introduces it, each top-level item is a box.

    The output is plain docutils (a container holding a bullet list with ☐ marks), so
    text, LaTeX and singlehtml builds get a readable list; HTML builds turn it into real
    checkboxes in a post-transform.
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"id": directives.unchanged, "timer": directives.unchanged}

    def run(self):
        problems = []
        title = (self.arguments[0] if self.arguments else "").strip()
        if not title:
            problems.append(("title", "needs a title, as in ```{checklist} Setting the scene"))
        try:
            checklist_id = check_id(self.options.get("id"))
        except ChecklistError as exc:
            checklist_id = None
            problems.append(("id", str(exc)))
        try:
            timer = parse_timer(self.options.get("timer"))
        except ChecklistError as exc:
            timer = 0
            problems.append(("timer", str(exc)))

        body = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, body)
        lists = [child for child in body.children if isinstance(child, nodes.bullet_list)]
        if not lists:
            problems.append(("list", "has no bullet list of items"))
            entries = []
        else:
            entries = list(lists[0].children)
        for number, entry in enumerate(entries, start=1):
            first = entry.children[0] if entry.children else None
            text = first.astext().strip() if isinstance(first, nodes.paragraph) else ""
            if not text:
                line = entry.line or self.lineno
                problems.append(("item", f"item {number} (line {line}) is empty"))

        name = f"checklist {checklist_id!r}" if checklist_id else "checklist"
        for subtype, problem in problems:
            logger.warning(
                "%s: %s",
                name,
                problem,
                location=(self.env.docname, self.lineno),
                type="checklist",
                subtype=subtype,
            )
        if problems:
            return []

        for entry in entries:
            entry["checklist_item"] = True
            entry.children[0].insert(0, nodes.Text(BOX))

        box = nodes.container(
            classes=["checklist"],
            checklist_id=checklist_id,
            checklist_title=title,
            checklist_timer=timer,
            checklist_line=self.lineno,
        )
        box["ids"].append(f"checklist-{checklist_id}")
        self.set_source_info(box)
        heading = nodes.paragraph("", "", classes=["checklist-title"])
        heading += nodes.strong("", _("Checklist: %s") % title)
        box += heading
        box.extend(body.children)
        return [box]


class ChecklistIndexDirective(SphinxDirective):
    """``{checklist-index}``: every checklist in the site, with its page."""

    def run(self):
        self.env.checklist_index_docs.add(self.env.docname)
        return [checklist_index("")]


def record_checklists(app, doctree):
    """Read each checklist's items once transforms are done, so the data is what is shown."""
    docname = app.env.docname
    for box in doctree.findall(nodes.container):
        if "checklist_id" not in box.attributes:
            continue
        entries = [entry for entry in box.findall(nodes.list_item) if entry.get("checklist_item")]
        labels = [
            " ".join(entry.children[0].astext().removeprefix(BOX).split()) for entry in entries
        ]
        items = []
        for entry, item_id, label in zip(entries, item_ids(labels), labels, strict=True):
            hint = " ".join(" ".join(child.astext() for child in entry.children[1:]).split())
            entry["checklist_item_id"] = item_id
            items.append(Item(id=item_id, text=label, hint=hint))
        record = Checklist(
            id=box["checklist_id"],
            title=box["checklist_title"],
            docname=docname,
            lineno=box["checklist_line"],
            items=items,
            timer=box["checklist_timer"],
        )
        box["checklist_digest"] = record.digest
        app.env.checklist_registry.setdefault(docname, []).append(record)
