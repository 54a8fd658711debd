"""Valid HTML on every page: the W3C Nu HTML Checker (``vnu.jar`` from npm's ``vnu-jar``, run
with Java) finds no error on any page of the default build, of the Cardiff example in English
and Welsh (``cy/``), or of the Leeds example. The checker runs once per build, over all its
pages, and each error is listed as ``page:line: message``. Nothing is filtered: a page with an
error is fixed where its markup is written."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import NU_CHECKER, VNU

pytestmark = pytest.mark.site

PROFILES = [
    "default",
    "local/examples/cardiff",
    "local/examples/leeds",
    "tests/fixtures/local-pages",
]


def pages(folder):
    """Every page of a build, in every language; ``_static`` and the like hold no pages."""
    return sorted(
        path
        for path in folder.rglob("*.html")
        if not any(part.startswith("_") for part in path.relative_to(folder).parts)
    )


def nu_errors(folder, files):
    """Run the checker once over ``files``; return its errors as ``page:line: message``."""
    if shutil.which("java") is None:
        pytest.fail("Java is missing: install it with  sudo apt-get install default-jre-headless")
    if not VNU.exists():
        pytest.fail("the Nu HTML Checker is missing: run  npm ci  (make test does this)")
    command = [*NU_CHECKER, "--format", "json", "--errors-only", "--stdout"]
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the checker did not report:\n{result.stdout}\n{result.stderr}")
    errors = []
    for message in messages:
        url = message.get("url", "")
        page = (
            Path(unquote(url.removeprefix("file:"))).relative_to(folder).as_posix() if url else "?"
        )
        errors.append(f"{page}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def build_of(request, profile):
    if profile == "default":
        return request.getfixturevalue("site")
    if profile == "local/examples/cardiff":
        out, _ = request.getfixturevalue("welsh_build")  # English, and Welsh in cy/
        return out
    if profile.startswith("tests/"):  # an area in Wales with pages of its own, in both languages
        result, out = request.getfixturevalue("builds")[profile]
        assert result.returncode == 0, result.stderr
        return out
    result, out = request.getfixturevalue("example_builds")[profile]
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("profile", PROFILES)
def test_every_page_is_valid_html(request, profile):
    folder = build_of(request, profile).resolve()
    files = pages(folder)
    assert len(files) >= 35
    if profile == "local/examples/cardiff":
        assert sum(1 for path in files if path.relative_to(folder).parts[0] == "cy") >= 35
    errors = nu_errors(folder, files)
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors)


def test_the_checker_reports_an_error_as_page_line_message(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><title>x</title></head>\n'
        "<body><p><div>a block in a paragraph</div></p></body></html>\n",
        encoding="utf-8",
    )
    errors = nu_errors(tmp_path, [page])
    assert errors and all(error.startswith("bad.html:3: ") for error in errors), errors
