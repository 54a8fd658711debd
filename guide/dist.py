"""``dist``: a clean build, then ``dist/<project>-<version>-<profile>.zip`` and ``SHA256SUMS``.

The zip is reproducible: files in sorted order, fixed permissions, and every timestamp set from
``SOURCE_DATE_EPOCH`` (or the last commit), so the same commit and profile give the same bytes.
If the build fails, ``dist/`` is left exactly as it was.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

from . import ROOT
from .build import DEFAULT_PROFILE
from .build import site as build_site

NAME = "dist"
HELP = "a clean build, then a reproducible zip of the site and SHA256SUMS in dist/"
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


def write_zip(site, target, epoch):
    stamp = time.gmtime(epoch)[:6]
    files = sorted(
        (
            path
            for path in site.rglob("*")
            if path.is_file() and not LEFT_OUT & set(path.relative_to(site).parts)
        ),
        key=lambda path: path.relative_to(site).as_posix(),
    )
    folder = target.stem
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(
        partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
    ) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(target)
    return len(files)


def write_sums(dist):
    lines = []
    for path in sorted(dist.glob("*.zip")):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    partial = dist / "SHA256SUMS.part"
    partial.write_text("".join(lines), encoding="utf-8")
    partial.replace(dist / "SHA256SUMS")


def arguments(parser):
    parser.add_argument("--profile", default=os.environ.get("PROFILE") or DEFAULT_PROFILE)
    parser.add_argument("--builddir", default=os.environ.get("BUILDDIR") or "_build")
    parser.add_argument("--dist", default="dist")


def run(args):
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    profile_name = Path(args.profile.rstrip("/\\")).name
    dist = Path(args.dist)
    target = dist / f"{meta['name']}-{meta['version']}-{profile_name}.zip"
    work = Path(args.builddir) / "dist"
    site, doctrees = work / "html", work / "doctrees"

    epoch = build_epoch()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    shutil.rmtree(work, ignore_errors=True)
    if build_site(args.profile, site, doctrees, env=env) != 0:
        shutil.rmtree(work, ignore_errors=True)
        print(f"dist: the build failed, so {dist} was left as it was.", file=sys.stderr)
        return 1
    dist.mkdir(parents=True, exist_ok=True)
    count = write_zip(site, target, epoch)
    write_sums(dist)
    print(f"dist: {target} ({count} files, {target.stat().st_size:,} bytes); {dist / 'SHA256SUMS'}")
    return 0
