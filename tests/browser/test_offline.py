"""Offline use: after one visit the whole guide works with no network, a new build replaces the
old copy, a site taken down removes it, and nothing of it runs from a file share or when the
profile turns it off. Served under a sub-path with the strict Content-Security-Policy."""

import json
import re
import shutil
import sys
import time
from urllib.parse import urljoin

import pytest
from helpers import DOCS, ROOT, STRICT_CSP, serving, sphinx_build
from offline import manifest

sys.path.insert(0, str(ROOT / "scripts"))

from bench import Loads  # noqa: E402 (what a page names for loading, as make bench reads it)

SUB_PATH = "/guides/parent-infant/"
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.__registered = 0;
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (...args) => { window.__registered += 1; return register(...args); };
}
"""
KEPT = """async () => {
  const names = await caches.keys();
  const urls = [];
  for (const name of names) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return {names, urls};
}"""
# Ten pages besides the home page, opened with no network: every kind of page, a filtered
# directory, search, a card, and the pages with a checklist and a timer.
OFFLINE_PAGES = [
    "framework/index.html",
    "framework/step-1.html",
    "framework/setting-the-scene.html",
    "framework/observation.html",
    "professions/health-visitors.html",
    "about/privacy.html",
    "quick-reference/index.html",
    "quick-reference/prompts-at-a-glance.html",
    "directory/index.html?topic=bonding-and-attachment",
    "search.html?q=joy",
]
FIGURES = {}


@pytest.fixture
def served(site, tmp_path):
    """A copy of the built site, served under a sub-path with the strict policy; the copy can
    be changed (a new build) or taken away (no server) while the browser keeps its origin."""
    folder = tmp_path / "site"
    shutil.copytree(site, folder)
    with serving(folder, prefix=SUB_PATH, csp=STRICT_CSP) as url:
        yield folder, url


def watched(browser):
    context = browser.new_context()
    context.add_init_script(WATCH)
    context.console = []
    context.on(
        "console",
        lambda m: "Content Security Policy" in m.text and context.console.append(m.text),
    )
    return context


def wait_until_kept(page, folder, url):
    """Wait for the footer's word that the guide is kept, then for exactly this build's copy."""
    listed = json.loads((folder / manifest.MANIFEST).read_text(encoding="utf-8"))
    page.wait_for_selector(".offline-status:not([hidden])", timeout=60000)
    wanted = sorted(urljoin(url, entry["url"]) for entry in listed["files"])
    deadline = time.monotonic() + 60
    while True:
        kept = page.evaluate(KEPT)
        done = len(kept["names"]) == 1 and kept["names"][0].endswith(" " + listed["version"])
        if done and sorted(kept["urls"]) == wanted or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    return listed, kept, wanted


def no_violations(page, context):
    return page.evaluate("window.__csp") + context.console == []


@pytest.mark.browser
def test_after_one_visit_the_guide_works_offline_and_a_new_build_replaces_it(
    browser, served, tmp_path
):
    folder, url = served
    context = watched(browser)
    page = context.new_page()
    start = time.monotonic()
    page.goto(url + "index.html")
    listed, kept, wanted = wait_until_kept(page, folder, url)
    FIGURES["seconds to keep the site"] = round(time.monotonic() - start, 1)
    assert page.evaluate("window.__registered") == 1
    assert page.inner_text(".offline-status").startswith("This guide is kept on this device")
    # Every file of the site, nothing else, all from this site's own address.
    assert sorted(kept["urls"]) == wanted
    assert all(u.startswith(url) for u in kept["urls"])
    assert {urljoin(url, p) for p in ["search.html", "searchindex.js", "checklists.json"]} < set(
        wanted
    )
    FIGURES["files kept"] = len(wanted)
    FIGURES["bytes kept"] = listed["bytes"]

    # No network, and no server either: the folder is gone.
    away = tmp_path / "away"
    folder.rename(away)
    context.set_offline(True)
    opened = 0
    for path in OFFLINE_PAGES:
        page.goto(url + path)
        assert page.locator("main h1").count() == 1, path
        opened += 1
    FIGURES["pages opened offline"] = opened + 1

    # Search (the last page opened) lists results from the kept index and pages.
    page.wait_for_selector("#search-results ul.search li a")
    assert page.locator("#search-results ul.search li a").count() >= 1

    # The filtered directory shows only services on that topic.
    page.goto(url + "directory/index.html?topic=bonding-and-attachment")
    topics = page.locator("article[data-service]:visible").evaluate_all(
        "articles => articles.map(a => a.dataset.topic)"
    )
    assert topics and all("bonding-and-attachment" in t.split() for t in topics)
    assert page.inner_text(".directory-count").endswith("shown")

    # A checklist ticks and remembers across a reload; the timer runs.
    page.goto(url + "framework/setting-the-scene.html")
    page.locator("input.checklist-box").first.check()
    page.reload()
    assert page.locator("input.checklist-box").first.is_checked()
    assert page.inner_text(".checklist-progress").startswith("1 of ")
    page.clock.install()
    page.goto(url + "framework/observation.html")
    page.click("button.checklist-timer-toggle")
    page.clock.run_for(3000)
    assert page.inner_text(".checklist-timer-display") == "01:57"

    # A card's PDF, fetched from the card's own link.
    page.goto(url + "quick-reference/prompts-at-a-glance.html")
    head = page.evaluate(
        """async () => {
            const link = document.querySelector('a[data-card-pdf]');
            const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
            return String.fromCharCode(...bytes.slice(0, 5));
        }"""
    )
    assert head == "%PDF-"
    # Its link opens it in the browser's PDF viewer, from the kept copy.
    with page.expect_response(lambda r: r.url.endswith(".pdf")) as opened_pdf:
        page.click("a[data-card-pdf]")
    response = opened_pdf.value
    assert response.status == 200 and response.from_service_worker
    assert response.headers["content-type"] == "application/pdf"
    page.goto(url + "quick-reference/prompts-at-a-glance.html")
    # Moving between pages by their links, as a reader would.
    page.locator(".prev-next a.next").click()
    page.wait_for_load_state()
    assert page.url.endswith("quick-reference/observing-the-relationship.html")
    assert no_violations(page, context)

    # A new build with one changed page: the worker takes it up and deletes the old copy.
    away.rename(folder)
    changed = folder / "about" / "changelog.html"
    html = changed.read_text(encoding="utf-8")
    changed.write_text(
        html.replace("<h1>", "<p>Changed by a new build.</p><h1>", 1), encoding="utf-8"
    )
    old_version = listed["version"]
    new = manifest.write(folder)
    assert new["version"] != old_version
    context.set_offline(False)
    page.goto(url + "index.html")
    _, kept, wanted = wait_until_kept(page, folder, url)
    assert kept["names"] == [kept["names"][0]] and kept["names"][0].endswith(new["version"])
    assert sorted(kept["urls"]) == wanted
    folder.rename(away)
    context.set_offline(True)
    page.goto(url + "about/changelog.html")
    assert "Changed by a new build." in page.inner_text("main")
    assert no_violations(page, context)
    context.close()
    print("\noffline:", json.dumps(FIGURES))


@pytest.mark.browser
def test_a_site_taken_down_removes_the_copy_it_left(browser, served):
    folder, url = served
    context = watched(browser)
    page = context.new_page()
    page.goto(url + "index.html")
    wait_until_kept(page, folder, url)
    manifest.remove(folder)
    page.goto(url + "framework/index.html")
    page.wait_for_function(
        """async () => (await caches.keys()).length === 0
            && (await navigator.serviceWorker.getRegistrations()).length === 0""",
        timeout=10000,
    )
    context.close()


@pytest.mark.browser
def test_from_a_file_share_no_worker_is_registered(browser, site):
    context = watched(browser)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__registered") == 0
    assert page.locator(".offline-status").is_hidden()
    context.close()


@pytest.mark.site
def test_the_list_names_every_file_of_the_site_with_its_digest(site):
    listed = json.loads((site / manifest.MANIFEST).read_text(encoding="utf-8"))
    urls = {entry["url"] for entry in listed["files"]}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    pdfs = {p.relative_to(site).as_posix() for p in site.rglob("*.pdf")}
    assert pages <= urls and len(pdfs) == 4 and pdfs <= urls
    assert {"checklists.json", "directory.json", "searchindex.js", "favicon.ico"} <= urls
    assert {"sw.js", "offline.json", "objects.inv", "services.hsds.json"}.isdisjoint(urls)
    for entry in listed["files"]:
        assert manifest.integrity((site / entry["url"]).read_bytes()) == entry["integrity"]
    worker = (site / manifest.WORKER).read_text(encoding="utf-8")
    assert f'var VERSION = "{listed["version"]}";' in worker
    assert manifest.manifest(site) == listed, "the same files give the same list"


@pytest.mark.site
def test_every_file_a_page_loads_is_kept_offline(site, welsh_build):
    """Each extension's stylesheet and script loads on only some pages: every one of them, in
    every language, is in the list, so a page opened offline is styled as it is online."""
    out, _ = welsh_build
    for root in (site, out, out / "cy"):
        listed = json.loads((root / manifest.MANIFEST).read_text(encoding="utf-8"))
        urls = {entry["url"] for entry in listed["files"]}
        loaded = set()
        for page in root.rglob("*.html"):
            relative = page.relative_to(root).as_posix()
            if relative.startswith("cy/") and root == out:
                continue
            for _tag, rel, url in Loads.of(page.read_text(encoding="utf-8")):
                if "search" in rel:
                    continue
                address = urljoin(relative, url.split("?")[0].split("#")[0])
                if not address.endswith(".html"):
                    loaded.add(address)
        assert loaded, root
        assert loaded <= urls, f"{root}: not kept offline: {sorted(loaded - urls)}"
    assert {"_static/languages.css", "_static/copybutton.css"} <= loaded


@pytest.mark.site
def test_icons_manifest_and_favicon_on_every_page(site):
    data = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert data["theme_color"] == "#1d4f91" and data["start_url"] == "index.html"
    for icon in data["icons"]:
        assert (site / icon["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (site / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    page = (site / "framework" / "step-1.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="../favicon.ico"' in page
    assert '<meta name="theme-color" content="#1d4f91"' in page
    assert 'src="../_static/offline.js' in page and 'data-offline-worker="../sw.js"' in page


@pytest.mark.site
def test_with_offline_off_there_is_no_worker_and_no_script(tmp_path):
    profile = tmp_path / "profile"
    shutil.copytree(ROOT / "local" / "default", profile)
    with (profile / "profile.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[site]\noffline = false\n")
    out = tmp_path / "html"
    (out / "_static").mkdir(parents=True)
    for name in (manifest.WORKER, "_static/offline.js"):  # as an earlier build left them
        (out / name).write_text("left by an earlier build", encoding="utf-8")
    result = sphinx_build(DOCS, out, "-W", "-n", "-D", f"local_profile={profile}", confdir=ROOT)
    assert result.returncode == 0, result.stderr
    assert not (out / manifest.WORKER).exists() and not (out / manifest.MANIFEST).exists()
    assert not (out / "_static" / "offline.js").exists()
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'src="[^"]*offline\.js', html), page
        assert "data-offline-worker" not in html, page
    assert (out / "favicon.ico").exists() and (out / "manifest.json").exists()


@pytest.mark.browser
def test_pages_guide_serve_serves_keep_no_copy_so_a_saved_page_shows(browser, site, tmp_path):
    import guide.serve

    folder = tmp_path / "site"
    shutil.copytree(site, folder)
    server = guide.serve.start(guide.serve.listen(folder, "127.0.0.1", 0))
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "about/changelog.html")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        assert page.evaluate(
            "async () => [(await navigator.serviceWorker.getRegistrations()).length,"
            " (await caches.keys()).length]"
        ) == [0, 0]
        assert page.locator(".offline-status").is_hidden()
        changed = folder / "about" / "changelog.html"
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("<h1>", "<p>Saved just now.</p><h1>", 1),
            encoding="utf-8",
        )
        page.reload()
        assert "Saved just now." in page.inner_text("main")
        context.close()
    finally:
        server.shutdown()
        server.server_close()
