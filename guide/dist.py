"""``dist``: a clean build, then ``dist/<project>-<version>-<profile>.zip``, the bill of
materials ``sbom.cdx.json`` (in the zip and beside it) and ``SHA256SUMS``; with several
profiles, one zip per area, built side by side (``areas.py``), and one of each of the others.

The zip is reproducible: files in sorted order, fixed permissions, and every timestamp set from
``SOURCE_DATE_EPOCH`` (or the last commit), so the same commit and profile give the same bytes;
so is the bill of materials (``sbom.py``). If any build fails, ``dist/`` is left exactly as it
was.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from . import ROOT, areas, project, sbom
from .build import DEFAULT_PROFILE, loudness, profile_path, say
from .build import site as build_site

NAME = "dist"
HELP = "a clean build, then a reproducible zip per area, sbom.cdx.json and SHA256SUMS in dist/"
LEFT_OUT = {".buildinfo", ".doctrees"}


def build_epoch():
    """SOURCE_DATE_EPOCH if set, else the last commit's time; zip cannot go before 1980."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        try:
            value = subprocess.run(
                ["git", "log", "-1", "--format=%ct"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            value = ""
    return max(int(value) if value.isdigit() else 315532800, 315532800)


def write_zip(site, target, epoch, extra=()):
    """The site's files, and ``extra`` ((name, bytes) pairs) beside them, under one folder,
    in sorted order."""
    stamp = time.gmtime(epoch)[:6]
    entries = {
        path.relative_to(site).as_posix(): path.read_bytes
        for path in site.rglob("*")
        if path.is_file() and not LEFT_OUT & set(path.relative_to(site).parts)
    }
    entries.update({name: (lambda data=data: data) for name, data in extra})
    folder = target.stem
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(
        partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
    ) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name](), compresslevel=9)
    partial.replace(target)
    return len(entries)


def write_sums(dist):
    lines = []
    for path in sorted([*dist.glob("*.zip"), *dist.glob(sbom.NAME)]):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    partial = dist / "SHA256SUMS.part"
    partial.write_text("".join(lines), encoding="utf-8")
    partial.replace(dist / "SHA256SUMS")


def arguments(parser):
    areas.add_arguments(parser, DEFAULT_PROFILE)
    parser.add_argument("--builddir", default=os.environ.get("BUILDDIR") or "_build",
                        help="where the clean builds go, in BUILDDIR/dist; BUILDDIR sets it too")  # fmt: skip
    parser.add_argument("--dist", default="dist", help="where the zips and SHA256SUMS go")
    loudness(parser)


def zip_name(profile, by_area=True):
    """``<project>-<version>-<area>.zip``: the area's name as its profile gives it, in ASCII
    with no spaces (``Bro Morgannwg`` is ``bro-morgannwg``); else the profile folder's."""
    from profiledata.problems import ProfileDataError
    from profiledata.profile import read_toml
    from profiledata.vocabulary import slugify

    area = None
    if by_area:
        try:
            area = read_toml(profile_path(profile))[0].get("area", {}).get("name")
        except (ProfileDataError, AttributeError):
            area = None
    name = slugify(area) if isinstance(area, str) else ""
    meta = project()
    return f"{meta['name']}-{meta['version']}-{name or areas.slug(profile)}.zip"


def zip_names(profiles):
    """Each profile's zip name; by folder for all if two areas share a name."""
    names = {profile: zip_name(profile) for profile in profiles}
    if len(set(names.values())) < len(names):
        names = {profile: zip_name(profile, by_area=False) for profile in profiles}
    return names


def run(args):
    try:
        profiles, many = areas.chosen(args, DEFAULT_PROFILE)
    except areas.AreaError as exc:
        print(f"dist: {exc}", file=sys.stderr)
        return 2
    dist = Path(args.dist)
    epoch = build_epoch()
    try:
        bill, unlocked = sbom.bill(epoch)
    except sbom.SbomError as exc:
        print(f"dist: {exc}; {dist} was left as it was.", file=sys.stderr)
        return 1
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}

    def work_folder(profile):
        base = Path(args.builddir)
        return (base / areas.slug(profile) if many else base) / "dist"

    def clean_build(profile, capture=False):
        work = work_folder(profile)
        shutil.rmtree(work, ignore_errors=True)
        return build_site(
            profile, work / "html", work / "doctrees", env=env, capture=capture, output=args.output
        )

    statuses = areas.each(clean_build, profiles, args.jobs) if many else [clean_build(profiles[0])]
    if any(statuses):
        for profile in profiles:
            shutil.rmtree(work_folder(profile), ignore_errors=True)
        print(f"dist: the build failed, so {dist} was left as it was.", file=sys.stderr)
        return max(statuses)
    dist.mkdir(parents=True, exist_ok=True)
    names = zip_names(profiles)
    for profile in profiles:
        target = dist / names[profile]
        site = work_folder(profile) / "html"
        say(args.output, f"dist: zipping {target.name}")
        count = write_zip(site, target, epoch, [(sbom.NAME, bill.encode("utf-8"))])
        say(args.output, f"dist: {target} ({count} files, {target.stat().st_size:,} bytes)")
    partial = dist / f"{sbom.NAME}.part"
    partial.write_text(bill, encoding="utf-8")
    partial.replace(dist / sbom.NAME)
    write_sums(dist)
    if unlocked:
        print(
            "dist: warning: not the versions in requirements.txt, so the bill of materials "
            f"gives no hash for them: {', '.join(unlocked)}",
            file=sys.stderr,
        )
    say(args.output, f"dist: {dist / sbom.NAME}; {dist / 'SHA256SUMS'}")
    return 0
