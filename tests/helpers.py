"""Small checks shared by the theme and whole-site tests."""

from html.parser import HTMLParser


class _InlineFinder(HTMLParser):
    """Collect everything a strict Content-Security-Policy would block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script":
            if "src" not in names:
                self.problems.append(f"<script> without src at line {self.getpos()[0]}")
            self._in_script = True
        if tag == "style":
            self.problems.append(f"<style> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style= on <{tag}> at line {self.getpos()[0]}")
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}> at line {self.getpos()[0]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script text at line {self.getpos()[0]}")


def inline_code(html: str) -> list[str]:
    """Every inline script, style element, style attribute or event handler in a page."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


class ChecklistParser(HTMLParser):
    """Checklists as a reader's browser sees them: id, title and each box's label text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._label, self._legend = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-checklist" in attrs:
            self.found.append({"id": attrs["data-checklist"], "title": "", "items": []})
        elif tag == "legend" and self.found:
            self._legend = True
        elif tag == "li" and "data-item" in attrs and self.found:
            self.found[-1]["items"].append({"id": attrs["data-item"], "text": ""})
        elif tag == "label" and self.found and self.found[-1]["items"]:
            self._label = self.found[-1]["items"][-1]

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None
        if tag == "legend":
            self._legend = False

    def handle_data(self, data):
        if self._label is not None:
            self._label["text"] += data
        elif self._legend:
            self.found[-1]["title"] += data


def checklists_in(html):
    parser = ChecklistParser()
    parser.feed(html)
    for checklist in parser.found:
        for item in checklist["items"]:
            item["text"] = " ".join(item["text"].split())
    return parser.found
