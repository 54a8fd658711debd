"""HTML only: data attributes on each service and tier, and the filter form."""

from babel import Locale
from docutils import nodes
from profiledata import schema
from profiledata.fields import language_name
from sphinx.transforms.post_transforms import SphinxPostTransform

from .directives import directory_entries, directory_filters, entry_maker, fill_entries
from .render import Words, _, ngettext


class service_entry(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A service as ``<article data-service="id" ...>``."""


class service_more(nodes.General, nodes.Element):  # noqa: N801
    """A service's remaining details as ``<details>``: one tap away on a phone."""


class ServiceHTMLTransform(SphinxPostTransform):
    """Give services the data attributes the filter reads and put their remaining details in
    a disclosure; other builders keep plain boxes with every detail showing."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs):
        more = [box for box in self.document.findall(nodes.container)
                if "service-more" in box["classes"]]  # fmt: skip
        replace(more, lambda box: service_more(""))
        entries = [box for box in self.document.findall(nodes.container)
                   if "service_filters" in box.attributes]  # fmt: skip
        replace(
            entries,
            lambda box: service_entry("", ids=list(box["ids"]), filters=box["service_filters"]),
        )


def as_html(box):
    """One service's box as the nodes ``run`` makes of it, for an entry made after the
    post-transforms (the directory's, at ``doctree-resolved``)."""
    for index, child in enumerate(box.children):
        if isinstance(child, nodes.container) and "service-more" in child["classes"]:
            more = service_more("")
            more.update_basic_atts(child)  # as replace_self does: ids and classes kept
            more.extend(child.children)
            child.children = []
            box.children[index] = more
            box.setup_child(more)
    entry = service_entry("", ids=list(box["ids"]), filters=box["service_filters"])
    entry.update_basic_atts(box)
    entry.extend(box.children)
    box.children = []
    return entry


class directory_service(nodes.General, nodes.Element):  # noqa: N801
    """A directory entry in an HTML build: its service's id, and its words as one text for
    the search index; its nodes are made again, one entry at a time, only as it is written
    (``visit_directory_service``), so the page never holds 10,000 entries of sixty nodes."""


def compact(entry):
    """An entry as its ``directory_service``: the id, the classes pages look for, and its
    texts, apart, as the search index would read them from the entry's nodes."""
    return directory_service(
        "",
        nodes.Text(" ".join(text.astext() for text in entry.findall(nodes.Text))),
        service=entry["service_filters"]["service"],
        classes=list(entry["classes"]),
    )


def fill_directory(app, doctree, docname):
    """The directory's entries: HTML builds keep each as its id and words until it is
    written; other builders get the entries' nodes, readable by every builder."""
    fill_entries(app, doctree, compact if app.builder.format == "html" else None)


def visit_directory_service(self, node):
    """Make the entry's nodes (``render.service_entry``, as the HTML post-transform would
    leave them) and write them with this translator, so the HTML is what they always made;
    they are dropped as soon as they are written."""
    make = getattr(self, "_directory_entry", None)
    if make is None:
        make = self._directory_entry = entry_maker(self.builder.env, self.builder.config.language)
    as_html(make(node["service"])).walkabout(self)
    raise nodes.SkipNode


def replace(boxes, make):
    """Put ``make(box)`` in each box's place, the box's children moved into it, not copied;
    each parent's children rebuilt once (a directory of 10,000 services would otherwise be
    copied node by node, and looked up in its section 10,000 times)."""
    chosen = {id(box): box for box in boxes}
    parents = {id(box.parent): box.parent for box in boxes}
    for parent in parents.values():
        children = []
        for child in parent.children:
            if id(child) in chosen:
                new = make(child)
                new.update_basic_atts(child)  # as replace_self does: ids and classes kept
                new.extend(child.children)  # each now a child of the new node
                child.children = []
                parent.setup_child(new)
                child = new
            children.append(child)
        parent.children = children


def visit_more(self, node):
    summary = self.encode(_("More about this service"))
    self.body.append(f'<details class="service-more"><summary>{summary}</summary>\n')


def depart_more(self, node):
    self.body.append("</details>\n")


def visit_service(self, node):
    attrs = {f"data-{key}": value for key, value in node["filters"].items()}
    self.body.append(self.starttag(node, "article", CLASS="service", **attrs))


def depart_service(self, node):
    self.body.append("</article>\n")


def _select(self, name, label, any_label, options):
    html = [f'<div class="filter"><label for="filter-{name}">{self.encode(label)}</label>']
    html.append(
        f'<select id="filter-{name}" name="{name}"><option value="">{self.encode(any_label)}</option>'
    )
    for value, text in options:
        html.append(f'<option value="{self.attval(value)}">{self.encode(text)}</option>')
    html.append("</select></div>")
    return "".join(html)


def count_words(language):
    """``data-count-<category>`` for every plural category of the language (Welsh has six),
    each from the catalogue's plural forms; the script picks one with ``Intl.PluralRules``."""
    locale = Locale.parse((language or "en").replace("-", "_"))
    attributes = {}
    for tag in sorted(locale.plural_form.tags | {"other"}):
        n = next(n for n in range(200) if locale.plural_form(n) == tag)
        attributes[f"data-count-{tag}"] = ngettext("{n} service shown", "{n} services shown", n)
    return attributes


def visit_filters(self, node):
    """How many services are shown, beside the form in a disclosure whose summary says what
    is filtered: free text and a select for each declared filter. The disclosure starts
    closed, so a phone shows services first; the script opens it on wider screens when
    nothing is filtered. The script reads the filter keys from ``data-filters``, each
    service's values from ``data-<key>``, and its words from ``data-`` attributes. Without
    JavaScript the disclosure says every service is listed."""
    words = Words(self.builder.config.language)
    selects = []
    for f in schema.FILTERS:
        values = node["used"][f.filter.key] if f.filter.options == "data" else f.kind.labels
        if f.kind is schema.LANGUAGES:
            options = [(code, language_name(code, words.language)) for code in values]
        else:
            options = [(value, words.tr(f.kind.label(value))) for value in values]
        selects.append(
            _select(self, f.filter.key, words.tr(f.filter.label), words.tr(f.filter.any), options)
        )
    keys = " ".join(f.filter.key for f in schema.FILTERS)
    counts = {
        **count_words(self.builder.config.language),
        "data-count-none": _("No services match these filters. Try fewer filters."),
        "data-search-label": _("Search"),
        "data-summary": _("Filter the list"),
        "data-filtered": _("Filters: {what}"),
    }
    data = " ".join(f'{key}="{self.attval(str(value))}"' for key, value in counts.items())
    # Each word through the catalogue first: message extraction cannot see into an f-string.
    listed = self.encode(_("Every service is listed below."))
    clear = self.encode(_("Clear filters"))
    summary = self.encode(_("Filter the list"))
    no_script = self.encode(
        _("The filters need JavaScript, which is off: every service is listed below.")
    )
    form_label = self.attval(_("Filter the directory"))
    search_label = self.encode(_("Search the directory"))
    self.body.append(
        f'<div class="directory-status"><p class="directory-count" role="status" '
        f'aria-live="polite" {data}>{listed}</p>\n'
        f'<details class="directory-filter-box"><summary>{summary}</summary>\n'
        f'<p class="directory-no-js">{no_script}</p>\n'
        f'<form class="directory-filters" hidden aria-label="{form_label}" '
        f'data-filters="{keys}">'
        f'<div class="filter filter-text"><label for="filter-q">{search_label}</label>'
        '<input id="filter-q" name="q" type="search" autocomplete="off" spellcheck="false"></div>'
        + "".join(selects)
        + f'<div class="filter-actions"><button type="button" class="directory-clear" hidden>{clear}'
        "</button></div></form>\n</details></div>\n"
    )
    raise nodes.SkipNode


def skip(self, node):
    raise nodes.SkipNode


def setup_nodes(app):
    app.add_node(service_entry, html=(visit_service, depart_service))
    app.add_node(service_more, html=(visit_more, depart_more))
    app.add_node(directory_service, html=(visit_directory_service, None))
    app.add_node(
        directory_filters,
        html=(visit_filters, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_node(
        directory_entries,
        **{name: (skip, None) for name in ("html", "latex", "text", "man", "texinfo")},
    )
    app.add_post_transform(ServiceHTMLTransform)
