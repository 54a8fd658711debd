"""HTML only: real checkboxes, progress, memory note, Clear button and timer."""

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .directives import BOX
from .i18n import _, ngettext
from .nodes import checklist_hint, checklist_html, checklist_item, checklist_label, checklist_timer

MEMORY_NOTES = {
    "tab": _(
        "Your ticks are kept only in this browser tab and go when you close it. "
        "Nothing is sent anywhere."
    ),
    "device": _(
        "Your ticks are kept in this browser on this device until you clear them. "
        "Nothing is sent anywhere."
    ),
    "off": _("Your ticks are not kept: they clear when you leave or reload this page."),
}


# Single-page HTML and e-books gather pages together, so they keep the plain ☐ list.
INTERACTIVE_BUILDERS = ("html", "dirhtml")


def interactive(builder):
    return builder.name in INTERACTIVE_BUILDERS


class ChecklistHTMLTransform(SphinxPostTransform):
    """Turn the plain ☐ list into labelled checkboxes, for HTML builders only."""

    default_priority = 200
    builders = INTERACTIVE_BUILDERS

    def run(self, **kwargs):
        for box in list(self.document.findall(nodes.container)):
            if "checklist_id" not in box.attributes:
                continue
            html = checklist_html(
                "",
                ids=list(box["ids"]),
                checklist_id=box["checklist_id"],
                title=box["checklist_title"],
                timer=box["checklist_timer"],
                digest=box["checklist_digest"],
                page=self.env.docname,
                remember=self.config.checklist_remember_ticks,
            )
            for child in box.children[1:]:
                if isinstance(child, nodes.bullet_list) and not html.get("has_items"):
                    html["has_items"] = True
                    if box["checklist_timer"]:
                        html += checklist_timer("", seconds=box["checklist_timer"])
                    html += self._items(child, box["checklist_id"])
                else:
                    html += child.deepcopy()
            box.replace_self(html)

    def _items(self, bullets, checklist_id):
        wrapper = nodes.bullet_list(classes=["checklist-items"])
        for entry in bullets.children:
            item_id = entry["checklist_item_id"]
            control = f"cl-{checklist_id}-{item_id}"
            first = entry.children[0]
            english = "language-en" in first.get("classes", [])  # not yet translated
            label = checklist_label(
                "", "", control=control, hinted=len(entry.children) > 1, english=english
            )
            label.extend(child.deepcopy() for child in first.children)
            if isinstance(label[0], nodes.Text):
                label[0] = nodes.Text(label[0].astext().removeprefix(BOX))
            item = checklist_item("", item_id=item_id)
            item += label
            if len(entry.children) > 1:
                hint = checklist_hint("", ids=[f"{control}-hint"])
                hint.extend(child.deepcopy() for child in entry.children[1:])
                item += hint
            wrapper += item
        return wrapper


def duration(seconds):
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(ngettext("%d minute", "%d minutes", minutes) % minutes)
    if rest:
        parts.append(ngettext("%d second", "%d seconds", rest) % rest)
    return " ".join(parts)


def visit_checklist(self, node):
    attrs = {
        "data-checklist": node["checklist_id"],
        "data-page": node["page"],
        "data-key": node["digest"],
        "data-remember": node["remember"],
        "data-progress": _("{ticked} of {total} ticked"),
        "data-no-memory": _(
            "This browser is not keeping your ticks here, so they clear when you leave this page."
        ),
    }
    self.body.append(self.starttag(node, "div", CLASS="checklist", **attrs))
    # The boxes sit in a form with autocomplete="off", so that a browser never restores ticks
    # on reload or going back when the policy is "off" (a checkbox may not carry the attribute).
    self.body.append('<form class="checklist-form" autocomplete="off">')
    self.body.append('<fieldset class="checklist-fieldset">')
    # A checklist's title is written in the page, in English, and not offered for translation.
    english = not (self.builder.config.language or "en").startswith("en")
    lang = ' lang="en"' if english else ""
    self.body.append(
        f'<legend class="checklist-title"{lang}>{self.encode(node["title"])}</legend>\n'
    )


def depart_checklist(self, node):
    note = MEMORY_NOTES[node["remember"]]
    clear = _("Clear ticks")  # outside the f-string, where message extraction sees it
    self.body.append("</fieldset></form>\n")
    self.body.append(
        '<div class="checklist-tools" hidden>'
        '<p class="checklist-progress" role="status" aria-live="polite"></p>'
        f'<button type="button" class="checklist-clear">{self.encode(clear)}</button>'
        f'<p class="checklist-memory">{self.encode(note)}</p>'
        "</div>\n</div>\n"
    )


def visit_timer(self, node):
    """One primary button (Start, Pause while running, Continue when paused) and Reset, which
    is disabled at the full time; each change of state is announced once, time up visibly.
    The time and buttons share a row that wraps rather than spills; the time-up message has
    the whole width beneath them, so it stays short in every language."""
    seconds = node["seconds"]
    length = duration(seconds)
    done = _("Time is up: %s have passed.") % length
    words = {
        "start": _("Start"),
        "pause": _("Pause"),
        "continue": _("Continue"),
        "started": _("Timer started."),
        "paused": _("Timer paused."),
        "reset": _("Timer reset."),
    }
    data = " ".join(f'data-{key}="{self.attval(word)}"' for key, word in words.items())
    allow = _("Allow %s.") % length  # outside the f-string, where message extraction sees it
    time_left = _("Time left")
    reset = _("Reset")
    minutes, rest = divmod(seconds, 60)
    self.body.append(
        f'<div class="checklist-timer" data-seconds="{seconds}" '
        f'data-done="{self.attval(done)}" {data}>'
        f'<p class="checklist-timer-static">{self.encode(allow)}</p>'
        '<div class="checklist-timer-controls" hidden><div class="checklist-timer-row">'
        f'<span class="checklist-timer-label">{self.encode(time_left)}</span> '
        f'<span class="checklist-timer-display" role="timer">{minutes:02d}:{rest:02d}</span> '
        f'<button type="button" class="checklist-timer-toggle">{self.encode(words["start"])}</button> '
        f'<button type="button" class="checklist-timer-reset" disabled>{self.encode(reset)}</button>'
        "</div>"
        '<span class="checklist-timer-said visually-hidden" role="status" aria-live="polite"></span>'
        '<p class="checklist-timer-status" role="status" aria-live="polite"></p>'
        "</div></div>\n"
    )
    raise nodes.SkipNode


def visit_item(self, node):
    self.body.append(f'<li class="checklist-item" data-item="{self.attval(node["item_id"])}">')


def depart_item(self, node):
    self.body.append("</li>\n")


def visit_label(self, node):
    control = node["control"]
    described = f' aria-describedby="{control}-hint"' if node["hinted"] else ""
    lang = ' lang="en"' if node.get("english") else ""
    self.body.append(
        f'<input type="checkbox" class="checklist-box" id="{control}"{described}>'
        f'<label for="{control}"{lang}>'
    )


def depart_label(self, node):
    self.body.append("</label>")


def visit_hint(self, node):
    self.body.append(self.starttag(node, "div", CLASS="checklist-hint"))


def depart_hint(self, node):
    self.body.append("</div>")
