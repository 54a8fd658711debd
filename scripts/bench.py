"""``make bench``: build times, page weights, other themes, how cost grows, Lighthouse's scores.

Prints a table and writes ``bench.json``. Not part of the tests: timings vary with the machine.
The tests share its page types, budgets and ``static_weight`` (tests/site/test_performance.py).
"""

import argparse
import gzip
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from feeds_server import FeedServer  # noqa: E402 (the tests' loopback feed server)
from helpers import import_profile, serving  # noqa: E402 (the tests' static server, profile)

# Every page type: the home page, every framework page (observation is the checklist page),
# a profession page, the directory and a card.
FRAMEWORK = sorted(path.stem for path in (ROOT / "docs" / "framework").glob("*.md"))
PAGE_TYPES = {
    "home": "index.html",
    **{
        (
            "checklist page" if name == "observation" else f"framework/{name}"
        ): f"framework/{name}.html"
        for name in FRAMEWORK
    },
    "profession page": "professions/midwives.html",
    "directory": "directory/index.html",
    "card": "quick-reference/prompts-at-a-glance.html",
}
# Lighthouse's four scores on these (accessibility, best practices and SEO should be 100).
LIGHTHOUSE_PAGES = {
    "home": "index.html",
    "step 1": "framework/step-1.html",
    "directory": "directory/index.html",
    "card": "quick-reference/prompts-at-a-glance.html",
}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OWN = {
    "guide.css",
    "guide.js",
    "checklist.css",
    "checklist.js",
    "directory.css",
    "directory.js",
    "brand.css",
    "copybutton.js",
    "copybutton.css",
    "languages.css",
    "offline.js",
    "localpages.css",
}
# A page with all its requests, and all its CSS and all its JavaScript (ours and our
# dependencies'), gzipped; our own files together; the directory's filter per key press.
BUDGET = {"page_kib": 25, "css_kib": 10, "js_kib": 8, "own_js_kib": 6, "own_css_kib": 10,
          "filter_ms": 50}  # fmt: skip
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def run(command, **kwargs):
    """Run a build; return (seconds, peak memory in MiB of that process)."""
    measured = measure(command, **kwargs)
    return measured["s"], measured["peak_mib"]


