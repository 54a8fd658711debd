"""Services and contacts as plain docutils nodes, readable in every builder.

Every value from a profile becomes a text node: nothing here parses markup. HTML builds add
data attributes and the filter form in a post-transform (see ``html.py``).

Words of our own go through ``_`` (the ``signposting`` catalogue); in a Welsh build a profile's
text shows its ``_cy`` counterpart, or its English text marked ``lang="en"``
(``Words.text``). The labels in ``vocabulary.py`` and ``schema.py`` are the message ids;
``present.py`` says how each field is shown.
"""

from urllib.parse import urlsplit

from babel.dates import format_date
from docutils import nodes
from profiledata import schema
from profiledata.fields import LINK_SCHEMES, scheme
from sphinx.locale import get_translation, get_translator

from . import present

CATALOG = "signposting"
PROVENANCE = schema.SERVICE.by_name["provenance"]
ADDED = schema.SERVICE.by_name["added"]
_ = get_translation(CATALOG)


def ngettext(singular, plural, n):
    """The plural form of a message for ``n``, by the language's own rules (Welsh has six)."""
    return get_translator(CATALOG).ngettext(singular, plural, n)


ENGLISH = "language-en"


class Words:
    """The build's language: translated words, dates and a profile's text."""

    def __init__(self, language="en"):
        self.language = (language or "en").replace("-", "_")
        self.welsh = self.language.split("_")[0] == "cy"

    def tr(self, text):
        """One of our words in this language (the message id is the English: ``Words("en")``
        gives the English of a Welsh build, for a sentence shown in English)."""
        return str(_(text)) if text and self.language != "en" else text

    def date(self, day):
        return format_date(day, format="d MMMM y", locale=self.language)

    def text(self, record, name, *, classes=(), node=nodes.paragraph):
        """A node holding the record's text in this language, marked English if it falls back."""
        value, english = present.local_text(record, name, self.welsh)
        return node("", value, classes=[*classes, *([ENGLISH] if english else [])])

    def inline(self, record, name):
        value, english = present.local_text(record, name, self.welsh)
        return nodes.inline("", value, classes=[ENGLISH]) if english else nodes.Text(value)


def link(text, uri):
    """Only http, https, mailto and tel links are ever written, whatever reaches here."""
    if scheme(uri) not in LINK_SCHEMES:
        raise ValueError(f"refusing to write a link to {uri!r}")
    classes = ["external"] if scheme(uri) in ("http", "https") else []
    if text == uri:
        classes.append("bare")  # it shows its own address, so print does not repeat it
    return nodes.reference("", text, refuri=uri, classes=classes)


def link_for(kind, value):
    if kind is schema.PHONE:
        return link(str(value), value.uri)
    if kind is schema.EMAIL:
        return link(value, f"mailto:{value}")
    return link(value, value)


def contact_links(table, record, words):
    """The record's phone, email and web links, each after its declared label."""
    para = nodes.paragraph(classes=["contact-links"])
    for number, (f, value) in enumerate(present.links(table, record)):
        if number:
            para += nodes.Text(" · ")
        para += nodes.Text(words.tr(f.label) + ": ")
        para += link_for(f.kind, value)
    return para if para.children else None


def field(name, body, *, english=False):
    item = nodes.field()
    item += nodes.field_name("", name)
    value = nodes.field_body()
    classes = [ENGLISH] if english else []
    value += body if isinstance(body, nodes.Node) else nodes.paragraph("", body, classes=classes)
    item += value
    return item


def provenance(service, words, *, example=False):
    """Where the entry comes from, what the guide added, and when it was checked, if ever."""
    para = nodes.paragraph(classes=["service-provenance"])
    para += nodes.Text(present.show(PROVENANCE.kind, service.provenance, words.tr))
    para += nodes.Text(". ")
    if service.added:
        added = present.show(ADDED.kind, service.added, words.tr)
        para += nodes.Text(
            _("This guide added %(what)s, which the source does not give.") % {"what": added} + " "
        )
    if example and not service.national:
        para += nodes.strong("", _("Example entry: check every detail with the service."))
    elif service.last_reviewed:
        checked = words.date(service.last_reviewed)
        if service.checked_against:
            before, _sep, after = str(
                _("Last checked %(date)s against {page}.") % {"date": checked}
            ).partition("{page}")
            para += nodes.Text(before)
            para += link(str(_("its source page")), service.checked_against)
            para += nodes.Text(after)
        else:
            para += nodes.Text(_("Last checked %(date)s.") % {"date": checked})
    else:
        para += nodes.strong("", _("Not yet checked."))
    return para


def host_name(address):
    """``www.example.org/page`` is shown as ``example.org``: short enough for a phone."""
    host = urlsplit(address).hostname or address
    return host.removeprefix("www.")


def contact_link(kind, value):
    """A contact as a link that says what it does and shows what it is (the number, the
    address, the website's host), so it can be read out to a parent as well as tapped."""
    if kind is schema.PHONE:
        return link(_("Call %(number)s") % {"number": value}, value.uri)
    if kind is schema.EMAIL:
        return link(_("Email %(address)s") % {"address": value}, f"mailto:{value}")
    return link(host_name(value), value)


def entry_links(service, words=None):
    """The ways to contact a service, each a link that says what it does; a phone number with
    what it is for, the organisation's website marked as the organisation's."""
    words = words or Words()
    para = nodes.paragraph(classes=["contact-links", "service-links"])
    for f, value in present.links(schema.SERVICE, service):
        ref = contact_link(f.kind, value)
        if f.name == "organisation_website":
            ref += nodes.Text(" " + str(_("(the organisation's website)")))
        described = f"{f.name}_description"
        if f.kind is schema.PHONE and getattr(service, described, ""):
            ref += nodes.Text(" (")  # in the link: "Call 0113 496 0101 (Helpline)"
            ref += words.inline(service, described)
            ref += nodes.Text(")")
        para += ref
    return para if para.children else None


