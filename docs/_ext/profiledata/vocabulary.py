"""The words a profile may use, with the labels readers see, in display order.

``schema.py`` says which field uses which list (ARCHITECTURE.md, "The local profile").
"""

import re
import unicodedata

# Ids of checklists and of services: lower-case letters, digits and single hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text):
    """``Bro Morgannwg`` is ``bro-morgannwg``, ``Ynys Môn`` is ``ynys-mon``: letters and digits
    without accents, in lower case, joined by single hyphens (a card's PDF, a release's zip)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# Where a checklist's ticks are kept: this tab, this device, or nowhere ([checklists]).
REMEMBER_POLICIES = ("tab", "device", "off")

TIERS = {
    "advice": "Getting advice",
    "help": "Getting help",
    "more-help": "Getting more help",
}

# Annex A of the guidance, word for word: what each tier offers.
TIER_WORDING = {
    "advice": "Some parents and carers might benefit from signposting resources available "
    "locally or online.",
    "help": "Some parents and carers might benefit from open access or universal support.",
    "more-help": "Some parents and carers might benefit from specialist parent-infant "
    "relationship support.",
}

STAGES = {
    "pregnancy": "Pregnancy",
    "first-year": "First year",
    "second-year": "Second year",
}

TOPICS = {
    "bonding-and-attachment": "Bonding and attachment",
    "crying-and-soothing": "Crying and soothing",
    "play-and-communication": "Play and communication",
    "perinatal-mental-health": "Perinatal mental health",
    "birth-trauma-and-loss": "Birth trauma and loss",
    "premature-or-unwell-babies": "Premature or unwell babies",
    "young-parents": "Young parents",
    "parents-with-learning-difficulties": "Parents with learning difficulties",
    "substance-use": "Substance use",
    "domestic-abuse-and-conflict": "Domestic abuse and conflict",
    "fathers-and-co-parents": "Fathers and co-parents",
    "parenting-support": "Parenting support",
    "practitioner-learning": "Learning for practitioners",
}

ACCESS = {
    "self-referral": "Self-referral",
    "professional-referral": "Professional referral",
    "drop-in": "Drop-in",
    "online": "Online",
}

DELIVERY = {
    "in-person": "In person",
    "home-visit": "Home visit",
    "online": "Online",
    "phone": "Phone",
}

NATIONS = ("england", "wales")

AUDIENCES = {
    "families": "Families",
    "practitioners": "Practitioners",
}

# Where a service applies. All four together are shown as "UK-wide".
UK_NATIONS = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}

# Where an entry comes from. Profiles' own services default to "local-profile".
PROVENANCE = {
    "named-in-guidance": "Named in the guidance",
    "named-in-leaflet": "Named in the Cardiff leaflet",
    "added-by-guide": "Added by this guide; not named in the guidance",
    "local-profile": "From this area's local profile",
}

# Details of an entry that this guide added where the source gives none.
ADDED_DETAILS = {
    "organisation": "the organisation's name",
    "website": "the web address",
    "phone": "the phone number",
    "email": "the email address",
    "address": "the address",
}

# The shapes of Open Referral UK feed the importer reads.
IMPORT_FORMATS = {
    "hsds-3": "Open Referral UK 3.0 (HSDS 3.0)",
    "oruk-1": "Open Referral UK 1",
}

# In Wales: whether a profile's text may lack its Welsh counterpart ([area] welsh).
WELSH_TEXT = {
    "optional": "Welsh text where it is given",
    "required": "Welsh text for every text",
}
