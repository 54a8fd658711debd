"""``signposting-directory``, ``signposting``, ``signposting-contacts`` and the ``directory`` role."""

from urllib.parse import parse_qsl, urlencode

from docutils import nodes
from docutils.parsers.rst import directives
from languages.untranslated import bilingual, generated
from profiledata import schema
from profiledata.fields import LANGUAGE_CODES
from profiledata.vocabulary import TIER_WORDING, TIERS
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import split_explicit_title

from . import present
from .render import (
    ENGLISH,
    Words,
    _,
    contact_block,
    contact_line,
    has_number,
    no_safeguarding_number,
    service_entry,
)

logger = logging.getLogger(__name__)
# The filters a link or a short list may use: every declared filter, by its URL key.
FILTERS = {
    f.filter.key: LANGUAGE_CODES if f.kind is schema.LANGUAGES else f.kind.labels
    for f in schema.FILTERS
}
FILTER_FIELDS = {f.filter.key: f for f in schema.FILTERS}


class directory_link(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """A link to the directory page with a filter, resolved once the builder's URIs are known."""


class directory_filters(nodes.General, nodes.Element):  # noqa: N801
    """Where the directory's filter form goes (HTML only)."""


class directory_entries(nodes.General, nodes.Element):  # noqa: N801
    """Where a group's services go, by id, in order: filled at ``doctree-resolved``
    (``fill_entries``), as the checklist index is, so Sphinx's transforms, the pickled
    doctree and the environment carry ids, not 10,000 entries of about sixty nodes each."""


class DataDirective(SphinxDirective):
    """A directive whose output depends on the profile's files, so it is re-read when they change.

    Its words are the interface's and the profile's, never page text: ``run`` marks them
    ``generated``, so they are not offered to translators nor marked as untranslated English."""

    def run(self):
        return generated(*self.make())

    @property
    def directory(self):
        directory = self.env.signposting
        for path in directory.files:
            self.env.note_dependency(str(path))
        return directory

    @property
    def words(self):
        return Words(self.config.language)

    @property
    def area(self):
        """The area's name in the build's language (Welsh when the profile gives it)."""
        area = self.directory.tables["area"]
        return present.local_text(area, "name", self.words.welsh)[0]

    def tier_wording(self, tier):
        """Annex A's words for a level: a quotation, so it stays in English."""
        quote = nodes.block_quote(classes=["tier-wording", ENGLISH])
        quote += nodes.paragraph("", TIER_WORDING[tier])
        quote += nodes.attribution("", "Annex A of the guidance")
        return quote


class DirectoryDirective(DataDirective):
    """The whole directory, grouped by tier, with a filter form for HTML readers."""

    def make(self):
        directory = self.directory
        # Filters whose options are the values the services use (languages), not a vocabulary.
        used = {
            f.filter.key: sorted({v for s in directory.services for v in getattr(s, f.name)})
            for f in schema.FILTERS
            if f.filter.options == "data"
        }
        result = [directory_filters("", used=used)]
        families = [s for s in directory.services if s.audience == "families"]
        for tier, label in TIERS.items():
            section = self.group(f"tier-{tier}", self.words.tr(label))
            section += self.tier_wording(tier)
            empty = _("No services at this level are listed for %(area)s.")
            self.fill(section, [s for s in families if s.tier == tier], empty)
            result.append(section)
        section = self.group("for-practitioners", str(_(PRACTITIONERS_HEADING)))
        section += nodes.paragraph(
            "",
            _("Resources for practitioners, not for families: for your own learning and practice."),
        )
        practitioners = [s for s in directory.services if s.audience == "practitioners"]
        empty = _("No services for practitioners are listed for %(area)s.")
        self.fill(section, practitioners, empty)
        result.append(section)
        if not directory.local_services:
            note = nodes.admonition(classes=["note", "no-local-services"])
            note += nodes.title("", _("No local services are set up yet"))
            note += nodes.paragraph(
                "",
                _(
                    "This copy of the guide has no local services for %(area)s. Follow your "
                    "local referral pathways, and if safeguarding concerns arise, follow your "
                    "local procedures."
                )
                % {"area": self.area},
            )
            result.append(note)
        return result

    def group(self, ident, label):
        section = nodes.section(ids=[ident], names=[ident], classes=["directory-group"])
        section += nodes.title(label, label)
        return section

    def fill(self, section, services, empty):
        if not services:
            section += nodes.paragraph("", empty % {"area": self.area}, classes=["directory-empty"])
        if services:
            ordered = [s.id for s in sorted(services, key=present.order)]
            section += directory_entries("", services=ordered)


PRACTITIONERS_HEADING = "For your own learning and practice"  # a message id (``_``)


class SignpostingDirective(DataDirective):
    """A short, static list of services for a page: filtered by tier, stage and topic."""

    option_spec = {
        **{key: directives.unchanged for key in FILTERS},
        "limit": directives.nonnegative_int,
    }

    def make(self):
        directory = self.directory
        wanted = {}
        for option, allowed in FILTERS.items():
            if option not in self.options:
                continue
            values = [
                v.strip() for v in self.options[option].replace(";", ",").split(",") if v.strip()
            ]
            unknown = [v for v in values if v not in allowed]
            if unknown:
                logger.warning(
                    "signposting: unknown %s %s; use one of: %s",
                    option,
                    ", ".join(map(repr, unknown)),
                    ", ".join(allowed),
                    location=(self.env.docname, self.lineno),
                    type="signposting",
                    subtype="option",
                )
            wanted[option] = set(values)
        wanted.setdefault("audience", {"families"})  # families' lists hold families' resources
        services = sorted((s for s in directory.services if matches(s, wanted)), key=present.order)
        limit = self.options.get("limit")
        shown = services[:limit] if limit else services
        box = nodes.container(
            classes=["signposting", *(f"for-{a}" for a in sorted(wanted["audience"]))]
        )
        if not shown:
            box += nodes.paragraph(
                "",
                _("No services of this kind are listed for %(area)s yet.") % {"area": self.area},
                classes=["directory-empty"],
            )
        for service in shown:
            box += service_entry(service, self.words, full=False)
        query = {
            key: ",".join(sorted(values))
            for key, values in wanted.items()
            if len(values) == 1 and key != "audience"
        }
        more = nodes.paragraph(classes=["signposting-more"])
        label = (
            _("See these and more in the directory")
            if len(shown) < len(services) or not shown
            else _("Open the directory")
        )
        more += directory_link_or_front_door(directory, str(label), urlencode(query), self.words)
        box += more
        return [box]


class ContactsDirective(DataDirective):
    """The area's front door and safeguarding contacts; ``:compact:`` puts each in a line or
    two, with its number or address, for the top of the directory."""

    option_spec = {"compact": directives.flag}

    def make(self):
        if "compact" in self.options:
            return self.compact()
        directory = self.directory
        words = self.words
        box = nodes.container(classes=["area-contacts"])
        tables = schema.PROFILE_TABLES
        front_title = str(_("Front door: where to ask for help"))
        if directory.front_door:
            box += contact_block(
                front_title,
                tables["front_door"],
                directory.front_door,
                words,
                classes=["front-door"],
                ids=["front-door"],
            )
        else:
            missing = nodes.container(classes=["area-contact", "front-door"], ids=["front-door"])
            missing += nodes.rubric("", front_title)
            missing += nodes.paragraph(
                "",
                _("No front door is set up for %(area)s: follow your local referral pathways.")
                % {"area": self.area},
            )
            box += missing
        if directory.safeguarding:
            box += contact_block(
                str(_("Safeguarding")),
                tables["safeguarding"],
                directory.safeguarding,
                words,
                classes=["safeguarding"],
            )
        else:
            missing = nodes.container(classes=["area-contact", "safeguarding"])
            missing += nodes.rubric("", _("Safeguarding"))
            missing += nodes.paragraph(
                "", _("If safeguarding concerns arise, you must follow your local procedures.")
            )
            missing += nodes.paragraph("", no_safeguarding_number())
            box += missing
        return [box]

    def compact(self):
        directory, words = self.directory, self.words
        tables = schema.PROFILE_TABLES
        box = nodes.container(classes=["area-contacts", "area-contacts-compact"])
        no_front_door = _(
            "No front door is set up for %(area)s: follow your local referral pathways."
        ) % {"area": self.area}
        box += contact_line(
            str(_("Front door:")),
            tables["front_door"],
            directory.front_door,
            words,
            classes=["front-door"],
            otherwise="" if directory.front_door else no_front_door,
        )
        safeguarding = directory.safeguarding
        box += contact_line(
            str(_("Safeguarding:")),
            tables["safeguarding"],
            safeguarding,
            words,
            classes=["safeguarding"],
            otherwise=""
            if has_number(safeguarding)
            else _("see your local procedures for the number."),
        )
        return [box]


class AdditionsDirective(DataDirective):
    """Every entry in this copy of the directory that the guide added, or added details to."""

    def make(self):
        words = self.words
        listing = nodes.bullet_list(classes=["signposting-additions"])
        label = schema.SERVICE.by_name["added"].kind
        named_kind = schema.SERVICE.by_name["provenance"].kind
        for service in sorted(self.directory.services, key=present.order):
            if service.provenance != "added-by-guide" and not service.added:
                continue
            para = nodes.paragraph("", "")
            para += nodes.strong("", "", words.inline(service, "name"))
            para += nodes.Text(" (")
            para += words.inline(service, "organisation")
            para += nodes.Text("): ")
            if service.provenance == "added-by-guide":
                para += nodes.Text(_("the whole entry; the sources do not name it."))
            else:
                named = present.show(named_kind, service.provenance, words.tr)
                added = present.show(label, service.added, words.tr)
                para += nodes.Text(
                    _("%(named)s; the guide added %(what)s.") % {"named": named, "what": added}
                )
            listing += nodes.list_item("", para)
        if not listing.children:
            return [nodes.paragraph("", _("This copy of the directory holds no additions."))]
        return [listing]


def matches(service, wanted):
    """Whether a service has one of the wanted values of every filter given."""
    values = present.filters(service)
    return all(set(values[key].split(" ")) & chosen for key, chosen in wanted.items())


class ProfileRole(SphinxRole):
    """``{profile}`area.name```: a value from the profile, as plain text and nothing else.

    The value becomes a text node, never parsed as MyST, reStructuredText, HTML or a
    template, so whatever a profile holds is shown as written. The key must be declared in
    ``schema.PROFILE``; a value the profile leaves out is shown as "" with no warning.
    """

    def run(self):
        table, _, key = self.text.strip().partition(".")
        declared = schema.PROFILE_TABLES.get(table)
        if declared is None or key not in declared.by_name:
            known = [f"{t.name}.{f.name}" for t in schema.PROFILE for f in t.fields]
            logger.warning(
                "profile: %r is not a profile value; use one of: %s",
                self.text,
                ", ".join(known),
                location=self.get_location(),
                type="signposting",
                subtype="profile",
            )
            return [nodes.Text("")], []
        directory = self.env.signposting
        self.env.note_dependency(str(directory.folder / "profile.toml"))
        record = directory.tables.get(table)
        if record is None or getattr(record, key, "") in (None, ""):
            return [nodes.Text("")], []
        words = Words(self.config.language)
        if declared.by_name[key].welsh and words.welsh:  # the English where the sentence is
            return [bilingual([words.inline(record, key)], [Words().inline(record, key)])], []
        return [nodes.Text(str(getattr(record, key)))], []


class LevelRole(SphinxRole):
    """``{level}`advice```: a level of support named as the directory names it (``TIERS``), so a
    heading on a card or a page says what the directory's heading says, in either language."""

    def run(self):
        key = self.text.strip()
        if key not in TIERS:
            logger.warning(
                "signposting: %r is not a level; use one of: %s",
                self.text,
                ", ".join(TIERS),
                location=self.get_location(),
                type="signposting",
                subtype="level",
            )
            return [nodes.Text(self.text)], []
        # Both languages in every build: a heading or label made only of levels is then the
        # extension's words, never offered to translators (its message could only be the role).
        words = Words(self.config.language)
        return [bilingual([nodes.Text(words.tr(TIERS[key]))], [nodes.Text(TIERS[key])])], []


class DirectoryRole(SphinxRole):
    """``{directory}`Crying and soothing <topic=crying-and-soothing>``: a filtered directory link."""

    def run(self):
        _, title, target = split_explicit_title(self.text)
        query = target if target != title else ""
        pairs = parse_qsl(query.replace(",", "&") if "=" in query else "", keep_blank_values=True)
        for key, value in pairs:
            allowed = FILTERS.get(key)
            if allowed is None or value not in allowed:
                logger.warning(
                    "signposting: directory link %r: %s=%s is not a filter the directory knows",
                    self.text,
                    key,
                    value,
                    location=self.get_location(),
                    type="signposting",
                    subtype="link",
                )
        directory = self.env.signposting
        for path in directory.files:
            self.env.note_dependency(str(path))  # where the link leads depends on the data
        words = Words(self.config.language)
        said = directory_link_or_front_door(directory, title, urlencode(pairs), words, self.rawtext)
        if isinstance(said[0], directory_link) or not words.welsh:
            return said, []
        english = directory_link_or_front_door(directory, title, urlencode(pairs), Words())
        return [bilingual(said, english)], []  # a sentence of the interface's, in either language


def empty_view(directory, query):
    """The filters of a directory link that no families' service matches, or None."""
    wanted = {}
    for key, value in parse_qsl(query):
        wanted.setdefault(key, set()).add(value)
    wanted.setdefault("audience", {"families"})
    if any(matches(s, wanted) for s in directory.services):
        return None
    return wanted


def directory_link_or_front_door(directory, title, query, words, rawtext=""):
    """A link into the directory, or, where its filters match no families' service, one plain
    sentence and a link to the area's front door instead: never a link to an empty list."""
    wanted = empty_view(directory, query) if query else None
    if wanted is None:
        return [directory_link(rawtext, title, query=query, anchor="")]
    labels = [
        words.tr(FILTER_FIELDS[key].kind.label(value)).lower()
        for key, values in wanted.items()
        if key != "audience"
        for value in sorted(values)
    ]
    area = present.local_text(directory.tables["area"], "name", words.welsh)[0]
    none_said = words.tr("No services for %(what)s are listed for %(area)s yet:")
    if labels:
        said = none_said % {"what": ", ".join(labels), "area": area}
    else:
        said = words.tr("No services are listed for %(area)s yet:") % {"area": area}
    target = (
        words.tr("ask the front door")
        if directory.front_door
        else words.tr("follow your local referral pathways")
    )
    # Marked, so that a list with several such links says it once, after it (``say_once``).
    sentence = nodes.inline(
        "",
        "",
        nodes.Text(said + " "),
        directory_link(rawtext, str(target), query="", anchor="front-door"),
        nodes.Text("."),
        classes=[NONE_LISTED],
        what=", ".join(labels),
        area=area,
        target=str(target),
        none_said=none_said,
        none=words.tr("None listed yet."),
    )
    return [sentence]


NONE_LISTED = "directory-none"


def say_once(doctree):
    """Where a list holds several links that found no services ("No services for crying and
    soothing are listed for Cardiff yet: ask the front door."), each item says only "None
    listed yet." and one sentence after the list names them all, in the items' language."""
    lists = {}
    for marker in doctree.findall(nodes.inline):
        if NONE_LISTED not in marker["classes"] or not marker.get("what"):
            continue
        owner = marker.parent
        while owner is not None and not isinstance(
            owner, (nodes.bullet_list, nodes.enumerated_list)
        ):
            owner = owner.parent
        if owner is not None:
            lists.setdefault(id(owner), (owner, []))[1].append(marker)
    for owner, markers in lists.values():
        if len(markers) < 2:
            continue
        first = markers[0]
        english = any(ENGLISH in a.get("classes", []) for a in ancestors(first))
        what = ", ".join(dict.fromkeys(m["what"] for m in markers))
        said = first["none_said"] % {"what": what, "area": first["area"]}
        para = nodes.paragraph(classes=["directory-none-listed", *([ENGLISH] if english else [])])
        para += nodes.Text(said + " ")
        para += directory_link("", first["target"], query="", anchor="front-door")
        para += nodes.Text(".")
        for marker in markers:
            marker.replace_self(nodes.inline("", marker["none"], classes=[NONE_LISTED]))
        owner.parent.insert(owner.parent.index(owner) + 1, para)


def ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def fill_entries(app, doctree, convert=None):
    """Each group's entries in place of its ``directory_entries``, from this build's
    directory; ``convert`` turns each entry into a builder's own node (``html.py``)."""
    placeholders = list(doctree.findall(directory_entries))
    if not placeholders:
        return
    make = entry_maker(app.env, app.config.language)
    convert = convert or (lambda entry: entry)
    for node in placeholders:
        node.replace_self([convert(make(sid)) for sid in node["services"]])  # each made, then kept


def entry_maker(env, language):
    """``make(id)``: that service's whole directory entry, in the build's language, from this
    build's directory."""
    directory = env.signposting
    by_id = {s.id: s for s in directory.services}
    words = Words(language)

    def make(sid):
        entry = service_entry(
            by_id[sid],
            words,
            review_months=directory.review_after_months,
            example=directory.example,
        )
        generated(entry)  # the profile's words: never offered to translators
        return entry

    return make


def resolve_links(app, doctree, docname):
    """Point each directory link at the directory page as this builder names it."""
    say_once(doctree)
    page = app.config.signposting_directory_page
    for node in list(doctree.findall(directory_link)):
        uri = app.builder.get_relative_uri(docname, page)
        if node["query"] and app.builder.format == "html":
            uri = f"{uri}?{node['query']}"
        if node.get("anchor"):
            uri = f"{uri}#{node['anchor']}"
        node.replace_self(nodes.reference("", "", *node.children, refuri=uri, internal=True))
