"""Services and contacts as plain docutils nodes, readable in every builder.

HTML builds add data attributes and the filter form in a post-transform (see ``html.py``).
"""

from docutils import nodes

from .fields import language_name
from .vocabulary import ACCESS, DELIVERY, STAGES, TIERS, TOPICS

SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def link(text, uri):
    """Only http, https, mailto and tel links are ever written, whatever reaches here."""
    if uri.split(":", 1)[0] not in SAFE_SCHEMES:
        raise ValueError(f"refusing to write a link to {uri!r}")
    classes = ["external"] if uri.startswith("http") else []
    if text == uri:
        classes.append("bare")  # it shows its own address, so print does not repeat it
    return nodes.reference("", text, refuri=uri, classes=classes)


def contact_links(contact):
    para = nodes.paragraph(classes=["contact-links"])
    parts = []
    if contact.phone:
        parts.append(("Phone", link(contact.phone, f"tel:{contact.phone_e164}")))
    if contact.email:
        parts.append(("E-mail", link(contact.email, f"mailto:{contact.email}")))
    if contact.website:
        parts.append(("Website", link(contact.website, contact.website)))
    for number, (label, ref) in enumerate(parts):
        if number:
            para += nodes.Text(" · ")
        para += nodes.Text(f"{label}: ")
        para += ref
    return para if parts else None


def field(name, body):
    item = nodes.field()
    item += nodes.field_name("", name)
    value = nodes.field_body()
    value += body if isinstance(body, nodes.Node) else nodes.paragraph("", body)
    item += value
    return item


def service_entry(service, *, full=True, review_months=12):
    """One service. ``full`` shows every detail (the directory); otherwise a short form."""
    box = nodes.container(
        classes=["service"],
        service_filters={
            "service": service.id,
            "tier": service.tier,
            "stages": " ".join(service.stages),
            "topics": " ".join(service.topics),
            "access": " ".join(service.access),
            "languages": " ".join(service.languages),
        },
    )
    box += nodes.rubric("", service.name, classes=["service-name"])
    organisation = nodes.paragraph("", service.organisation, classes=["service-organisation"])
    if service.national:
        organisation += nodes.Text(" · ")
        organisation += nodes.emphasis("", "National resource")
    box += organisation
    if not full:
        # The short form, for lists on other pages and the printed card: no ids to clash.
        organisation += nodes.Text(" · " + ", ".join(ACCESS[a] for a in service.access))
        contacts = contact_links(service)
        if contacts is not None:
            box += contacts
        return box
    box["ids"].append(f"service-{service.id}")
    box += nodes.paragraph("", service.summary, classes=["service-summary"])
    details = nodes.field_list(classes=["service-details"])
    contacts = contact_links(service)
    if contacts is not None:
        details += field("Contact", contacts)
    details += field("How to get it", ", ".join(ACCESS[a] for a in service.access))
    details += field("Level", TIERS[service.tier])
    details += field("For", ", ".join(STAGES[s] for s in service.stages))
    if service.topics:
        details += field("Topics", ", ".join(TOPICS[t] for t in service.topics))
    if service.delivery:
        details += field("Delivered", ", ".join(DELIVERY[d] for d in service.delivery))
    details += field("Cost", "Free" if service.cost.lower() == "free" else service.cost)
    details += field("Languages", ", ".join(language_name(code) for code in service.languages))
    details += field("Area", service.area)
    if service.address:
        details += field("Address", service.address)
    if service.opening_times:
        details += field("Opening times", service.opening_times)
    reviewed = nodes.paragraph("", service.last_reviewed.strftime("%-d %B %Y"))
    if service.stale:
        reviewed += nodes.Text(" ")
        reviewed += nodes.strong(
            "", f"(may be out of date: reviewed over {review_months} months ago)"
        )
    details += field("Last reviewed", reviewed)
    box += details
    return box


def contact_block(title, contact, *, classes):
    box = nodes.container(classes=["area-contact", *classes])
    box += nodes.rubric("", title)
    if contact.name:
        box += nodes.paragraph("", "", nodes.strong("", contact.name))
    if contact.summary:
        box += nodes.paragraph("", contact.summary)
    links = contact_links(contact)
    if links is not None:
        box += links
    if contact.opening_times:
        box += nodes.paragraph("", f"Opening times: {contact.opening_times}")
    return box
