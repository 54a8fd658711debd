"""Real council feeds through the whole path a data officer takes: served on 127.0.0.1 in their
own page shape (``tests/feeds_server.py``), ``make import``, ``python -m guide check``, a build,
and the directory page in Chromium. Bristol's 819 list items (no ages, no taxonomy, HTML
descriptions, imperfect links, one id twice) are chosen by the README's default words;
Buckinghamshire's Outpost records by their ``min_age``/``max_age`` and taxonomy terms."""

import csv
import io
import subprocess
import sys
from collections import Counter

import pytest
import yaml
from feeds_server import bristol, feeds_serving
from helpers import ROOT, import_profile, loopback_only, serving, sphinx_build

from guide import feed, importer

pytestmark = pytest.mark.browser


def imported(tmp_path_factory, name, area, extra=""):
    """Import the shared feed ``name`` into a new profile; (folder, exit status, printed)."""
    folder = tmp_path_factory.mktemp(name)
    with feeds_serving() as server:
        text = import_profile(
            f'url = "{server.url(name)}"', format="oruk-1", area=area, extra=extra
        )
        (folder / "profile.toml").write_text(text, encoding="utf-8")
        out = io.StringIO()
        stdout, sys.stdout = sys.stdout, out
        try:
            with pytest.MonkeyPatch.context() as patch:
                connected = loopback_only(patch)
                status = importer.import_profile(folder, client=feed.Client(backoff=0))
        finally:
            sys.stdout = stdout
        asked = list(server.asked)
        assert connected and {host for host, _port in connected} == {"127.0.0.1"}
    return folder, status, out.getvalue(), asked


