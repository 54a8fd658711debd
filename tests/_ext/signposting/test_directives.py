"""The directory, lists, contacts and links through sphinx.testing; data files as dependencies."""

import json
import re
import shutil
from html import unescape
from urllib.parse import unquote

import pytest
from helpers import ROOT

pytestmark = pytest.mark.extension


def page(app, name):
    return (app.outdir / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="signposting")
def test_directory_groups_every_service_by_tier_with_data_hooks(app):
    app.build()
    html = page(app, "directory/index.html")
    order = re.findall(r'<article class="service"[^>]*data-service="([^"]+)"', html)
    assert order == ["online-advice", "antenatal-group", "stay-and-play", "crying-clinic"]
    tiers = re.findall(r'<section class="directory-group" id="tier-([a-z-]+)"', html)
    assert tiers == ["advice", "help", "more-help"]
    article = re.search(r'<article [^>]*data-service="stay-and-play"[^>]*>', html).group(0)
    for attribute in [
        'data-tier="help"',
        'data-stage="first-year second-year"',
        'data-topic="play-and-communication bonding-and-attachment"',
        'data-access="drop-in"',
        'data-language="en cy"',
    ]:
        assert attribute in article
    assert '<form class="directory-filters" hidden' in html
    assert 'data-filters="audience tier stage topic access language"' in html
    assert '<option value="cy">Welsh</option>' in html


@pytest.mark.sphinx("html", testroot="signposting")
def test_service_text_is_escaped_and_only_safe_links_are_written(app):
    app.build()
    html = page(app, "directory/index.html")
    assert "&lt;script&gt;alert(" in html
    assert "&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;" in html
    assert "<script>alert" not in html and "<b>not bold" not in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    schemes = {href.split(":", 1)[0] for href in hrefs if re.match(r"^[a-z]+:", href)}
    assert schemes <= {"http", "https", "mailto", "tel"}
    assert 'href="tel:+441138430841">0113 843 0841</a>' in html
    links = {unquote(unescape(href)) for href in hrefs}
    assert "mailto:crying@example.org" in links, "Sphinx cloaks the address; it still works"


