"""What keeps a directory of 10,000 services quick to build (``make bench`` times it; these
count): libyaml reads the services files with the same records, lines and problems as
PyYAML's own reader; the exports are written by json's C encoder one item to a line; the
directory's entries are moved into their HTML nodes, never copied; shared terms are made once."""

import json
import uuid

import pytest
import yaml
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from profile_helpers import BASE, TODAY, yaml_for
from profiledata import files, hsds, schema, services
from profiledata.profile import load_profile
from signposting.html import ServiceHTMLTransform, service_entry, service_more

from guide import mapping

pytestmark = pytest.mark.unit

RICH_YAML = yaml_for(
    [BASE, dict(BASE, id="two", name="Baby café – “Ünïcödé” & <b>", languages="en;pl")]
)
BROKEN = [
    "- id: one\n  name: \x07bell\n",  # a control character
    "- id: one\n\tname: tab\n",  # a tab for indentation
    "- id: one\n  name: [unclosed\n",
    "- id: &a one\n  name: *a\n",  # an anchor and an alias
    "- id: one\n name: two\n",  # bad indentation
    "- id: 'one\n",  # an unclosed quote
    "- id: one\n  name: \ud800x\n",  # a lone surrogate
]


def python_only(monkeypatch):
    monkeypatch.setattr(services, "LOADERS", (services._PythonLoader,))


def test_libyaml_is_used_when_pyyaml_has_it():
    assert yaml.__with_libyaml__, "the lock files install PyYAML's wheels, built with libyaml"
    assert services.LOADERS[0].__name__ == "_FastLoader"
    assert mapping.DUMPER is yaml.CSafeDumper


def test_libyaml_reads_the_same_records_and_lines(monkeypatch):
    fast = services.read_yaml(RICH_YAML, "s.yaml")
    python_only(monkeypatch)
    slow = services.read_yaml(RICH_YAML, "s.yaml")
    assert fast[1] == slow[1] == []
    assert [(r.line, r.values, r.lines) for r in fast[0]] == [
        (r.line, r.values, r.lines) for r in slow[0]
    ]
    assert len(fast[0]) == 2 and fast[0][1].lines["name"] == fast[0][1].line + 1


@pytest.mark.parametrize("text", BROKEN)
def test_a_file_libyaml_cannot_read_is_named_as_pyyaml_names_it(monkeypatch, text):
    fast = services.read_yaml(text, "s.yaml")
    python_only(monkeypatch)
    assert fast == services.read_yaml(text, "s.yaml")
    assert fast[1], "a problem is named"


def test_the_exports_are_json_one_item_to_a_line():
    data = {"area": "A", "services": [{"name": "<script>"}, {"name": "two\nlines"}, {}]}
    text = files.json_listing(data, "services")
    assert json.loads(text) == data
    lines = text.splitlines()
    assert len(lines) == 2 + 3 and lines[1] == '{"name": "<script>"},'
    assert json.loads(files.json_listing({"contents": []}, "contents")) == {"contents": []}


def test_the_exports_are_written_one_service_at_a_time(profile, tmp_path, monkeypatch):
    """10,000 services make a 90 MB export: each service object is made as its line is
    written, never all at once (nor the whole text), and the file is ``dump``'s text."""
    folder = profile(yaml=yaml_for([dict(BASE, id=f"s-{n:03d}") for n in range(30)]))
    many = load_profile(folder, on=TODAY).services
    made = []
    service_object = hsds.service_object
    monkeypatch.setattr(hsds, "service_object", lambda s: made.append(s) or service_object(s))
    page = hsds.services_page(many)
    assert made == [] and page["total_items"] == 30
    written = [len(made) for _chunk in hsds.json_chunks(page, "contents")]
    assert written == [0, *range(1, 31), 30], "each object written as soon as it is made"
    monkeypatch.undo()
    hsds.write(tmp_path / "out.json", many)
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == hsds.dump(many)
    assert len(json.loads(hsds.dump(many))["contents"]) == 30


def test_a_term_is_made_once_and_ids_stay_uuid5():
    f = schema.SERVICE.by_name["topics"]
    assert hsds.term(f, "young-parents") is hsds.term(f, "young-parents")
    for parts in [("service", "stay-and-play"), ("term", "topics", "young-parents"), ("ü" * 300,)]:
        assert hsds.uid(*parts) == str(uuid.uuid5(hsds.NAMESPACE, "/".join(parts)))


def test_the_snapshot_written_by_libyaml_reads_back_the_same():
    item = {"id": "x", "name": "emoji 😀 “quotes” – <b> & yes", "stages": ["first-year"],
            "summary": "no", "phone": "0113 496 0100", "website": "https://a.example/?a=1&b=2"}  # fmt: skip
    text = mapping.service_yaml(item)
    assert yaml.safe_load(text) == [item]
    assert services.read_yaml(text, "s.yaml")[0][0].values == item


def directory_document(count):
    document = new_document("directory", get_default_settings(Parser))
    section = nodes.section()
    for number in range(count):
        box = nodes.container(ids=[f"s{number}"], classes=["service"])
        box["service_filters"] = {"tier": "help"}
        box += nodes.paragraph("", f"Service {number}")
        more = nodes.container(classes=["service-more"])
        more += nodes.paragraph("", f"More about {number}")
        box += more
        section += box
    document += section
    return document, section


def test_the_directory_entries_are_moved_not_copied(monkeypatch):
    document, section = directory_document(50)
    names = [box.children[0] for box in section.children]
    details = [box.children[1].children[0] for box in section.children]
    copies = []
    monkeypatch.setattr(nodes.Element, "deepcopy", lambda self: copies.append(self))
    ServiceHTMLTransform(document).run()
    assert copies == []
    assert [type(child) for child in section.children] == [service_entry] * 50
    for number, entry in enumerate(section.children):
        assert entry["ids"] == [f"s{number}"] and entry["filters"] == {"tier": "help"}
        assert entry["classes"] == ["service"], "the box's classes kept (pages look for them)"
        assert entry.parent is section
        assert entry.children[0] is names[number] and names[number].parent is entry
        more = entry.children[1]
        assert isinstance(more, service_more) and more.parent is entry
        assert more.children == [details[number]] and details[number].parent is more


def test_each_section_is_rebuilt_once_not_searched_for_each_entry(monkeypatch):
    document, section = directory_document(200)
    searched = []
    index = nodes.Element.index
    monkeypatch.setattr(
        nodes.Element, "index", lambda self, *args: searched.append(self) or index(self, *args)
    )
    ServiceHTMLTransform(document).run()
    assert searched == [], "no lookup of each entry in its section (quadratic at 10,000)"
    assert len(section.children) == 200
