"""Services and contacts as plain docutils nodes, readable in every builder.

Every value from a profile becomes a text node: nothing here parses markup. HTML builds add
data attributes and the filter form in a post-transform (see ``html.py``).
"""

from urllib.parse import urlsplit

from docutils import nodes

from . import schema
from .fields import LINK_SCHEMES, scheme


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


def contact_links(table, record):
    """The record's phone, email and web links, each after its declared label."""
    para = nodes.paragraph(classes=["contact-links"])
    for number, (f, value) in enumerate(schema.links(table, record)):
        if number:
            para += nodes.Text(" · ")
        para += nodes.Text(f"{f.label}: ")
        para += link_for(f.kind, value)
    return para if para.children else None


def field(name, body):
    item = nodes.field()
    item += nodes.field_name("", name)
    value = nodes.field_body()
    value += body if isinstance(body, nodes.Node) else nodes.paragraph("", body)
    item += value
    return item


def provenance(service, *, example=False, review_months=12):
    """Where the entry comes from, what the guide added, and when it was checked, if ever."""
    para = nodes.paragraph(classes=["service-provenance"])
    para += nodes.Text(schema.SERVICE.by_name["provenance"].kind.label(service.provenance))
    if service.added:
        added = schema.SERVICE.by_name["added"].kind
        para += nodes.Text(
            f". This guide added {added.show(service.added)}, which the source does not give"
        )
    para += nodes.Text(". ")
    if example and not service.national:
        para += nodes.strong("", "Example entry: check every detail with the service.")
    elif service.last_reviewed:
        para += nodes.Text("Last checked " + service.last_reviewed.strftime("%-d %B %Y"))
        if service.checked_against:
            para += nodes.Text(" against ")
            para += link("its source page", service.checked_against)
        para += nodes.Text(".")
    else:
        para += nodes.strong("", "Not yet checked.")
    return para


def host_name(address):
    """``www.example.org/page`` is shown as ``example.org``: short enough for a phone."""
    host = urlsplit(address).hostname or address
    return host.removeprefix("www.")


def entry_links(service):
    """The ways to contact a service, each a link that says what it does."""
    para = nodes.paragraph(classes=["contact-links", "service-links"])
    for f, value in schema.links(schema.SERVICE, service):
        if f.kind is schema.PHONE:
            ref = link(f"Call {value}", value.uri)
        elif f.kind is schema.EMAIL:
            ref = link("Email the service", f"mailto:{value}")
            ref += nodes.inline("", f" ({value})", classes=["print-only"])
        else:
            ref = link(host_name(value), value)
        para += ref
    return para if para.children else None


def way_in(service):
    access = schema.SERVICE.by_name["access"]
    if service.access:
        return access.kind.show(service.access)
    return access.unstated if service.audience == "families" else ""


def service_entry(service, *, full=True, review_months=12, example=False):
    """One service, compact: its name, who runs it, what it offers, the way in and its links.
    ``full`` (the directory) adds every other detail in a container that HTML shows as a
    disclosure (``html.py``) and every other builder shows as it is."""
    box = nodes.container(classes=["service"], service_filters=service.filters())
    box["service_filters"] = {"service": service.id, **box["service_filters"]}
    box += nodes.rubric("", service.name, classes=["service-name"])
    organisation = nodes.paragraph("", service.organisation, classes=["service-organisation"])
    if service.national:
        organisation += nodes.Text(" · ")
        organisation += nodes.emphasis("", "National resource")
    box += organisation
    if full:
        box["ids"].append(f"service-{service.id}")
        box += nodes.paragraph("", service.summary, classes=["service-summary"])
        if way := way_in(service):
            box += nodes.paragraph("", way, classes=["service-way-in"])
    elif service.access:  # a short list: the way in beside the organisation, when stated
        organisation += nodes.Text(" · " + way_in(service))
    links = entry_links(service)
    if links is not None:
        box += links
    if service.stale and not example:
        box += nodes.paragraph(
            "",
            "",
            nodes.strong("", f"May be out of date: checked over {review_months} months ago."),
            classes=["service-stale"],
        )
    if not full:
        return box  # the short form, for lists on other pages and the printed card
    more = nodes.container(classes=["service-more"])
    details = nodes.field_list(classes=["service-details"])
    for label, shown in schema.rows(service):
        if label != schema.SERVICE.by_name["access"].label:
            details += field(label, shown)
    if details.children:
        more += details
    more += provenance(service, example=example, review_months=review_months)
    box += more
    return box


def contact_block(title, table, record, *, classes, ids=()):
    """The front door or safeguarding contact: name, summary, links, opening times."""
    box = nodes.container(classes=["area-contact", *classes], ids=list(ids))
    box += nodes.rubric("", title)
    if getattr(record, "name", ""):
        box += nodes.paragraph("", "", nodes.strong("", record.name))
    if getattr(record, "summary", ""):
        box += nodes.paragraph("", record.summary)
    links = contact_links(table, record)
    if links is not None:
        box += links
    if getattr(record, "opening_times", ""):
        box += nodes.paragraph("", f"Opening times: {record.opening_times}")
    return box
