"""``make dist``: a clean build, then ``dist/<project>-<version>-<profile>.zip`` and ``SHA256SUMS``.

The zip is reproducible: files in sorted order, fixed permissions, and every timestamp set from
``SOURCE_DATE_EPOCH`` (or the last commit), so the same commit and profile give the same bytes.
If the build fails, no zip is written.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
    (dist / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="local/default")
    parser.add_argument("--builddir", default="_build")
    parser.add_argument("--dist", default="dist")
    args = parser.parse_args(argv)

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    profile_name = Path(args.profile.rstrip("/")).name
    dist = Path(args.dist)
    target = dist / f"{meta['name']}-{meta['version']}-{profile_name}.zip"
    site = Path(args.builddir) / "dist" / "html"
    doctrees = Path(args.builddir) / "dist" / "doctrees"

    epoch = build_epoch()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    shutil.rmtree(Path(args.builddir) / "dist", ignore_errors=True)
    target.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q",
        "-c", str(ROOT), "-d", str(doctrees), "-D", f"local_profile={args.profile}",
        str(ROOT / "docs"), str(site),
    ]  # fmt: skip
    if subprocess.run(command, env=env).returncode != 0:
        print(f"make dist: the build failed, so no zip was written ({target}).", file=sys.stderr)
        return 1
    dist.mkdir(parents=True, exist_ok=True)
    count = write_zip(site, target, epoch)
    write_sums(dist)
    print(
        f"make dist: {target} ({count} files, {target.stat().st_size:,} bytes); {dist / 'SHA256SUMS'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
