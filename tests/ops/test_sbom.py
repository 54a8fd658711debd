"""The bill of materials: valid CycloneDX 1.6, every package that builds the site at its
installed version with its licence and the lock's hashes, the guide with its commit, and the
same bytes for the same inputs."""

import email.message
import importlib.metadata
import json
import subprocess

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from helpers import ROOT

from guide import sbom

pytestmark = pytest.mark.unit

EPOCH = 1764000000


@pytest.fixture(scope="module")
def bill():
    text, unlocked = sbom.bill(EPOCH)
    return text, json.loads(text), unlocked


def test_it_validates_against_the_cyclonedx_schema(bill):
    text, data, _ = bill
    assert data["bomFormat"] == "CycloneDX" and data["specVersion"] == "1.6"
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None


def test_the_schema_check_would_catch_a_broken_bill(bill):
    _, data, _ = bill
    data["components"][0]["hashes"][0]["alg"] = "SHA-257"
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(data)) is not None


def test_the_site_s_packages_at_their_installed_versions_with_licence_and_locked_hashes(bill):
    _, data, unlocked = bill
    components = {c["name"]: c for c in data["components"]}
    locked = sbom.locked_hashes()
    for name in ("sphinx", "myst-parser", "weasyprint", "docutils", "pillow", "pyyaml"):
        component = components[name]
        version = importlib.metadata.version(name)
        assert component["version"] == version
        assert component["purl"] == f"pkg:pypi/{name}@{version}"
        assert component["licenses"], name
        hashes = [h["content"] for h in component["hashes"]]
        assert hashes == locked[(name, version)] and all(len(h) == 64 for h in hashes)
    assert unlocked == []
    # What builds the site, and nothing that only tests it.
    assert not {"pytest", "playwright", "pip-audit", "ruff"} & set(components)
    assert components["sphinx"]["licenses"] == [{"license": {"id": "BSD-2-Clause"}}]


def test_the_guide_with_its_version_commit_and_dependencies(bill):
    _, data, _ = bill
    guide = data["metadata"]["component"]
    assert (guide["name"], guide["version"], guide["type"]) == ("parent-infant-guide", "0.1.0",
                                                                "application")  # fmt: skip
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()  # fmt: skip
    properties = {p["name"]: p["value"] for p in guide["properties"]}
    assert properties["parent-infant-guide:git-commit"] == commit
    assert data["metadata"]["timestamp"] == "2025-11-24T16:00:00+00:00"
    needs = {d["ref"]: d.get("dependsOn", []) for d in data["dependencies"]}
    assert "pkg:pypi/sphinx@" + importlib.metadata.version("sphinx") in needs["parent-infant-guide"]
    assert any(
        ref.startswith("pkg:pypi/docutils@") for ref in needs[components_ref(data, "sphinx")]
    )


def components_ref(data, name):
    return next(c["bom-ref"] for c in data["components"] if c["name"] == name)


def test_the_same_inputs_give_the_same_bytes_and_another_time_another_serial(bill):
    text, data, _ = bill
    assert sbom.bill(EPOCH)[0] == text
    other = json.loads(sbom.bill(EPOCH + 86400)[0])
    assert other["serialNumber"] != data["serialNumber"]
    assert data["serialNumber"].startswith("urn:uuid:")


def test_a_package_that_is_not_installed_stops_the_bill(monkeypatch):
    monkeypatch.setattr(sbom, "guide_component", lambda: (None, ["no-such-package-here>=1"]))
    with pytest.raises(sbom.SbomError, match="no-such-package-here"):
        sbom.bill(EPOCH)


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"License-Expression": "MIT OR Apache-2.0", "License": "ignored"},
         [{"expression": "MIT OR Apache-2.0"}]),
        ({"License": "MIT"}, [{"license": {"id": "MIT"}}]),
        ({"License": "Apache 2.0"}, [{"license": {"name": "Apache 2.0"}}]),
        ({"License": "Copyright (c) someone\nlong text...",
          "Classifier": ["License :: OSI Approved :: BSD License", "Topic :: Text"]},
         [{"license": {"name": "BSD License"}}]),
        ({}, []),
    ],
)  # fmt: skip
def test_the_licence_is_what_the_package_says(fields, expected):
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component
    from cyclonedx.output.json import JsonV1Dot6

    metadata = email.message.Message()
    for key, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            metadata[key] = one
    bom = Bom()
    bom.components.add(Component(name="x", version="1", licenses=sbom.licences(metadata)))
    component = json.loads(JsonV1Dot6(bom).output_as_string())["components"][0]
    assert component.get("licenses", []) == expected
