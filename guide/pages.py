"""``pages``: the folder a static host publishes, from the zips ``dist`` made.

Each zip in ``dist/`` is checked against ``dist/SHA256SUMS``, then unpacked: one area at the
folder's root; several each into ``<area-slug>/``, with the hub page at the root listing them
(``areas.hub_page``). This is what the pipeline files run before GitHub Pages, GitLab Pages or
Azure Static Web Apps take the folder. Nothing in a zip is written outside its area's folder.
"""

import hashlib
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path, PurePosixPath

from . import ROOT, areas

NAME = "pages"
HELP = "unpack dist/'s zips into one folder to publish, with a hub page for several areas"
MAX_BYTES = 500 * 1024 * 1024  # what one area's site may unpack to


class PagesError(Exception):
    pass


def arguments(parser):
    parser.add_argument("--dist", default="dist", help="where make dist put the zips")
    parser.add_argument("--out", default="public", help="the folder to write (must not exist)")


def checked_zips(dist):
    """The zips SHA256SUMS lists, each checked against its hash."""
    sums = dist / "SHA256SUMS"
    if not sums.is_file():
        raise PagesError(f"{sums}: missing (make dist writes it)")
    listed = {}
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name or "/" in name or "\\" in name:
            raise PagesError(f"{sums}:{number}: not a line of sha256sum's output")
        listed[name] = digest
    zips = sorted(name for name in listed if name.endswith(".zip"))
    if not zips:
        raise PagesError(f"{sums}: lists no zip")
    for name in zips:
        path = dist / name
        if not path.is_file():
            raise PagesError(f"{path}: listed in SHA256SUMS but missing")
        if hashlib.sha256(path.read_bytes()).hexdigest() != listed[name]:
            raise PagesError(f"{path}: its SHA-256 is not the one SHA256SUMS gives")
    return [dist / name for name in zips]


def area_slug(path):
    """``parent-infant-guide-0.1.0-cardiff.zip`` is cardiff."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    prefix = f"{meta['name']}-{meta['version']}-"
    stem = path.stem[len(prefix) :] if path.stem.startswith(prefix) else path.stem
    return areas.slug(stem)


def unpack(path, target):
    """Every file under the zip's one top folder into ``target``; refuses any other name."""
    with zipfile.ZipFile(path) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if sum(info.file_size for info in infos) > MAX_BYTES:
            raise PagesError(f"{path}: unpacks to more than {MAX_BYTES:,} bytes")
        for info in infos:
            parts = PurePosixPath(info.filename).parts
            if (len(parts) < 2 or parts[0] != path.stem or ".." in parts
                    or info.filename.startswith("/") or "\\" in info.filename):  # fmt: skip
                raise PagesError(f"{path}: {info.filename!r} is not inside {path.stem}/")
            destination = target.joinpath(*parts[1:])
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.read(info))


def publish(dist, out):
    dist, out = Path(dist), Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PagesError(f"{out}: already there; remove it first (pages writes it whole)")
    zips = checked_zips(dist)
    slugs = [area_slug(path) for path in zips]
    if len(set(slugs)) != len(slugs):
        raise PagesError(f"{dist}: two zips are for the same area")
    partial = out.with_name(out.name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        if len(zips) == 1:
            unpack(zips[0], partial)
        else:
            for path, slug in zip(zips, slugs, strict=True):
                unpack(path, partial / slug)
            listed = [(*areas.site_area(partial / slug), f"{slug}/index.html") for slug in slugs]
            areas.write_hub(partial, listed)
    except (PagesError, zipfile.BadZipFile):
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if out.exists():
        out.rmdir()
    partial.rename(out)
    return len(zips)


def run(args):
    try:
        count = publish(args.dist, args.out)
    except (PagesError, zipfile.BadZipFile) as exc:
        print(f"pages: {exc}", file=sys.stderr)
        return 1
    what = "one area at its root" if count == 1 else f"{count} areas and the hub page"
    print(f"pages: {args.out} holds {what}")
    return 0
