"""Many areas in one command: which profiles, each area's folder name, running them side by
side, and the hub page that lists them.

``build`` and ``dist`` take ``--profile`` more than once, or ``--profiles FOLDER`` (every folder
in it that holds a ``profile.toml``). Each area is built in its own processes, as many at once
as there are cores (``--jobs`` to change), into ``BUILDDIR/<area-slug>/``; each area's output
is printed when it finishes, under its name, so areas never interleave.
"""

import html
import os
import re
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .build import profile_path

HUB = "index.html"


class AreaError(Exception):
    """The profiles asked for cannot be built side by side."""


def add_arguments(parser, default_profile):
    parser.add_argument("--profile", action="append", dest="profile_list", metavar="PROFILE",
                        help=f"a profile folder (default {default_profile}); give it again for "
                             "more areas")  # fmt: skip
    parser.add_argument("--profiles", metavar="FOLDER",
                        help="every profile folder in FOLDER: one area each")  # fmt: skip
    parser.add_argument("--jobs", type=int, default=None,
                        help="areas built at once (default: the cores available)")  # fmt: skip


def listing(profiles, style):
    """The areas as JSON for a pipeline's matrix: "json", a list of {"slug", "profile"}
    (GitHub Actions); "azure", {slug: {"PROFILE": profile}} (Azure Pipelines)."""
    import json

    if style == "azure":
        return json.dumps({slug(p): {"PROFILE": p} for p in profiles}, sort_keys=True)
    return json.dumps([{"slug": slug(p), "profile": p} for p in profiles])


def slug(profile):
    """The area's folder name: its profile folder's name in lower-case ASCII letters, digits
    and hyphens ("My área" is my-area)."""
    name = Path(str(profile).rstrip("/\\")).name
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "area"


def chosen(args, default_profile):
    """The profiles asked for, in order, and whether they are many (one folder per area).
    With neither option: the PROFILE environment variable or the default, as one area."""
    profiles = list(args.profile_list or [])
    if args.profiles:
        folder = profile_path(args.profiles)
        if not folder.is_dir():
            raise AreaError(f"{args.profiles}: no such folder")
        found = sorted(p for p in folder.iterdir() if (p / "profile.toml").is_file())
        if not found:
            raise AreaError(f"{args.profiles}: no folder in it holds a profile.toml")
        given = Path(args.profiles)  # kept as given (relative), so a pipeline's jobs agree
        base = given if given.is_dir() else folder
        profiles += [(base / p.name).as_posix() for p in found]
    many = bool(args.profiles) or len(profiles) > 1
    if not profiles:
        profiles = [os.environ.get("PROFILE") or default_profile]
    slugs = {}
    for profile in profiles:
        other = slugs.setdefault(slug(profile), profile)
        if other != profile:
            raise AreaError(
                f"{other} and {profile} would both be built into {slug(profile)}/: rename one"
            )
    return profiles, many


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows
        return os.cpu_count() or 1


def each(work, profiles, jobs=None):
    """``work(profile, capture)`` for every profile, ``jobs`` at once, each in its own child
    processes; prints each area's output when it is done. Returns the statuses, in order."""
    jobs = max(1, min(jobs or cores(), len(profiles)))

    def one(profile):
        status, output = work(profile, capture=True)
        for line in output.splitlines():
            print(f"[{slug(profile)}] {line}", file=sys.stderr if status else sys.stdout)
        state = "done" if status == 0 else f"FAILED (status {status})"
        print(f"[{slug(profile)}] {state}", flush=True)
        return status

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, profiles))


def site_area(site):
    """(name, has a Welsh site) of a built site, from its ``directory.json``: the area's name
    as its profile gives it (as text, at most 200 characters), else the folder's name."""
    import json

    name = None
    path = Path(site) / "directory.json"
    try:
        if path.stat().st_size <= 50 * 1024 * 1024:
            name = json.loads(path.read_text(encoding="utf-8")).get("area")
    except (OSError, ValueError, AttributeError):
        pass
    if not isinstance(name, str) or not name.strip():
        name = Path(site).name
    return name.strip()[:200], (Path(site) / "cy" / "index.html").is_file()


def hub_page(areas):
    """The hub: a plain page listing each area, with a link to its site (and to its Welsh
    site, if it has one). ``areas`` is [(name, welsh, href)], href ending in "index.html".
    No script, no style attribute, no inline style: it passes the strictest policy."""
    items = []
    for name, welsh_site, href in sorted(areas, key=lambda area: area[0].casefold()):
        welsh = ""
        if welsh_site:
            cy = href.removesuffix("index.html") + "cy/index.html"
            welsh = (
                f' <span lang="cy">(<a href="{html.escape(cy)}" hreflang="cy">'
                f"{html.escape(name)} yn Gymraeg</a>)</span>"
            )
        items.append(f'      <li><a href="{html.escape(href)}">{html.escape(name)}</a>{welsh}</li>')
    listing = "\n".join(items)
    count = len(areas)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>Parent-infant relationships: a practice guide for each area</title>
  <link rel="stylesheet" href="hub.css">
</head>
<body>
  <main>
    <h1>Parent-infant relationships: a practice guide</h1>
    <p>The guide is published for {count} area{"" if count == 1 else "s"}. Choose yours: each
    has its own local services and contacts.</p>
    <ul>
{listing}
    </ul>
  </main>
</body>
</html>
"""


HUB_CSS = """\
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
body { margin: 0 auto; max-width: 40rem; padding: 1rem; line-height: 1.5; color: #1a1a1a;
       background: #fff; }
h1 { font-size: 1.75rem; line-height: 1.25; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
li { margin: 0.5rem 0; }
@media (prefers-color-scheme: dark) {
  body { color: #f0f0f0; background: #121212; }
  a { color: #9cc3ff; }
  a:focus { outline-color: #f0f0f0; }
}
"""


def write_hub(folder, areas):
    """``folder/index.html`` and its stylesheet, through temporary files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((HUB, hub_page(areas)), ("hub.css", HUB_CSS)):
        partial = folder / f"{name}.part"
        partial.write_text(text, encoding="utf-8")
        partial.replace(folder / name)
    return folder / HUB
