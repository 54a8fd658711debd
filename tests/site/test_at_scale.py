"""Thousands of services, through the import and the build: the guide reads back its own export
at the most a directory may hold, and a profile of 5,000 services builds. The scale layer: in
``make test``, not ``make test-fast`` (``make bench`` times the same paths)."""

import dataclasses
import sys

import pytest
from helpers import DOCS, ROOT, import_profile, sphinx_build

from guide import feed, importer

sys.path.insert(0, str(ROOT / "scripts"))

from bench import make_profile  # noqa: E402

pytestmark = pytest.mark.scale

OWN = import_profile('file = "services.hsds.json"', extra="own_export = true")

ONE = """- id: baby-group
  name: Baby group
  organisation: Exampleton Council
  tier: help
  summary: Songs, play and a cup of tea for parents and babies.
  stages: [pregnancy, first-year]
  topics: [play-and-communication, bonding-and-attachment]
  access: [drop-in]
  languages: [en, pl]
  phone: 0113 496 0100
  email: group@example.org
  website: https://example.org/groups/baby
  address: Exampleton Family Hub, High Street
  opening_times: Tuesdays, 10am to 12pm
  last_reviewed: 2026-09-01
"""


def test_a_builds_own_export_of_10000_services_is_read_back(tmp_path, capsys):
    from profiledata import files, hsds
    from profiledata.profile import load_profile

    original = tmp_path / "original"
    original.mkdir()
    (original / "profile.toml").write_text(OWN.replace("imported.yaml", "one.yaml"))
    (original / "one.yaml").write_text(ONE, encoding="utf-8")
    (original / "services.hsds.json").write_text("[]")
    (one,) = load_profile(original).services
    services = [
        dataclasses.replace(one, id=f"baby-group-{n:05d}", name=f"Baby group {n}")
        for n in range(files.SERVICES_LIMIT)
    ]
    export = hsds.dump(services).encode("utf-8")
    assert feed.MAX_BYTES < len(export) < feed.MAX_FILE_BYTES, "over the cap of an answer"
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "profile.toml").write_text(OWN, encoding="utf-8")
    (folder / "services.hsds.json").write_bytes(export)
    status = importer.import_profile(folder)
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == (
        "import: 10,000 taken, 0 left, 0 skipped, of 10,000 services in the feed"
    )
    back = load_profile(folder).services
    assert sorted(s.id for s in back) == sorted(s.id for s in services)
    same = {"id": "", "name": "", "feed_id": "", "source": "", "line": 0}
    expected = dataclasses.replace(one, **same)
    assert all(dataclasses.replace(s, **same) == expected for s in back), "every field back"


def test_a_profile_of_5000_services_builds(tmp_path):
    profile = tmp_path / "profile"
    make_profile(profile, 5000)
    out = tmp_path / "out"
    result = sphinx_build(DOCS, out, "-W", "-D", f"local_profile={profile}", confdir=ROOT)
    assert result.returncode == 0, result.stderr
    directory = (out / "directory" / "index.html").read_text(encoding="utf-8")
    assert directory.count('<article class="service"') == 5000
