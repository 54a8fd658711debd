"""``make bench``: build times, page weights, a comparison with other themes, and how cost grows.

Prints a table and writes ``bench.json``. Not part of the tests: timings vary with the machine.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import serving  # noqa: E402 (the tests' small static server)

PAGE_TYPES = {
    "home": "index.html",
    "framework page": "framework/step-2.html",
    "profession page": "professions/midwives.html",
    "checklist page": "framework/observation.html",
    "directory": "directory/index.html",
    "quick-reference guide": "quick-reference/prompts-at-a-glance.html",
}
OWN = {
    "guide.css",
    "guide.js",
    "checklist.css",
    "checklist.js",
    "directory.css",
    "directory.js",
    "brand.css",
}
BUDGET = {"page_kib": 25, "own_js_kib": 6, "own_css_kib": 10, "filter_ms": 50}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def run(command, **kwargs):
    """Run a build; return (seconds, peak memory in MiB of that process)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"bench: build failed: {' '.join(map(str, command))}\n{process.stderr.read().decode()}"
        )
    return seconds, usage.ru_maxrss / 1024


def sphinx(python, src, out, *options):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")}
    return run(
        [python, "-m", "sphinx", "-q", "-c", str(ROOT), *options, str(src), str(out)], env=env
    )


def spread(values):
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2),
            "max": round(max(values), 2), "runs": len(values)}  # fmt: skip


def bench_builds(work, runs):
    src = work / "docs"
    shutil.copytree(ROOT / "docs", src, ignore=shutil.ignore_patterns("_build"))
    full, parallel, incremental = [], [], []
    for number in range(runs):
        out = work / f"full-{number}"
        full.append(sphinx(sys.executable, src, out)[0])
        page = src / "framework" / "step-2.md"
        page.write_text(
            page.read_text(encoding="utf-8") + f"\nEdited for the benchmark ({number}).\n"
        )
        incremental.append(sphinx(sys.executable, src, out)[0])
        parallel.append(sphinx(sys.executable, src, work / f"parallel-{number}", "-j", "2")[0])
    return {
        "full": spread(full),
        "incremental": spread(incremental),
        "parallel -j 2": spread(parallel),
    }


def page_weights(browser, site):
    """Every request a page makes, as Chromium sees it, with each body gzipped."""
    results = {}
    with serving(site) as url:
        for kind, path in PAGE_TYPES.items():
            page = browser.new_page()
            bodies = []
            page.on("requestfinished", lambda request, bodies=bodies: bodies.append(request))
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            total = raw = own_js = own_css = 0
            for request in bodies:
                body = request.response().body()
                name = request.url.split("?")[0].rsplit("/", 1)[-1]
                raw += len(body)
                total += gz(body)
                if name in OWN and name.endswith(".js"):
                    own_js += gz(body)
                if name in OWN and name.endswith(".css"):
                    own_css += gz(body)
            text = page.evaluate(
                "() => (document.querySelector('main .body') || document.querySelector('[role=main]')"
                " || document.querySelector('main') || document.body).innerText"
            ).encode("utf-8")
            results[kind] = {"page": path, "requests": len(bodies), "bytes": raw, "gzip": total,
                             "own_js_gzip": own_js, "own_css_gzip": own_css, "text_gzip": gz(text)}  # fmt: skip
            page.close()
    return results


def own_asset_totals(site):
    static = site / "_static"
    js = sum(gz((static / name).read_bytes()) for name in OWN if name.endswith(".js"))
    css = sum(gz((static / name).read_bytes()) for name in OWN if name.endswith(".css"))
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
        results[theme] = page_weights(browser, out)["framework page"]
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


def kib(n):
    return f"{n / 1024:.1f} KiB"


def report(data):
    lines = [f"Benchmark, {data['date']}, on {data['machine']}", ""]
    lines.append(f"Build (seconds: median [min-max] of {data['builds']['full']['runs']} runs)")
    for name, s in data["builds"].items():
        lines.append(f"  {name:<16} {s['median']:>6.1f}  [{s['min']:.1f}-{s['max']:.1f}]")
    lines += ["", f"Weight (all requests; budget {BUDGET['page_kib']} KiB gzipped)",
              f"  {'page':<22}{'requests':>9}{'bytes':>12}{'gzipped':>11}{'own JS':>10}{'own CSS':>10}"]  # fmt: skip
    for kind, w in data["weights"].items():
        lines.append(f"  {kind:<22}{w['requests']:>9}{kib(w['bytes']):>12}{kib(w['gzip']):>11}"
                     f"{kib(w['own_js_gzip']):>10}{kib(w['own_css_gzip']):>10}")  # fmt: skip
    own = data["own_assets"]
    lines.append(f"  all our own JS {kib(own['own_js_gzip'])} (budget {BUDGET['own_js_kib']} KiB), "
                 f"all our own CSS {kib(own['own_css_gzip'])} (budget {BUDGET['own_css_kib']} KiB)")  # fmt: skip
    floor = data["weights"]["framework page"]["text_gzip"]
    lines.append(f"  floor: the framework page's text alone, gzipped: {kib(floor)}")
    lines += ["", "The same framework page with other themes"]
    ours = data["weights"]["framework page"]["gzip"]
    for theme, w in data["themes"].items():
        if w is None:
            lines.append(f"  {theme:<10} not installed")
        else:
            lines.append(
                f"  {theme:<10} {w['requests']:>3} requests {kib(w['gzip']):>10}  ours/theirs {ours / w['gzip']:.2f}"
            )
    lines += ["", f"Scale (directory filter budget {BUDGET['filter_ms']} ms per keystroke)",
              f"  {'services':>8}{'build s':>9}{'peak MiB':>10}{'directory gz':>14}{'filter median':>15}{'worst':>8}"
              f"{'4x CPU median':>15}{'worst':>8}"]  # fmt: skip
    for count, s in data["scale"].items():
        slow = s["throttled_4x"]
        lines.append(f"  {count:>8}{s['build_s']:>9.1f}{s['peak_mib']:>10}{kib(s['directory_gzip']):>14}"
                     f"{s['median_ms']:>12.1f} ms{s['worst_ms']:>6.0f} ms"
                     f"{slow['median_ms']:>12.1f} ms{slow['worst_ms']:>6.0f} ms")  # fmt: skip
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--output", default=str(ROOT / "bench.json"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as folder, sync_playwright() as playwright:
        work = Path(folder)
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        builds = bench_builds(work, args.runs)
        site = work / "full-0"
        data = {
            "date": time.strftime("%Y-%m-%d"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{subprocess.run(['/usr/bin/chromium', '--version'], capture_output=True, text=True).stdout.strip()}",
            "budgets": BUDGET,
            "builds": builds,
            "weights": page_weights(browser, site),
            "own_assets": own_asset_totals(site),
            "themes": other_themes(work, browser, furo_python(work)),
            "scale": bench_scale(work, browser, [int(s) for s in args.sizes.split(",")]),
        }
        browser.close()
    Path(args.output).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(report(data))
    print(f"\nWritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
