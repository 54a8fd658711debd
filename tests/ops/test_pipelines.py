"""The pipeline files councils copy: each valid for its system (check-jsonschema's built-in
schemas, vendored in the package, and actionlint), and each doing what the README promises:
install from the lock, check, test-fast, one build job per area, dist, publish only from main,
and a scheduled import that opens a pull or merge request and never publishes."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

pytestmark = pytest.mark.unit

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
AZURE = ROOT / "azure-pipelines.yml"
BIN = Path(sys.executable).parent


def text(path):
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path, schema, options",
    [
        (GITHUB, "vendor.github-workflows", []),
        (GITLAB, "vendor.gitlab-ci", []),
        # Azure's schema has patterns only a non-Unicode regular expression engine reads.
        (AZURE, "vendor.azure-pipelines", ["--regex-variant", "nonunicode"]),
    ],
    ids=["github", "gitlab", "azure"],
)
def test_each_file_is_valid_for_its_system(path, schema, options):
    result = subprocess.run(
        [BIN / "check-jsonschema", *options, "--builtin-schema", schema, path],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def actionlint(folder, workflow):
    command = [BIN / "actionlint", "-no-color"]
    if shutil.which("shellcheck") is None:
        pytest.fail("shellcheck is missing: sudo apt-get install shellcheck (.ci/run does)")
    return subprocess.run([*command, workflow], cwd=folder, capture_output=True, text=True)


def test_actionlint_finds_nothing_in_the_workflow():
    result = actionlint(ROOT, GITHUB.relative_to(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_an_action_still_on_node_20_and_a_shell_slip(tmp_path):
    (tmp_path / ".git").mkdir()
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    old = text(GITHUB).replace("actions/checkout@v6", "actions/checkout@v4", 1)
    old = old.replace('make check PROFILE="$profile"', "make check PROFILE=$profile", 1)
    (workflows / "publish.yml").write_text(old, encoding="utf-8")
    result = actionlint(tmp_path, ".github/workflows/publish.yml")
    assert result.returncode == 1
    assert 'runtime "node20" is deprecated' in result.stdout
    assert "SC2086" in result.stdout


def test_github_builds_each_area_in_its_own_job_and_publishes_only_from_main():
    workflow = yaml.safe_load(text(GITHUB))
    jobs = workflow["jobs"]
    assert set(workflow[True]) >= {"push", "pull_request", "schedule"}  # YAML's "on"
    assert (
        jobs["build"]["strategy"]["matrix"]["area"] == "${{ fromJSON(needs.plan.outputs.areas) }}"
    )
    runs = {
        name: "\n".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()
    }
    assert "--list json" in runs["plan"]
    assert "make test-fast" in runs["test"] and "make check" in runs["test"]
    assert 'make dist PROFILE="$AREA_PROFILE"' in runs["build"]
    assert "guide pages" in runs["publish"] and "sha256sum --check" in runs["publish"]
    assert "refs/heads/main" in jobs["publish"]["if"] and "pull_request" in jobs["publish"]["if"]
    # The weekly import opens a pull request and publishes nothing.
    assert jobs["import"]["if"] == "github.event_name == 'schedule' || inputs.import"
    assert "gh pr create" in runs["import"] and "guide import" in runs["import"]
    used = " ".join(step.get("uses", "") for step in jobs["import"]["steps"])
    assert "deploy" not in used and "pages" not in runs["import"] and "dist" not in runs["import"]
    assert "schedule" in jobs["plan"]["if"]  # nothing is built or published on the schedule


def test_gitlab_builds_each_area_in_its_own_job_and_publishes_only_from_main():
    pipeline = yaml.safe_load(text(GITLAB))
    assert "make .venv/.site" in pipeline["default"]["before_script"]
    assert pipeline["build"]["parallel"]["matrix"][0]["AREA"]
    assert 'make dist PROFILE="$PROFILES/$AREA"' in pipeline["build"]["script"]
    assert "make test-fast" in pipeline["test"]["script"]
    pages = pipeline["pages"]
    assert pages["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE != "schedule" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'}
    ]
    assert "public" in pages["artifacts"]["paths"]
    imports = pipeline["import"]
    assert imports["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    script = "\n".join(imports["script"])
    assert "merge_requests" in script and "guide pages" not in script and "dist" not in script
    for name in ("test", "build"):
        assert pipeline[name]["extends"] == ".not-scheduled"


def test_gitlab_s_area_list_check_catches_a_missing_area(tmp_path):
    """The test job compares AREA with the folder; here it runs on a copy of the examples."""
    pipeline = yaml.safe_load(text(GITLAB))
    check = next(s for s in pipeline["test"]["script"] if "AREA under build" in s)
    areas = tmp_path / "areas"
    for name in ("cardiff", "leeds"):
        shutil.copytree(ROOT / "local/examples" / name, areas / name)
    for listed, status in ((["cardiff", "leeds"], 0), (["leeds"], 1)):
        pipeline["build"]["parallel"]["matrix"][0]["AREA"] = listed
        (tmp_path / ".gitlab-ci.yml").write_text(yaml.safe_dump(pipeline), encoding="utf-8")
        venv = tmp_path / ".venv" / "bin"
        venv.mkdir(parents=True, exist_ok=True)
        (venv / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
        (venv / "python").chmod(0o755)
        (tmp_path / "guide").unlink(missing_ok=True)
        (tmp_path / "guide").symlink_to(ROOT / "guide")
        result = subprocess.run(["bash", "-c", check], cwd=tmp_path, capture_output=True,
                                text=True, env={"PROFILES": "areas", "PATH": "/usr/bin:/bin"})  # fmt: skip
        assert result.returncode == status, result.stderr
    assert "AREA under build lists ['leeds']; areas holds ['cardiff', 'leeds']" in result.stderr


def test_azure_builds_each_area_in_its_own_job_and_publishes_only_from_main():
    pipeline = yaml.safe_load(text(AZURE))
    stages = {stage["stage"]: stage for stage in pipeline["stages"]}
    area = stages["build"]["jobs"][0]
    assert area["strategy"]["matrix"] == "$[ stageDependencies.test.plan.outputs['list.areas'] ]"
    scripts = {
        name: "\n".join(step.get("script", "") for job in stage["jobs"] for step in job["steps"])
        for name, stage in stages.items()
    }
    assert "--list azure" in scripts["test"] and "make test-fast" in scripts["test"]
    assert 'make dist PROFILE="$PROFILE"' in scripts["build"]
    assert "guide pages" in scripts["publish"]
    assert "IS_MAIN" in stages["publish"]["condition"]
    assert "PullRequest" in stages["publish"]["condition"]
    assert stages["import"]["condition"] == "eq(variables.IS_SCHEDULED, 'True')"
    assert "pullrequests" in scripts["import"] and "dist" not in scripts["import"]
    assert stages["test"]["condition"] == "ne(variables.IS_SCHEDULED, 'True')"


def test_every_pipeline_installs_from_the_lock_and_never_around_it():
    for path in (GITHUB, GITLAB, AZURE):
        content = text(path)
        assert "make .venv/.site" in content or "make .venv/.installed" in content, path.name
        assert "pip install" not in content, path.name


def test_the_matrix_lists_come_from_the_profiles_folder():
    def listing(style):
        result = subprocess.run(
            [sys.executable, "-m", "guide", "build", "--profiles", "local/examples", "--list", style],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return json.loads(result.stdout)

    assert listing("json") == [
        {"slug": "cardiff", "profile": "local/examples/cardiff"},
        {"slug": "leeds", "profile": "local/examples/leeds"},
    ]
    assert listing("azure") == {
        "cardiff": {"PROFILE": "local/examples/cardiff"},
        "leeds": {"PROFILE": "local/examples/leeds"},
    }
