"""Every entry says who it is for, where it applies, where it came from and when it was
checked; families' lists hold families' resources; no link leads into an empty directory."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from helpers import DOCS, EXAMPLES, ROOT, sphinx_build

pytestmark = pytest.mark.site

PROFILES = ["local/default", *EXAMPLES, "generated/no-local-services"]


@pytest.fixture(scope="module")
def no_local_services(tmp_path_factory):
    """A generated profile with no services at all: no local ones, no national ones."""
    folder = tmp_path_factory.mktemp("empty-profile")
    (folder / "profile.toml").write_text(
        '[area]\nname = "Nowhere"\nnation = "england"\n\n'
        '[front_door]\nname = "Nowhere Families"\nphone = "0113 843 0841"\n\n'
        "[directory]\ninclude_national = false\n",
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("empty-site") / "html"
    result = sphinx_build(DOCS, out, "-W", "-n", "--keep-going", "-D", f"local_profile={folder}", confdir=ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def built(request, site, example_builds, no_local_services):
    profile = request.param
    if profile == "local/default":
        return site
    if profile.startswith("generated/"):
        return no_local_services
    result, out = example_builds[profile]
    assert result.returncode == 0, result.stderr
    return out


def services(out):
    return {s["id"]: s for s in json.loads((out / "directory.json").read_text())["services"]}


class Page(HTMLParser):
    """Services inside families' lists, and every link into the directory."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.family_lists, self.links, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        family = ("signposting" in classes and "for-practitioners" not in classes) or (
            tag == "section" and (attrs.get("id") or "").startswith("tier-")
        )
        self.stack.append((tag, family))
        if "data-service" in attrs and any(f for _, f in self.stack):
            self.family_lists.append(attrs["data-service"])
        if tag == "a" and "directory/index.html" in (attrs.get("href") or ""):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def read(page):
    parser = Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("built", PROFILES, indirect=True)
def test_every_entry_says_who_where_and_whence(built):
    for service in services(built).values():
        assert service["audience"] in ("families", "practitioners"), service["id"]
        assert service["nations"] and set(service["nations"]) <= {
            "england",
            "wales",
            "scotland",
            "northern-ireland",
        }
        assert service["provenance"] in (
            "named-in-guidance",
            "named-in-leaflet",
            "added-by-guide",
            "local-profile",
        )
        if service["national"]:
            assert "area" not in service, "national entries have no local area"


@pytest.mark.parametrize("built", PROFILES, indirect=True)
def test_no_families_list_holds_a_practitioners_resource(built):
    known = services(built)
    pages = sorted(built.rglob("*.html"))
    seen = 0
    for page in pages:
        for service_id in read(page).family_lists:
            seen += 1
            assert known[service_id]["audience"] == "families", (page.name, service_id)
    if known and any(s["audience"] == "families" for s in known.values()):
        assert seen > 0, "the families' lists were not found at all"


def matching(known, query):
    wanted = {}
    for key, value in parse_qsl(query):
        wanted.setdefault(key, set()).add(value)
    wanted.setdefault("audience", {"families"})
    fields = {"audience": "audience", "tier": "tier", "stage": "stages", "topic": "topics", "access": "access", "language": "languages"}  # fmt: skip

    def values(service, key):
        value = service.get(fields[key], [])
        return set(value if isinstance(value, list) else [value])

    return [s for s in known.values() if all(values(s, k) & v for k, v in wanted.items())]


@pytest.mark.parametrize("built", PROFILES, indirect=True)
def test_no_link_leads_into_an_empty_directory(built):
    known = services(built)
    checked = 0
    for page in sorted(built.rglob("*.html")):
        for href in read(page).links:
            query = urlsplit(href).query
            if query:
                checked += 1
                assert matching(known, query), (
                    f"{page.relative_to(built)} links to an empty view: {href}"
                )
    barriers = (built / "framework/what-can-get-in-the-way.html").read_text(encoding="utf-8")
    said = barriers.count('class="directory-none"')  # "None listed yet." or the whole sentence
    assert checked + said >= 17, "every barrier leads somewhere"


