"""The site with each profile: examples build cleanly, the default says what it lacks, and a
bad profile stops the build with every problem and nothing published."""

import json
import shutil

import pytest
from helpers import DOCS, EXAMPLES, ROOT, sphinx_build


@pytest.mark.site
@pytest.mark.parametrize("profile", EXAMPLES)
def test_example_profile_builds_with_no_warnings(example_builds, profile):
    result, out = example_builds[profile]
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    area = "Cardiff" if "cardiff" in profile else "Leeds"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f'<span class="site-area">{area}</span>' in home
    assert 'class="example-banner"' in home, "example profiles say so on every page"
    card = (out / "quick-reference/where-to-turn-locally.html").read_text(encoding="utf-8")
    assert f"Where to turn locally: {area}" in card


@pytest.mark.site
def test_cardiff_shows_its_front_door_and_local_services(example_builds):
    _, out = example_builds["local/examples/cardiff"]
    directory = (out / "directory/index.html").read_text(encoding="utf-8")
    assert "Cardiff Family Gateway" in directory
    assert 'href="tel:+443000133133">03000 133 133</a>' in directory
    assert 'data-service="flying-start"' in directory, "Welsh profiles include Flying Start"
    data = json.loads((out / "directory.json").read_text(encoding="utf-8"))
    local = [s["id"] for s in data["services"] if not s["national"]]
    assert len(local) == 3 and all(s.startswith("cardiff-parenting") for s in local)
    midwives = (out / "professions/midwives.html").read_text(encoding="utf-8")
    assert "data-service=" in midwives


@pytest.mark.site
def test_default_profile_says_plainly_that_no_local_services_are_set_up(site):
    directory = (site / "directory/index.html").read_text(encoding="utf-8")
    assert "No local services are set up yet" in directory
    assert "No front door is set up for England" in directory
    assert 'data-service="nhs-start-for-life"' in directory
    assert "If your area has limited support" in directory
    data = json.loads((site / "directory.json").read_text(encoding="utf-8"))
    assert data["area"] == "England" and all(s["national"] for s in data["services"])
    assert 'class="example-banner"' not in directory


@pytest.mark.unit
def test_a_bad_profile_stops_the_build_listing_every_problem(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(ROOT / "local/examples/leeds", folder)
    toml = (folder / "profile.toml").read_text(encoding="utf-8")
    (folder / "profile.toml").write_text(toml.replace('nation = "england"', 'nation = "narnia"'))
    yaml = (folder / "services.yaml").read_text(encoding="utf-8")
    (folder / "services.yaml").write_text(yaml.replace("audience: practitioners", "audience: all"))
    out = tmp_path / "out"
    result = sphinx_build(DOCS, out, "-D", f"local_profile={folder}", confdir=ROOT)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert any(
        "bad/profile.toml:" in line and "nation: 'narnia' is not one of" in line for line in lines
    )
    assert any(
        "bad/services.yaml:" in line and "audience 'all' is not one of" in line for line in lines
    )
    assert "2 problems in the local profile" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (out / "index.html").exists(), "nothing is published"


@pytest.mark.site
def test_a_profile_outside_the_repository_works(tmp_path):
    folder = tmp_path / "elsewhere" / "leeds-copy"
    shutil.copytree(ROOT / "local/examples/leeds", folder)
    out = tmp_path / "out"
    result = sphinx_build(DOCS, out, "-W", "-q", "-D", f"local_profile={folder}", confdir=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Leeds Infant Mental Health Service" in (out / "directory/index.html").read_text(
        encoding="utf-8"
    )
