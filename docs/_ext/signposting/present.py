"""How a declared field is shown to a reader: its words, its row in an entry, its links, the
text in the build's language, and the ``data-`` attributes the directory's script filters by.

The declaration (``profiledata/schema.py``) says what a field is; this says how it looks, so
the core stays free of presentation. No docutils here either: ``render.py`` makes the nodes.
Labels are translated as they are shown (``tr``), the English words being the message ids.
"""

from profiledata import fields, schema

LINK_KINDS = (schema.PHONE, schema.EMAIL, schema.WEB)
# The field an entry shows on its own line, under the summary ("the way in"), so not again
# among the entry's other rows.
WAY_IN = schema.SERVICE.by_name["access"]
# The field an entry shows first, above its summary, so not again among its rows.
ALERT = schema.SERVICE.by_name["alert"]


def show(kind, value, tr=str, language="en"):
    """What a reader sees for a whole value: one word, or a list. ``tr`` translates an English
    label (the build's ``gettext``); labels with a language (language names) name themselves
    in the build's language."""
    if kind.labels is fields.language_name:
        return ", ".join(fields.language_name(v, language) for v in value)
    if not kind.many:
        return tr(kind.label(value))
    if kind.join:
        return tr(kind.join(value))
    return ", ".join(tr(kind.label(v)) for v in value)


def local_text(record, name, welsh):
    """A profile's text in the build's language: (text, whether it is the English fallback)."""
    english = getattr(record, name)
    if not welsh:
        return english, False
    translated = record.in_welsh.get(name)
    return (translated, False) if translated else (english, bool(english))


def links(table, record):
    """The record's phone, email and web links in declared order: (field, value)."""
    return [
        (f, getattr(record, f.name))
        for f in table.fields
        if f.kind in LINK_KINDS and getattr(record, f.name)
    ]


def rows(service, tr=str, welsh=False, language="en"):
    """The labelled rows of a directory entry, in declared order: (field, label, text, in
    English). Links, the review date, the way in and the alert have their own places in an entry.

    ``tr`` translates labels and words; with ``welsh``, a text field shows its Welsh
    counterpart, or its English text marked as English (the last item) when it has none."""
    result = []
    scope = "national" if service.national else "local"
    for f in schema.SERVICE.fields:
        value = getattr(service, f.name)
        if not f.label or f.kind in (*LINK_KINDS, schema.REVIEW_DATE) or f in (WAY_IN, ALERT):
            continue
        if f.shown_for not in ("all", scope):
            continue
        if value in ("", None, []):
            if f.unstated and service.audience == "families":
                result.append((f, tr(f.label), tr(f.unstated), False))
            continue
        if f.welsh and welsh:
            text, english = local_text(service, f.name, welsh)
            shown = tr(f.kind.label(text)) if f.kind.labels else text
            is_word = bool(f.kind.labels) and f.kind.label(text) != text  # "free" is a word
            result.append((f, tr(f.label), shown, english and not is_word))
            continue
        result.append((f, tr(f.label), show(f.kind, value, tr, language), False))
    return result


def filters(service):
    """Each filter's key and this service's values, for its ``data-`` attributes."""
    return {
        f.filter.key: " ".join(getattr(service, f.name))
        if f.kind.many
        else getattr(service, f.name)
        for f in schema.FILTERS
    }


def order(service):
    """How lists are ordered: what the guidance names first, then local, then the rest."""
    return (service.provenance != "named-in-guidance", service.national, service.name.lower())
