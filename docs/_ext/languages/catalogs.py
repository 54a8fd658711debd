"""Our message catalogues, kept in the repository's ``locales/<language>/LC_MESSAGES/``.

Sphinx compiles the catalogues of pages and its own ``sphinx.po``; an extension's catalogue
(``checklist.po``, ``signposting.po``...) is compiled here when its ``.po`` is newer than its
``.mo``, and registered with ``app.add_message_catalog``. ``{interface-glossary}`` lists every
interface string with its translation, for a reviewer who reads the language.
"""

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import CatalogInfo

CATALOG = "languages"
_ = get_translation(CATALOG)
# The interface catalogues, in the order the glossary lists them.
INTERFACE = (
    "sphinx",
    "attribution",
    "checklist",
    "signposting",
    "localpages",
    "languages",
    "cards",
    "offline",
)


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
        # A reviewer's table, not the page's text: never offered for translation, and left
        # out of search, so a search never shows catalogue text (``no-search``).
        table = nodes.table(classes=["interface-glossary", "no-search"])
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
        for node in table.findall(nodes.TextElement):
            node["translatable"] = False
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


def write_script_catalogue(app):
    """Sphinx's search and page scripts take their words from ``translations.js``, which Sphinx
    copies from ``sphinx.js`` in a locale folder. Sphinx's own calls ``new Function`` for the
    plural rule, which a strict Content-Security-Policy refuses; ours, made here from Sphinx's
    catalogue and ours, sets the same words and the rule as a plain function."""
    language = app.config.language or "en"
    if language.startswith("en") or not app.config.locale_dirs:
        return
    import sphinx

    builtin = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    ours = locale_dirs(app)[0] / language / "LC_MESSAGES"
    if not builtin.exists() or not (ours / "sphinx.po").exists():
        return
    text = builtin.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    catalogue = read_catalog(ours / "sphinx.po", language)
    messages = dict(data.get("messages", {}))
    for message in catalogue:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in messages and any(message.string):
            messages[key] = (
                list(message.string) if isinstance(message.id, tuple) else message.string
            )
    # Our catalogue's plural rule where it gives one (its plural messages follow it); Sphinx's
    # own plural messages are all untranslated in it, so nothing else depends on its rule.
    rule = str(catalogue.plural_expr or data.get("plural_expr") or "(n != 1)")
    messages = {k: v for k, v in messages.items() if not isinstance(v, list) or any(v)}
    # Only the words Sphinx's scripts use: the rest of its catalogue is for templates.
    scripts = "".join(
        path.read_text(encoding="utf-8")
        for path in (Path(sphinx.__file__).parent / "themes" / "basic" / "static").glob("*.js*")
    )
    messages = {k: v for k, v in messages.items() if k in scripts}
    if not PLURAL_RULE.fullmatch(rule):
        rule = "(n != 1)"
    script = (
        "/* The guide's words for Sphinx's scripts (languages/catalogs.py). */\n"
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages, ensure_ascii=False, sort_keys=True)});\n"
        f"Documentation.PLURAL_EXPR = function (n) {{ return Number({rule}); }};\n"
        f"Documentation.LOCALE = {json.dumps(data.get('locale', language))};\n"
    )
    target = ours / "sphinx.js"
    if not target.exists() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")


# A plural rule is arithmetic on n: digits, n, comparisons, ternaries and brackets only.
PLURAL_RULE = re.compile(r"[\sn0-9%=!<>?:()&|+\-]+")