def test_stale_services_say_they_may_be_out_of_date(make_app, rootdir, tmp_path):
    """In a real profile (an example's entries never show dates: they say to check)."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-signposting", src)
    toml = src / "profile" / "profile.toml"
    toml.write_text(toml.read_text().replace("example = true\n", ""))
    app = make_app("html", srcdir=src)
    app.build()
    status = app._status
    html = page(app, "directory/index.html")
    clinic = html[html.index('data-service="crying-clinic"') :]
    clinic = clinic[: clinic.index("</article>")]
    assert "may be out of date" in clinic.lower()
    assert "10 January 2024" in clinic
    assert (
        "may be out of date"
        not in html[html.index('data-service="stay-and-play"') :].split("</article>")[0].lower()
    )
    log = status.getvalue()
    assert re.search(
        r"signposting: 1 service\(s\) last reviewed more than 12 months ago.*crying-clinic \(2024-01-10\)",
        log,
    )


@pytest.mark.sphinx("html", testroot="signposting")
def test_static_lists_filter_and_link_to_a_filtered_directory(app):
    app.build()
    html = page(app, "step-3.html")
    first = html[html.index('class="signposting') :]
    assert 'data-service="antenatal-group"' in first.split('class="signposting')[1]
    assert 'data-service="stay-and-play"' not in html, "stay-and-play is not for pregnancy"
    assert html.count('data-service="crying-clinic"') == 1
    assert 'href="directory/index.html?tier=help&amp;stage=pregnancy"' in html
    assert 'href="directory/index.html?topic=crying-and-soothing">crying support</a>' in html
    assert 'href="directory/index.html">everything</a>' in html


@pytest.mark.sphinx("html", testroot="signposting")
def test_area_and_contacts_reach_pages(app):
    app.build()
    assert "Welcome to the guide for Testshire." in page(app, "index.html")
    assert "Call Testshire Families Front Door on 0113 843 0841." in page(app, "step-3.html")
    directory = page(app, "directory/index.html")
    assert "Follow the Testshire safeguarding procedures." in directory
    assert 'href="https://example.org/safeguarding"' in directory
    assert 'href="tel:+443000133133"' in directory


@pytest.mark.sphinx("html", testroot="signposting")
def test_profile_sets_checklist_memory_and_brand(app):
    app.build()
    assert app.config.checklist_remember_ticks == "device"
    assert app.config.html_context["area_example"] is True
    assert "--brand: #5a2d82" in page(app, "_static/brand.css")


@pytest.mark.sphinx("html", testroot="signposting")
def test_directory_json_holds_the_validated_services(app):
    app.build()
    data = json.loads(page(app, "directory.json"))
    assert data["area"] == "Testshire" and data["nation"] == "wales" and data["example"] is True
    ids = [s["id"] for s in data["services"]]
    assert (
        ids == sorted(ids) == ["antenatal-group", "crying-clinic", "online-advice", "stay-and-play"]
    )
    play = next(s for s in data["services"] if s["id"] == "stay-and-play")
    assert play["phone_uri"] == "tel:+441138430841" and play["area"] == "Testshire"
    assert "cost" not in play, "a cost is shown only when the data states one"
    for service in data["services"]:
        assert service["audience"] in ("families", "practitioners")
        assert service["nations"] == ["wales"] and service["provenance"] == "local-profile"
    assert play["last_reviewed"] == "2026-09-01"


@pytest.mark.sphinx("text", testroot="signposting")
def test_text_builder_lists_services_without_the_form(app):
    app.build()
    text = page(app, "directory/index.txt")
    assert "Baby stay and play" in text and "Getting more help" in text
    assert "Search the directory" not in text


def test_editing_services_rereads_only_the_pages_that_show_them(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-signposting", src)
    make_app("html", srcdir=src).build()

    def rebuild():
        read = []
        app = make_app("html", srcdir=src)
        app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
        app.build()
        return sorted(read)

    assert rebuild() == []
    services = src / "profile" / "services.yaml"
    services.write_text(
        services.read_text().replace("Baby stay and play", "Baby stay, play and sing")
    )
    assert rebuild() == ["directory/index", "step-3"]
    plain = src / "plain.md"
    plain.write_text(plain.read_text() + "\nOne more sentence.\n")
    assert rebuild() == ["plain"]


def test_in_welsh_each_text_is_marked_by_its_own_language(make_app, rootdir, tmp_path):
    """A Welsh build: a service's Welsh name (``name_cy``) and the entry's labels are not marked
    English, its English organisation is; a page's untranslated sentence keeps the English
    place name; a sentence made wholly by the directory is not marked English."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-signposting", src)
    toml = src / "profile" / "profile.toml"
    toml.write_text(toml.read_text().replace('name = "Testshire"\n', 'name = "Testshire"\nname_cy = "Sir Brawf"\n'))  # fmt: skip
    services = src / "profile" / "services.yaml"
    services.write_text(services.read_text().replace("  name: Baby stay and play\n", "  name: Baby stay and play\n  name_cy: Chwarae gyda babanod\n", 1))  # fmt: skip
    (src / "plain.md").write_text(
        "# Services in {profile}`area.name`\n\nServices in {profile}`area.name` are listed.\n\n"
        "{directory}`Substance use <topic=substance-use>`\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src, confoverrides={"language": "cy"})
    app.build()
    html = page(app, "directory/index.html")
    entry = html[html.index('data-service="stay-and-play"') :].split("</article>")[0]
    assert re.search(r'<p class="[^"]*service-name[^"]*">Chwarae gyda babanod</p>', entry)
    assert '<span lang="en">Testshire Council</span>' in entry
    assert 'lang="en">For<' not in entry and '<dt class="field-odd">For<' in entry
    front = html[html.index('id="front-door"') :]
    assert front.startswith('id="front-door">\n<p class="rubric">Front door: where to ask for help')
    plain = page(app, "plain.html")
    assert '<h1 lang="en">Services in Testshire<' in plain
    assert '<p lang="en">Services in Testshire are listed.</p>' in plain
    assert (
        '<p><span class="directory-none">No services for substance use are listed for Sir Brawf'
        in plain
    )
    assert "Sir Brawf" not in " ".join(re.findall(r'lang="en">[^<]*', plain))


@pytest.mark.sphinx("html", testroot="signposting")
def test_the_directory_keeps_ids_until_it_is_written(app):
    """The entries are put in at doctree-resolved: Sphinx's transforms and the pickled doctree
    carry each group's service ids, not thousands of entries (counted, not timed)."""
    from docutils import nodes
    from signposting.directives import directory_entries

    app.build()
    doctree = app.env.get_doctree("directory/index")
    placeholders = list(doctree.findall(directory_entries))
    kept = [sid for node in placeholders for sid in node["services"]]
    assert kept == ["online-advice", "antenatal-group", "stay-and-play", "crying-clinic"]
    assert not [n for n in doctree.findall(nodes.Element) if "service" in n.get("classes", [])]
    html = page(app, "directory/index.html")
    assert re.findall(r'<article class="service"[^>]*data-service="([^"]+)"', html) == kept
    assert "directory_entries" not in html and html.count('<details class="service-more">') == 4


@pytest.mark.sphinx("html", testroot="signposting")
def test_a_level_is_named_as_the_directory_names_it(app):
    app.build()
    html = page(app, "step-3.html")
    assert "<p><strong>Getting help</strong></p>" in html
    assert "<p>Getting help: open access or universal support.</p>" in html


@pytest.mark.sphinx("gettext", testroot="signposting", srcdir="signposting-gettext")
def test_a_label_made_only_of_levels_is_not_offered_to_translators(app):
    """Its message could only be the role, which a translator cannot translate: the level's
    Welsh comes from the directory's catalogue. A sentence around a level is offered."""
    app.build()
    messages = re.findall(r'^msgid "(.+)"$', page(app, "step-3.pot"), re.M)
    assert "{level}`help`: open access or universal support." in messages
    assert not [
        m for m in messages if "{level}" in m and not re.sub(r"[*\s]|\{level}`[^`]*`", "", m)
    ]


@pytest.mark.sphinx("html", testroot="signposting")
def test_the_directory_makes_each_entry_only_as_it_writes_it(app, monkeypatch):
    """An HTML build holds each directory entry as one node with its words for the search
    index, not about sixty (10,000 of them peaked at 873 MiB), and writes exactly what the
    entry's own nodes write: the page and the search index, byte for byte."""
    from docutils import nodes
    from signposting import html as signposting_html

    held = []

    def count(app, doctree, docname):
        if docname == "directory/index":
            held.extend(doctree.findall(signposting_html.directory_service))
            whole = [n for n in doctree.findall(nodes.Element) if "service-more" in n["classes"]]
            assert whole == [], "no entry's details are held on the page"

    listener = app.connect("doctree-resolved", count, priority=900)  # after the entries
    app.build(force_all=True)  # every page written again, whatever other tests built here
    app.disconnect(listener)
    assert [node["service"] for node in held] == [
        "online-advice", "antenatal-group", "stay-and-play", "crying-clinic"
    ]  # fmt: skip
    assert all(len(node.children) == 1 and isinstance(node[0], nodes.Text) for node in held)
    compact = page(app, "directory/index.html"), page(app, "searchindex.js")
    monkeypatch.setattr(signposting_html, "compact", signposting_html.as_html)  # every node
    app.build(force_all=True)
    assert (page(app, "directory/index.html"), page(app, "searchindex.js")) == compact
    assert compact[0].count('<article class="service"') == 4


NEW_FIELDS = """- id: fed-service
  name: Baby massage
  organisation: Testshire Family Hubs
  tier: help
  summary: Baby massage for parents and babies.
  stages: [first-year]
  access: [self-referral]
  alert: Closed in August.
  eligibility_description: Parents of babies under one.
  application_process: Ring to book a place.
  fees_description: £2 a session.
  interpretation_services: British Sign Language on request.
  phone: "0113 843 0841"
  phone_description: Bookings
  phone_2: "0113 843 0842"
  phone_2_description: Helpline
  phone_3: "0113 843 0843"
  organisation_website: https://testshire.example.org/
  address: Family Hub, High Street
  address_2: Library, Park Road
  address_3: Church hall, Mill Lane
  last_reviewed: 2026-09-01
"""


def test_in_welsh_the_fields_from_real_feeds_have_welsh_labels(make_app, rootdir, tmp_path):
    """The labels of the fields real feeds brought (an alert, who can use it, how to apply,
    fees, interpreting, the extra phones and addresses, the organisation's website) are in
    Welsh on a Welsh page, never the English label, and never marked as English."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-signposting", src)
    services = src / "profile" / "services.yaml"
    services.write_text(services.read_text() + NEW_FIELDS, encoding="utf-8")
    catalogues = [str(ROOT / "locales")]  # the guide's own Welsh catalogues
    app = make_app("html", srcdir=src, confoverrides={"language": "cy", "locale_dirs": catalogues})
    app.build()
    html = page(app, "directory/index.html")
    entry = html[html.index('data-service="fed-service"') :].split("</article>")[0]
    assert '<strong>Sylwch: </strong><span lang="en">Closed in August.</span>' in entry
    labels = re.findall(r'<dt class="field-(?:odd|even)">([^<]+)<', entry)
    for welsh in ["Pwy all ei ddefnyddio", "Sut i wneud cais", "Ffioedd", "Cyfieithu ar y pryd"]:
        assert welsh in labels
    assert labels.count("Cyfeiriad") == 3, labels
    assert "(gwefan y sefydliad)</a>" in entry
    assert entry.count('href="tel:') == 3 and "Ffonio 0113 843 0842" in entry
    shown = unescape(re.sub(r"<[^>]+>", " ", html))
    for english in ["Please note", "Who can use it", "How to apply", "Fees", "Interpreting",
                    "organisation's website", "Address", "Phone"]:  # fmt: skip
        assert english not in shown, english
    marked = " ".join(re.findall(r'lang="en"[^>]*>([^<]*)', html))
    assert not re.search(r"Sylwch|Pwy all|Sut i wneud|Ffioedd|Cyfieithu|gwefan y", marked)