def alert(service, words):
    """The alert, first in the entry and in bold: what a practitioner must know now."""
    if not service.alert:
        return None
    label = words.tr(present.ALERT.label)
    para = nodes.paragraph("", "", classes=["service-alert"])
    para += nodes.strong("", label + ": ")
    para += words.inline(service, "alert")
    return para


def description(service, words):
    """The whole description: its paragraphs apart, and lines starting "- " as a list."""
    text, english = present.local_text(service, "description", words.welsh)
    if not text:
        return None
    box = nodes.container(classes=["service-description", *([ENGLISH] if english else [])])
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):
            items = nodes.bullet_list()
            for line in lines:
                items += nodes.list_item("", nodes.paragraph("", line[2:]))
            box += items
        else:
            box += nodes.paragraph("", " ".join(lines))
    return box


def way_in(service, words):
    """How families reach the service (``present.WAY_IN``), shown under its summary: (text,
    whether nobody said). Unstated reads as a quiet "How to get it: not stated, ask the
    service", never as the entry's boldest line."""
    value = getattr(service, present.WAY_IN.name)
    if value:
        return present.show(present.WAY_IN.kind, value, words.tr), False
    if service.audience != "families":
        return "", False
    label = words.tr(present.WAY_IN.label)
    return _("%(field)s: not stated, ask the service") % {"field": label}, True


def service_entry(service, words, *, full=True, review_months=12, example=False):
    """One service, compact: its name, who runs it, what it offers, the way in and its links.
    ``full`` (the directory) adds every other detail in a container that HTML shows as a
    disclosure (``html.py``) and every other builder shows as it is."""
    box = nodes.container(classes=["service"], service_filters=present.filters(service))
    box["service_filters"] = {"service": service.id, **box["service_filters"]}
    box += words.text(service, "name", classes=["service-name"], node=nodes.rubric)
    organisation = nodes.paragraph("", "", classes=["service-organisation"])
    organisation += words.inline(service, "organisation")
    if service.national:
        organisation += nodes.Text(" · ")
        organisation += nodes.emphasis("", _("National resource"))
    box += organisation
    if (note := alert(service, words)) is not None:
        box += note
    if full:
        box["ids"].append(f"service-{service.id}")
        box += words.text(service, "summary", classes=["service-summary"])
        way, unstated = way_in(service, words)
        if way:
            quiet = ["service-unstated"] if unstated else []
            box += nodes.paragraph("", way, classes=["service-way-in", *quiet])
    elif getattr(service, present.WAY_IN.name):  # a short list: the way in, when stated
        organisation += nodes.Text(" · " + way_in(service, words)[0])
    links = entry_links(service, words)
    if links is not None:
        box += links
    if service.stale and not example:
        stale = _("May be out of date: checked over %(months)d months ago.") % {
            "months": review_months
        }
        box += nodes.paragraph("", "", nodes.strong("", stale), classes=["service-stale"])
    if not full:
        return box  # the short form, for lists on other pages and the printed card
    more = nodes.container(classes=["service-more"])
    if (whole := description(service, words)) is not None:
        more += whole
    details = nodes.field_list(classes=["service-details"])
    for _field, label, shown, english in present.rows(
        service, words.tr, words.welsh, words.language
    ):
        details += field(
            label, shown, english=english
        )  # the way in and the alert are not among the rows
    if details.children:
        more += details
    more += provenance(service, words, example=example)
    box += more
    return box


def no_safeguarding_number():
    """Where to find the number a safeguarding contact does not give."""
    return _("No safeguarding number is given here: find it in your local safeguarding procedures.")


def has_number(record):
    return bool(record and (getattr(record, "phone", "") or getattr(record, "email", "")))


def contact_block(title, table, record, words, *, classes, ids=()):
    """The front door or safeguarding contact: name, summary, links, opening times. A
    safeguarding contact with no number or address says where to find one."""
    box = nodes.container(classes=["area-contact", *classes], ids=list(ids))
    box += nodes.rubric("", title)
    if getattr(record, "name", ""):
        name = nodes.paragraph("", "")
        name += nodes.strong("", "", words.inline(record, "name"))
        box += name
    if getattr(record, "summary", ""):
        box += words.text(record, "summary")
    links = contact_links(table, record, words)
    if links is not None:
        box += links
    if "safeguarding" in classes and not has_number(record):
        box += nodes.paragraph("", no_safeguarding_number())
    if getattr(record, "opening_times", ""):
        times = nodes.paragraph("", _("Opening times") + ": ")
        times += words.inline(record, "opening_times")
        box += times
    return box


def contact_line(title, table, record, words, *, classes, otherwise=""):
    """A contact in a line or two, for the top of a page: its title, its name, and each way
    to reach it as a link showing the number or address; ``otherwise`` when it has none."""
    parts = []
    if record is not None and getattr(record, "name", ""):
        parts.append([words.inline(record, "name")])
    # The number and address to read out; a website waits in the full contact below.
    found = present.links(table, record) if record is not None else []
    for f, value in found:
        if f.name == "website":
            continue
        label = [nodes.Text(words.tr(f.label) + ": ")] if f.kind is schema.WEB else []
        parts.append([*label, contact_link(f.kind, value)])  # "Local procedures: example.org"
    if otherwise:
        parts.append([nodes.Text(otherwise)])
    para = nodes.paragraph(classes=["area-contact-line", *classes])
    para += nodes.strong("", title)
    for number, part in enumerate(parts):
        para += nodes.Text(" · " if number else " ")
        para.extend(part)
    return para