def measure(command, **kwargs):
    """Run a command: its wall-clock and CPU seconds (the CPU is steadier on a busy machine)
    and the peak memory, in MiB, of it and the children it waited for."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block it
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, **kwargs)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(
                f"bench: failed: {' '.join(map(str, command))}\n{errors.read().decode()[-5000:]}"
            )
    # wait4's ru_maxrss is the largest of the process and the children it waited for.
    return {"s": round(seconds, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_mib": round(usage.ru_maxrss / 1024)}  # fmt: skip


def sphinx(python, src, out, *options):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")}
    return run(
        [python, "-m", "sphinx", "-q", "-c", str(ROOT), *options, str(src), str(out)], env=env
    )


def spread(values):
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2),
            "max": round(max(values), 2), "runs": len(values)}  # fmt: skip


def bench_builds(work, runs):
    """``python -m guide build`` as an editor lives with it (in this process, so the figures
    leave out one interpreter's start): a full build into an empty folder, a build with nothing
    changed, and a build after one content page is edited; and a full ``-j 2`` Sphinx build."""
    import contextlib
    import io

    sys.path.insert(0, str(ROOT))
    import guide.build

    src = work / "docs"
    shutil.copytree(ROOT / "docs", src, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    guide.build.DOCS = src
    full, unchanged, one_page, parallel = [], [], [], []

    def timed(builddir):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            status = guide.build.build("local/default", builddir, output="quiet")
        if status != 0:
            raise SystemExit(f"bench: the build in {builddir} failed")
        return time.perf_counter() - start

    for number in range(runs):
        builddir = work / f"build-{number}"
        full.append(timed(builddir))
        unchanged.append(timed(builddir))
        page = src / "framework" / "step-2.md"
        page.write_text(
            page.read_text(encoding="utf-8") + f"\nEdited for the benchmark ({number}).\n"
        )
        one_page.append(timed(builddir))
        parallel.append(sphinx(sys.executable, src, work / f"parallel-{number}", "-j", "2")[0])
    shutil.copytree(work / "build-0" / "html", work / "full-0")
    return {
        "full": spread(full),
        "no change": spread(unchanged),
        "one page edited": spread(one_page),
        "parallel -j 2": spread(parallel),
    }


class Loads(HTMLParser):
    """What a page names for loading: ``(tag, its rel words, address)`` for each ``<link>``
    with an ``href`` and each ``<script>`` or ``<img>`` with a ``src``, in order. Who reads
    it chooses: the weight counts stylesheets, scripts, images and icons; the offline test
    (``tests/browser/test_offline.py``) every link but search."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = attrs.get("href") if tag == "link" else attrs.get("src")
        if url and tag in ("link", "script", "img"):
            self.found.append((tag, set((attrs.get("rel") or "").split()), url))

    @classmethod
    def of(cls, text):
        loads = cls()
        loads.feed(text)
        return loads.found


def static_weight(site, path):
    """A page's weight from its files, without a browser: the page and every stylesheet,
    script, image and icon it names, each gzipped, with its CSS and its JavaScript apart.
    Counts of bytes, the same on every machine (the tests assert them)."""
    page = Path(site) / path
    urls = [
        url
        for tag, rel, url in Loads.of(page.read_text(encoding="utf-8"))
        if tag != "link" or rel & {"stylesheet", "icon"}
    ]
    files = [page]
    for url in dict.fromkeys(urls):
        if "://" in url or url.startswith("data:"):
            raise ValueError(f"{path} loads {url} from elsewhere")
        files.append((page.parent / unquote(url.split("#")[0].split("?")[0])).resolve())
    weight = {"page": path, "requests": len(files), "bytes": 0, "gzip": 0, "css_gzip": 0,
              "js_gzip": 0, "files": {}}  # fmt: skip
    for file in files:
        body = file.read_bytes()
        size = gz(body)
        weight["bytes"] += len(body)
        weight["gzip"] += size
        weight["files"][file.name] = size
        if file.suffix in (".css", ".js"):
            weight[f"{file.suffix[1:]}_gzip"] += size
    return weight


def over_budget(weight):
    """What a page type's weight exceeds, in words (empty when within every budget)."""
    limits = [("gzip", "page_kib", "in all"), ("css_gzip", "css_kib", "of CSS"),
              ("js_gzip", "js_kib", "of JavaScript")]  # fmt: skip
    return [
        f"{kib(weight[key])} {what} (budget {BUDGET[budget]} KiB)"
        for key, budget, what in limits
        if weight[key] > BUDGET[budget] * 1024
    ]


def page_weights(browser, site, pages=None):
    """Every request a page makes, as Chromium sees it, with each body gzipped."""
    results = {}
    with serving(site) as url:
        for kind, path in (pages or PAGE_TYPES).items():
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            bodies = []
            page.on("requestfinished", lambda request, bodies=bodies: bodies.append(request))
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            total = raw = css = js = own_js = own_css = 0
            for request in bodies:
                body = request.response().body()
                name = request.url.split("?")[0].rsplit("/", 1)[-1]
                raw += len(body)
                total += gz(body)
                if name.endswith(".js"):
                    js += gz(body)
                    own_js += gz(body) if name in OWN else 0
                if name.endswith(".css"):
                    css += gz(body)
                    own_css += gz(body) if name in OWN else 0
            text = page.evaluate(
                "() => (document.querySelector('main .body') || document.querySelector('[role=main]')"
                " || document.querySelector('main') || document.body).innerText"
            ).encode("utf-8")
            results[kind] = {"page": path, "requests": len(bodies), "bytes": raw, "gzip": total,
                             "css_gzip": css, "js_gzip": js, "own_js_gzip": own_js,
                             "own_css_gzip": own_css, "text_gzip": gz(text)}  # fmt: skip
            context.close()
    return results


def own_asset_totals(site):
    static = site / "_static"
    own = [static / name for name in OWN if (static / name).exists()]
    js = sum(gz(path.read_bytes()) for path in own if path.suffix == ".js")
    css = sum(gz(path.read_bytes()) for path in own if path.suffix == ".css")
    return {"own_js_gzip": js, "own_css_gzip": css}


def other_themes(work, browser, python_for_furo):
    """The same content with alabaster and furo, to compare the framework page's weight."""
    results = {}
    for theme, python in (("alabaster", sys.executable), ("furo", python_for_furo)):
        if python is None:
            results[theme] = None
            continue
        out = work / f"theme-{theme}"
        sphinx(python, ROOT / "docs", out, "-D", f"html_theme={theme}")
        results[theme] = page_weights(browser, out, {"step 2": "framework/step-2.html"})["step 2"]
    return results


def furo_python(work):
    """furo in the benchmark's own environment; the site does not depend on it."""
    venv = ROOT / ".venv-bench"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-e", str(ROOT), "furo"], check=False
        )
    ok = subprocess.run([str(python), "-c", "import furo"], capture_output=True).returncode == 0
    return str(python) if ok else None


