"""Our message catalogues, kept in the repository's ``locales/<language>/LC_MESSAGES/``.

Sphinx compiles the catalogues of pages and its own ``sphinx.po``; an extension's catalogue
(``checklist.po``, ``signposting.po``...) is compiled here when its ``.po`` is newer than its
``.mo``, and registered with ``app.add_message_catalog``. ``{interface-glossary}`` lists every
interface string with its translation, for a reviewer who reads the language.
"""

from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import CatalogInfo

CATALOG = "languages"
_ = get_translation(CATALOG)
# The interface catalogues, in the order the glossary lists them.
INTERFACE = ("sphinx", "attribution", "checklist", "signposting", "languages", "cards", "offline")


def locale_dirs(app):
    return [Path(app.srcdir, folder) for folder in app.config.locale_dirs]


def register_catalog(app, name):
    """Compile (when stale) and register the catalogue ``name`` for the build's language."""
    language = app.config.language or "en"
    for folder in locale_dirs(app):
        info = CatalogInfo(folder / language / "LC_MESSAGES", name, "utf-8")
        if language != "en" and info.po_path.exists() and info.is_outdated():
            info.write_mo(language)
        app.add_message_catalog(name, str(folder))


def read_catalog(path, language):
    with open(path, encoding="utf-8") as handle:
        return read_po(handle, language)


def interface_messages(folders, language):
    """(catalogue, English, translation) for every interface string, in catalogue order."""
    rows = []
    for name in INTERFACE:
        for folder in folders:
            path = Path(folder, language, "LC_MESSAGES", f"{name}.po")
            if not path.exists():
                continue
            for message in read_catalog(path, language):
                if not message.id:
                    continue
                english = message.id if isinstance(message.id, str) else message.id[0]
                welsh = message.string if isinstance(message.string, str) else message.string[0]
                rows.append((name, english, welsh or ""))
    return rows


class GlossaryDirective(SphinxDirective):
    """``{interface-glossary} cy``: every interface string beside its translation."""

    required_arguments = 1

    def run(self):
        language = self.arguments[0]
        folders = locale_dirs(self.env.app)
        for folder in folders:
            for path in sorted(Path(folder, language, "LC_MESSAGES").glob("*.po")):
                self.env.note_dependency(str(path))
        rows = interface_messages(folders, language)
        table = nodes.table(classes=["interface-glossary"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (2, 5, 5):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self.row([_("Part"), _("English"), _("Welsh")])
        body = nodes.tbody()
        group += body
        for name, english, welsh in rows:
            body += self.row([name, english, welsh or _("(not yet translated)")], lang=language)
        return [table]

    @staticmethod
    def row(cells, lang=None):
        row = nodes.row()
        for number, text in enumerate(cells):
            entry = nodes.entry()
            para = nodes.paragraph("", str(text))
            if lang and number == 2:
                para["classes"].append(f"language-{lang}")
            elif lang and number == 1:
                para["classes"].append("language-en")
            entry += para
            row += entry
        return row