def test_without_services_every_barrier_leads_to_the_front_door(no_local_services):
    page = (no_local_services / "framework/what-can-get-in-the-way.html").read_text(
        encoding="utf-8"
    )
    assert "directory/index.html?" not in page
    # Each of the two lists says once which barriers have no services, not once per barrier.
    assert page.count('directory/index.html#front-door">ask the front door</a>') == 2
    assert page.count("No services for ") == 2
    assert page.count(">None listed yet.<") == 17
    assert re.search(
        r"No services for [^<:]*\bcrying and soothing\b[^<:]* are listed for Nowhere yet: ", page
    )
    directory = (no_local_services / "directory/index.html").read_text(encoding="utf-8")
    assert 'id="front-door"' in directory


@pytest.mark.parametrize("built", PROFILES, indirect=True)
def test_no_unchecked_or_example_entry_shows_a_review_date(built):
    known = services(built)
    example = json.loads((built / "directory.json").read_text())["example"]
    page = (built / "directory/index.html").read_text(encoding="utf-8")
    for service_id, service in known.items():
        entry = page[page.index(f'data-service="{service_id}"') :]
        entry = entry[: entry.index("</article>")]
        if service["last_reviewed"] is None or (example and not service["national"]):
            assert "Last checked" not in entry and "Last reviewed" not in entry, service_id
            assert "Not yet checked." in entry or "Example entry: check every detail" in entry


def test_getting_advice_leads_with_the_resource_the_guidance_names(site):
    page = (site / "directory/index.html").read_text(encoding="utf-8")
    advice = page[page.index('id="tier-advice"') : page.index('id="tier-help"')]
    assert re.findall(r'data-service="([^"]+)"', advice)[0] == "nhs-start-for-life"
    card = (site / "quick-reference/where-to-turn-locally.html").read_text(encoding="utf-8")
    assert re.findall(r'data-service="([^"]+)"', card)[0] == "nhs-start-for-life"
    assert "open to every family" not in page


def test_national_entries_say_where_they_apply_and_what_the_guide_added(example_builds):
    _, out = example_builds["local/examples/cardiff"]
    page = (out / "directory/index.html").read_text(encoding="utf-8")
    gp = page[page.index('data-service="family-gp"') :]
    gp = gp[: gp.index("</article>")]
    assert "Where it applies" in gp and "England" in gp
    assert "This guide added the web address, which the source does not give." in gp
    start = page[page.index('data-service="flying-start"') :]
    start = start[: start.index("</article>")]
    assert "Added by this guide; not named in the guidance" in start and "Wales" in start
    assert "Cost" not in start and "Languages" not in start


def test_practitioners_resources_have_their_own_list(site):
    step3 = read(site / "framework/step-3.html")
    page = (site / "framework/step-3.html").read_text(encoding="utf-8")
    assert 'class="signposting for-practitioners' in page
    assert (
        "elfh-perinatal-mental-health" in page
        and "elfh-perinatal-mental-health" not in step3.family_lists
    )
    directory = (site / "directory/index.html").read_text(encoding="utf-8")
    own = directory[directory.index('id="for-practitioners"') :]
    assert 'data-service="institute-of-health-visiting"' in own


def test_sources_page_lists_every_addition(site):
    page = (site / "about/sources.html").read_text(encoding="utf-8")
    for name in (
        "Parent-Infant Foundation",
        "Institute of Health Visiting",
        "Better Health: Start for Life",
    ):
        assert name in page
    assert "Nothing clinical is added" not in page


@pytest.mark.parametrize("built", PROFILES, indirect=True)
def test_a_list_says_once_which_barriers_have_no_services(built):
    """Where several items of one list have no services, the list says so once, after it."""
    page = (built / "framework/what-can-get-in-the-way.html").read_text(encoding="utf-8")
    lists = page.count('data-checklist="barriers-')
    assert lists == 2
    assert page.count("No services for ") <= lists, "once per list at most"


def test_no_page_of_a_welsh_area_speaks_of_some_areas_of_england(welsh_build):
    out, _ = welsh_build
    found = [
        str(path.relative_to(out))
        for path in sorted(out.rglob("*.html"))
        if "areas of England" in path.read_text(encoding="utf-8")
    ]
    assert found == []