def make_profile(folder, count):
    random.seed(count)
    folder.mkdir(parents=True, exist_ok=True)
    topics = ["bonding-and-attachment", "crying-and-soothing", "play-and-communication",
              "perinatal-mental-health", "young-parents", "parenting-support"]  # fmt: skip
    rows = ["id,name,organisation,tier,summary,stages,topics,access,languages,phone,last_reviewed"]
    for n in range(count):
        kind = random.choice(["stay and play", "parent group", "clinic", "helpline"])
        rows.append(
            f"svc-{n},Service {n} {kind},Organisation {n % 50},"
            f"{random.choice(['advice', 'help', 'more-help'])},"
            f"A summary of service {n} for parents and carers with young babies.,"
            f"{';'.join(random.sample(['pregnancy', 'first-year', 'second-year'], 2))},"
            f"{';'.join(random.sample(topics, 2))},"
            f"{random.choice(['self-referral', 'professional-referral', 'drop-in', 'online'])},"
            f"{random.choice(['en', 'en;cy', 'en;pl'])},0113 843 0841,2026-{random.randint(1, 10):02d}-01"
        )
    (folder / "services.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "profile.toml").write_text(
        f'[area]\nname = "Benchshire {count}"\nnation = "england"\n\n'
        '[directory]\nsources = ["services.csv"]\ninclude_national = false\n',
        encoding="utf-8",
    )


# The feed's terms mapped as a council would map its own (the tests' profile, helpers.py).
FEED_TERMS = """
[import.topics]
"t-play" = "play-and-communication"
"t-feed" = "bonding-and-attachment"
"t-mood" = "perinatal-mental-health"

[import.tiers]
"t-spec" = "more-help"
"""