def report(folder):
    text = (folder / "imported.report.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def snapshot(folder):
    return {s["name"]: s for s in yaml.safe_load((folder / "imported.yaml").read_text("utf-8"))}


def check(folder):
    return subprocess.run(
        [sys.executable, "-m", "guide", "check", "--profile", str(folder)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip


def built_directory(rootdir, folder, out):
    result = sphinx_build(rootdir / "test-signposting", out, "-W", "-D", f"local_profile={folder}")
    assert result.returncode == 0, result.stderr
    return out


def shown_in_chromium(browser, out):
    """The services the directory page shows, and the page's links, read in Chromium."""
    context = browser.new_context()
    try:
        page = context.new_page()
        with serving(out) as url:
            page.goto(url + "directory/index.html")
            shown = page.eval_on_selector_all(
                "article[data-service]",
                "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.service)",
            )
            hrefs = page.eval_on_selector_all("article[data-service] a[href]", "els => els.map(e => e.href)")  # fmt: skip
            text = page.inner_text("body")
    finally:
        context.close()
    return shown, hrefs, text


# --- Bristol ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bristol_import(tmp_path_factory):
    return imported(tmp_path_factory, "bristol", "Bristol")


def test_bristol_every_item_has_a_row_and_the_counts_add_up(bristol_import):
    folder, status, printed, asked = bristol_import
    assert status == 0
    rows = report(folder)
    assert len(rows) == 819 == len(bristol())
    outcomes = Counter(row["outcome"] for row in rows)
    assert printed.splitlines()[0] == (
        f"import: {outcomes['taken']} taken, {outcomes['left']} left, {outcomes['skipped']} "
        "skipped, of 819 services in the feed"
    )
    assert outcomes["taken"] >= 15 and outcomes["left"] > 700
    pages = [path for path in asked if "?page=" in path]
    assert len(pages) == 17 and len(asked) == 17 + 818, "one detail for each id, once"


def test_bristol_takes_its_baby_and_parent_services_by_the_default_words(bristol_import):
    folder, *_ = bristol_import
    taken = {row["name"]: row["reason"] for row in report(folder) if row["outcome"] == "taken"}
    for name in ("BLOOM - Music sessions for parents experiencing anxiety and depression",
                 "Mothers for Mothers", "Southville Clinic"):  # fmt: skip
        assert name in taken and "the word" in taken[name], name
    services = snapshot(folder)
    assert services["Mothers for Mothers"]["stages"] == ["pregnancy", "first-year"]
    assert "Age UK Bristol" not in taken and "Alcoholics Anonymous - Bristol" not in taken


def test_bristol_duplicate_id_both_reported(bristol_import):
    folder, *_ = bristol_import
    twice = "2af617e5-4532-bebe-1036-ffdf2e93ce55"
    rows = [row for row in report(folder) if row["feed_id"].startswith(twice)]
    assert [row["name"] for row in rows] == [
        "Fishponds Yoga for Fitness & Wellbeing", "Yoga for Fitness & Relaxation"
    ]  # fmt: skip
    assert rows[1]["feed_id"] == twice + "#2"
    assert f"its feed id {twice!r} is also given to row" in rows[1]["reason"]


def test_bristol_text_and_links_read_well(bristol_import):
    folder, *_ = bristol_import
    text = (folder / "imported.yaml").read_text(encoding="utf-8")
    assert "&nbsp;" not in text and "&amp;" not in text and "<p>" not in text
    websites = [s.get("website", "") for s in snapshot(folder).values()]
    assert "https://www.wearebs15.co.uk" in websites, "www. with no scheme, repaired"
    repaired = [row for row in report(folder) if "had no https://" in row["reason"]]
    assert repaired and all(row["outcome"] == "taken" for row in repaired)
    assert all(len(service["summary"]) <= 400 for service in snapshot(folder).values())


def test_bristol_checks_builds_and_shows_in_chromium(bristol_import, rootdir, tmp_path, browser):
    folder, *_ = bristol_import
    result = check(folder)
    assert result.returncode == 0, result.stderr
    taken = sum(1 for row in report(folder) if row["outcome"] == "taken")
    assert f"Bristol, {taken} local and 0 national services" in result.stdout
    out = built_directory(rootdir, folder, tmp_path / "html")
    shown, hrefs, text = shown_in_chromium(browser, out)
    assert len(shown) == taken
    assert "https://www.wearebs15.co.uk/" in hrefs
    assert all(href.startswith(("https:", "http:", "mailto:", "tel:")) for href in hrefs)
    assert "BLOOM - Music sessions for parents experiencing anxiety and depression" in text


def test_bristol_again_says_nothing_changed_and_dry_run_writes_nothing(bristol_import, capsys):
    folder, *_ = bristol_import
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    with feeds_serving() as server:
        toml = (folder / "profile.toml").read_text(encoding="utf-8")
        old_url = toml.split('url = "', 1)[1].split('"', 1)[0]
        (folder / "profile.toml").write_text(toml.replace(old_url, server.url("bristol")))
        server.feeds["bristol"].items[5] = dict(server.feeds["bristol"].items[5], name="Renamed")
        bloom = next(i for i in server.feeds["bristol"].items if i["name"].startswith("BLOOM"))
        bloom["email"] = "new@bluebellcare.org"
        status = importer.import_profile(folder, client=feed.Client(backoff=0), dry_run=True)
    out = capsys.readouterr().out
    assert status == 0
    assert "import: since the last import: 0 new, 0 removed, 1 changed" in out
    assert (
        "  changed: bloom-music-sessions-for-parents-experiencing-anxiety-and-depression: email"
        in out
    )
    assert out.splitlines()[-1] == "import: a dry run: nothing was written."
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == {
        **before,
        "profile.toml": (folder / "profile.toml").stat().st_mtime_ns,
    }


# --- Buckinghamshire -------------------------------------------------------------------------

BUCKS_TERMS = """
[import.topics]
"Activities for babies and toddlers" = "play-and-communication"
"Childcare and early years" = "parenting-support"
"""


@pytest.fixture(scope="module")
def bucks_import(tmp_path_factory):
    return imported(tmp_path_factory, "bucks", "Buckinghamshire", BUCKS_TERMS)


def test_bucks_takes_its_early_years_services_with_ages_from_min_and_max_age(bucks_import):
    folder, status, printed, _ = bucks_import
    assert status == 0
    rows = {row["name"]: row for row in report(folder)}
    assert len(report(folder)) == 50
    toddlers = rows["St Mary's Church Mother and Toddler Group"]
    assert toddlers["outcome"] == "taken" and toddlers["reason"].startswith("ages 0 to 5")
    assert rows["Teatimers Pre School at Sandygate"]["outcome"] == "taken"
    assert (
        "taxonomy term 'Childcare and early years'"
        in rows["Teatimers Pre School at Sandygate"]["reason"]
    )
    services = snapshot(folder)
    group = services["St Mary's Church Mother and Toddler Group"]
    assert group["stages"] == ["first-year", "second-year"]
    assert group["topics"] == ["play-and-communication"]
    assert group["address"] == "Windsor End, Beaconsfield, HP9 2JW"
    assert group["opening_times"] == "Wednesday 13:30 to 15:00"
    for adults in (
        "Weekday Walking Group",
        "Female Walking Football",
        "Uptown Coffee Bar - Drop In",
    ):
        assert rows[adults]["outcome"] == "left", adults
    assert "ages 18 and over, which says nothing" in rows["Weekday Walking Group"]["reason"]
    assert "ages 13 to 25" in rows["Uptown Coffee Bar - Drop In"]["reason"]


def test_bucks_checks_builds_and_shows_in_chromium(bucks_import, rootdir, tmp_path, browser):
    folder, *_ = bucks_import
    assert check(folder).returncode == 0
    taken = [row for row in report(folder) if row["outcome"] == "taken"]
    out = built_directory(rootdir, folder, tmp_path / "html")
    shown, hrefs, text = shown_in_chromium(browser, out)
    assert len(shown) == len(taken)
    assert "tel:+441494676690" in hrefs
    assert "Church Mother and Toddler Group" in text