def make_feed(count):
    """``count`` HSDS 3.0 services as a council's feed serves them: HTML descriptions,
    taxonomy terms the profile maps, ages, phones, addresses, opening times, languages."""
    random.seed(count)
    kinds = [
        "baby stay and play",
        "breastfeeding group",
        "antenatal class",
        "parent and baby group",
    ]
    terms = [("t-play", "Stay and play"), ("t-feed", "Infant feeding"), ("t-mood", "Wellbeing"),
             ("t-spec", "Specialist"), ("t-lib", "Libraries")]  # fmt: skip
    services = []
    for n in range(count):
        sid = f"feed-{n:05d}"
        chosen = random.sample(terms, 2)
        services.append({
            "id": sid,
            "name": f"{random.choice(kinds).capitalize()} {n}",
            "description": f"<p>Sessions for parents &amp; babies in area {n % 40}.</p>"
            "<ul><li>Songs and rhymes</li><li>Time to talk with other parents</li></ul>",
            "status": "active",
            "url": f"https://family.example.gov.uk/services/{n}",
            "email": f"service{n}@example.gov.uk",
            "organization": {"id": f"org-{n % 50}", "name": f"Organisation {n % 50}"},
            "phones": [{"id": f"{sid}-p", "number": "0113 496 0100"}],
            "minimum_age": 0,
            "maximum_age": random.choice([1, 2]),
            "languages": [{"id": f"{sid}-l", "code": random.choice(["en", "pl", "cy"])}],
            "schedules": [{"id": f"{sid}-s", "byday": "WE", "opens_at": "10:00",
                           "closes_at": "11:30"}],
            "service_areas": [{"id": f"{sid}-a", "name": f"Benchshire {n % 12}"}],
            "service_at_locations": [{"id": f"{sid}-sl", "location": {"id": f"{sid}-loc",
                "name": "Children's centre", "addresses": [{"id": f"{sid}-ad",
                "address_1": f"{n % 200 + 1} Mill Lane", "city": "Benchton",
                "postal_code": "BE1 1AA"}]}}],
            "assured_date": f"2026-{random.randint(1, 10):02d}-01",
            "attributes": [
                {"id": f"{sid}-t{i}", "taxonomy_term_id": term_id,
                 "taxonomy_term": {"id": term_id, "name": name, "taxonomy": "Benchshire"}}
                for i, (term_id, name) in enumerate(chosen)
            ],
        })  # fmt: skip
    return services


def guide(*arguments):
    """``python -m guide ...`` in a child process, measured."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")}
    return measure([sys.executable, "-m", "guide", *arguments], env=env, cwd=ROOT)


def bench_feed(work, count):
    """A ``count``-service feed served on 127.0.0.1: ``make import``, then ``make html`` with
    the snapshot it wrote, each timed with its peak memory."""
    profile = work / f"feed-{count}"
    with FeedServer(max_requests=count * 2 + 1000, keep_alive=True) as server:
        url = server.add("feed", make_feed(count), shape="hsds-3")
        profile.mkdir(parents=True, exist_ok=True)
        toml = import_profile(f'url = "{url}"', area="Benchshire feed", extra=FEED_TERMS)
        (profile / "profile.toml").write_text(toml, encoding="utf-8")
        imported = guide("import", "--profile", str(profile))
        requests, connections = len(server.asked), server.connections
    snapshot = profile / "imported.yaml"
    built = guide(
        "build", "--profile", str(profile), "--builddir", str(work / f"feed-build-{count}")
    )
    header = snapshot.read_text(encoding="utf-8").split("# Services: ", 1)[1].split(",", 1)[0]
    return {"services": count, "requests": requests, "connections": connections, "taken": header,
            "snapshot_bytes": snapshot.stat().st_size, "import": imported, "build": built}  # fmt: skip


def keystrokes(browser, url, typed="service 12 stay and p", throttle=1):
    """Real key presses; each timed from the input event to the updated, laid-out count.
    ``throttle`` slows the CPU as DevTools does (4: a mid-range phone)."""
    page = browser.new_page()
    if throttle > 1:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url, timeout=180_000)
    page.wait_for_selector("form.directory-filters:not([hidden])", state="attached")
    page.evaluate(
        """() => {
            window.__times = [];
            let start = 0;
            document.addEventListener('input', () => { start = performance.now(); }, true);
            window.addEventListener('input', () => {
                document.querySelector('.directory-count').getBoundingClientRect();
                document.body.offsetHeight;
                window.__times.push(performance.now() - start);
            });
        }"""
    )
    page.click("#filter-q")
    for character in typed[:20]:
        page.keyboard.type(character)
    times = page.evaluate("window.__times")
    page.close()
    return {
        "median_ms": round(statistics.median(times), 1),
        "worst_ms": round(max(times), 1),
        "keystrokes": len(times),
    }


def bench_scale(work, browser, sizes):
    results = {}
    for count in sizes:
        profile = work / f"profile-{count}"
        make_profile(profile, count)
        out = work / f"scale-{count}"
        seconds, peak = sphinx(sys.executable, ROOT / "docs", out, "-D", f"local_profile={profile}")
        with serving(out) as url:
            timing = keystrokes(browser, url + "directory/index.html")
            slow = keystrokes(browser, url + "directory/index.html", throttle=4)
        results[count] = {"build_s": round(seconds, 1), "peak_mib": round(peak), "directory_gzip": gz(
            (out / "directory" / "index.html").read_bytes()), **timing,
            "throttled_4x": slow}  # fmt: skip
    return results


def tree_rss(pid):
    """Resident memory of a process and all its descendants now, in KiB (Linux's /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))  # fmt: skip
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_sampled(command, **kwargs):
    """Run a command; return (seconds, peak MiB of its whole process tree at once, peak MiB
    of its largest single process). The tree is sampled every 50 ms."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"bench: failed: {' '.join(map(str, command))}\n{process.stderr.read().decode()}"
        )
    return seconds, peak / 1024, usage.ru_maxrss / 1024


def bench_areas(work, counts):
    """``python -m guide build --profiles`` with 1, 2, 4 and 8 areas (copies of the Leeds
    example under other names), side by side up to the cores: time, time per area, memory."""
    results = {}
    for count in counts:
        folder = work / f"areas-{count}"
        for number in range(1, count + 1):
            target = folder / f"area-{number}"
            shutil.copytree(ROOT / "local" / "examples" / "leeds", target)
            toml = target / "profile.toml"
            toml.write_text(toml.read_text(encoding="utf-8").replace(
                'name = "Leeds"', f'name = "Area {number}"', 1), encoding="utf-8")  # fmt: skip
        command = [sys.executable, "-m", "guide", "build", "--profiles", str(folder),
                   "--builddir", str(work / f"areas-build-{count}")]  # fmt: skip
        seconds, peak, largest = run_sampled(command, cwd=ROOT)
        results[count] = {"seconds": round(seconds, 1), "per_area_s": round(seconds / count, 1),
                          "peak_mib": round(peak), "largest_process_mib": round(largest)}  # fmt: skip
    return results


def lighthouse(site, work):
    """Lighthouse's four scores for each page in ``LIGHTHOUSE_PAGES``, served on 127.0.0.1 and
    loaded in Debian's Chromium; with every audit below full marks outside performance."""
    if not LIGHTHOUSE.exists():
        return None
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    results = {}
    with serving(site) as url:
        for name, path in LIGHTHOUSE_PAGES.items():
            output = work / f"lighthouse-{name.replace(' ', '-')}.json"
            command = [str(LIGHTHOUSE), url + path, "--quiet", "--output=json",
                       f"--output-path={output}", "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
                       "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]  # fmt: skip
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                raise SystemExit(f"bench: Lighthouse failed on {path}:\n{done.stderr}")
            report = json.loads(output.read_text(encoding="utf-8"))
            categories = report["categories"]
            failing = sorted(
                {
                    ref["id"]
                    for key, category in categories.items()
                    if key != "performance"
                    for ref in category["auditRefs"]
                    if ref.get("weight") and (report["audits"][ref["id"]].get("score") or 0) < 1
                }
            )
            results[name] = {
                "page": path,
                "scores": {
                    key: round(categories[key]["score"] * 100) for key in LIGHTHOUSE_CATEGORIES
                },
                "failing": failing,
            }
    return results


def kib(n):
    return f"{n / 1024:.1f} KiB"


def report(data):
    lines = [f"Benchmark, {data['date']}, on {data['machine']}"]
    if data.get("builds"):
        lines += ["", f"Build (seconds: median [min-max] of {data['builds']['full']['runs']} runs)"]
        for name, s in data["builds"].items():
            lines.append(f"  {name:<16} {s['median']:>6.1f}  [{s['min']:.1f}-{s['max']:.1f}]")
    if data.get("weights"):
        lines += ["", f"Weight (all requests, gzipped; budget {BUDGET['page_kib']} KiB a page, "
                  f"{BUDGET['css_kib']} KiB of CSS, {BUDGET['js_kib']} KiB of JavaScript)",
                  f"  {'page':<44}{'requests':>9}{'bytes':>11}{'gzipped':>10}{'CSS':>9}{'JS':>9}"]  # fmt: skip
        for kind, w in data["weights"].items():
            over = over_budget(w)
            lines.append(f"  {kind:<44}{w['requests']:>9}{kib(w['bytes']):>11}{kib(w['gzip']):>10}"
                         f"{kib(w['css_gzip']):>9}{kib(w['js_gzip']):>9}"
                         + (f"  OVER: {'; '.join(over)}" if over else ""))  # fmt: skip
        heaviest = max(data["weights"].values(), key=lambda w: w["gzip"])
        lines.append(f"  heaviest: {heaviest['page']}, {kib(heaviest['gzip'])}; "
                     + ("every page type within budget" if not any(
                         over_budget(w) for w in data["weights"].values()) else "NOT all within budget"))  # fmt: skip
        own = data["own_assets"]
        lines.append(f"  all our own JS {kib(own['own_js_gzip'])} (budget {BUDGET['own_js_kib']} KiB), "
                     f"all our own CSS {kib(own['own_css_gzip'])} (budget {BUDGET['own_css_kib']} KiB)")  # fmt: skip
        floor = data["weights"]["framework/step-2"]["text_gzip"]
        lines.append(f"  floor: step 2's text alone, gzipped: {kib(floor)}")
    if data.get("themes"):
        lines += ["", "Step 2 with other themes"]
        ours = data["weights"]["framework/step-2"]["gzip"]
        for theme, w in data["themes"].items():
            if w is None:
                lines.append(f"  {theme:<10} not installed")
            else:
                lines.append(
                    f"  {theme:<10} {w['requests']:>3} requests {kib(w['gzip']):>10}  ours/theirs {ours / w['gzip']:.2f}"
                )
    if data.get("scale"):
        lines += ["", f"Scale (directory filter budget {BUDGET['filter_ms']} ms per keystroke)",
                  f"  {'services':>8}{'build s':>9}{'peak MiB':>10}{'directory gz':>14}{'filter median':>15}{'worst':>8}"
                  f"{'4x CPU median':>15}{'worst':>8}"]  # fmt: skip
        for count, s in data["scale"].items():
            slow = s["throttled_4x"]
            lines.append(f"  {count:>8}{s['build_s']:>9.1f}{s['peak_mib']:>10}{kib(s['directory_gzip']):>14}"
                         f"{s['median_ms']:>12.1f} ms{s['worst_ms']:>6.0f} ms"
                         f"{slow['median_ms']:>12.1f} ms{slow['worst_ms']:>6.0f} ms")  # fmt: skip
    if data.get("areas"):
        lines += ["", f"Areas in one command (python -m guide build --profiles; {data['areas_jobs']} at once; "
                  f"load average {data.get('areas_load', '?')} at the start)",
                  f"  {'areas':>5}{'seconds':>9}{'per area':>10}{'peak MiB (all)':>16}{'largest process':>17}"]  # fmt: skip
        for count, a in data["areas"].items():
            lines.append(f"  {count:>5}{a['seconds']:>9.1f}{a['per_area_s']:>10.1f}"
                         f"{a['peak_mib']:>16}{a['largest_process_mib']:>13} MiB")  # fmt: skip
    if data.get("feed"):
        feed = data["feed"]
        lines += ["", f"A feed of {feed['services']:,} services on 127.0.0.1 ({feed['requests']:,} "
                  f"requests over {feed.get('connections', '?')} connection(s)), imported, then built "
                  "(aims: 60 s each, 600 MiB at most)",
                  f"  {'':<8}{'seconds':>9}{'CPU s':>8}{'peak MiB':>10}"]  # fmt: skip
        for step in ("import", "build"):
            m = feed[step]
            lines.append(f"  {step:<8}{m['s']:>9.1f}{m['cpu_s']:>8.1f}{m['peak_mib']:>10}")
        lines.append(f"  snapshot: {feed['taken']}, {feed['snapshot_bytes'] / 1024 / 1024:.1f} MiB")
    if "lighthouse" in data:
        lines += [
            "",
            "Lighthouse 12.2.3 (Debian's Chromium, headless; its default mobile emulation)",
        ]
        if data["lighthouse"] is None:
            lines.append("  not installed: run  npm ci")
        else:
            lines.append(
                f"  {'page':<12}{'performance':>13}{'accessibility':>15}{'best practices':>16}{'SEO':>6}"
            )
            for name, result in data["lighthouse"].items():
                s = result["scores"]
                lines.append(f"  {name:<12}{s['performance']:>13}{s['accessibility']:>15}"
                             f"{s['best-practices']:>16}{s['seo']:>6}"
                             + (f"  below 100: {', '.join(result['failing'])}" if result["failing"] else ""))  # fmt: skip
    return "\n".join(lines)


PARTS = ("builds", "weights", "themes", "scale", "areas", "feed", "lighthouse")


def arguments(parser):
    """The benchmark's options (``python -m guide bench --help`` shows them)."""
    parser.add_argument("--runs", type=int, default=3, help="how many times each build is timed")
    parser.add_argument("--sizes", default="100,1000,5000", help="numbers of services to scale to")
    parser.add_argument("--areas", default="1,2,4,8", help="how many areas to build at once")
    parser.add_argument("--feed-size", type=int, default=10_000,
                        help="services in the feed served for the import")  # fmt: skip
    parser.add_argument("--parts", default=",".join(PARTS), help="which parts to run")
    parser.add_argument(
        "--output", default=str(ROOT / "bench.json"), help="where to write the figures"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments(parser)
    return bench(parser.parse_args(argv), parser)


def bench(args, parser=None):
    parts = set(args.parts.split(","))
    if parts - set(PARTS):
        message = f"unknown parts: {', '.join(sorted(parts - set(PARTS)))} (the parts: {', '.join(PARTS)})"
        if parser is not None:
            parser.error(message)
        print(f"bench: {message}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as folder, sync_playwright() as playwright:
        work = Path(folder)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        site = work / "full-0"
        data = {
            "date": time.strftime("%Y-%m-%d"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{subprocess.run([CHROMIUM, '--version'], capture_output=True, text=True).stdout.strip()}",
            "budgets": BUDGET,
        }
        if "builds" in parts:
            data["builds"] = bench_builds(work, args.runs)
        elif parts & {"weights", "themes", "lighthouse"}:
            sphinx(sys.executable, ROOT / "docs", site)
        if "weights" in parts or "themes" in parts:
            data["weights"] = page_weights(browser, site)
            data["own_assets"] = own_asset_totals(site)
        if "themes" in parts:
            data["themes"] = other_themes(work, browser, furo_python(work))
        if "scale" in parts:
            data["scale"] = bench_scale(work, browser, [int(s) for s in args.sizes.split(",")])
        browser.close()
        if "areas" in parts:
            sys.path.insert(0, str(ROOT))
            from guide.areas import cores

            data["areas_jobs"] = cores()
            data["areas_load"] = round(os.getloadavg()[0], 1)  # other work slows these figures
            data["areas"] = bench_areas(work, [int(n) for n in args.areas.split(",")])
        if "feed" in parts:
            data["feed"] = bench_feed(work, args.feed_size)
        if "lighthouse" in parts:
            data["lighthouse"] = lighthouse(site, work)
    Path(args.output).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(report(data))
    print(f"\nWritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
