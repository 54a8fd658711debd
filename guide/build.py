"""``build``: the HTML site into ``BUILDDIR/html``, whole or not at all; several areas at once
into ``BUILDDIR/<area-slug>/html``, with a hub page at ``BUILDDIR/index.html`` (``areas.py``).

Sphinx writes into ``BUILDDIR/.html-next`` (kept, so the next build is incremental); only a
build that succeeds is copied into ``BUILDDIR/html``. A failed build leaves the last good site
where it was, and forgets what it had read, so the next build reads every page again and
shows every warning again instead of passing over the pages that caused them.
"""

import os
import shutil
import stat
import sys
import time
from pathlib import Path

from . import DOCS, ROOT, children

NAME = "build"
HELP = (
    "build the site into BUILDDIR/html (warnings are errors), or several areas each into "
    "BUILDDIR/<area>/html; nothing is replaced if it fails"
)
DEFAULT_PROFILE = "local/default"


def arguments(parser):
    from . import areas

    areas.add_arguments(parser, DEFAULT_PROFILE)
    parser.add_argument("--builddir", default=os.environ.get("BUILDDIR") or "_build",
                        help="where the site and Sphinx's working files go; BUILDDIR sets it too")  # fmt: skip
    parser.add_argument("--list", choices=["json", "azure"],
                        help="print the areas chosen, for a pipeline's matrix, and build nothing")  # fmt: skip
    loudness(parser)
    parser.description += "; options after -- go to sphinx-build (guide build -- -j auto)"


def loudness(parser):
    """-q and -v, for the commands that build."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_const", dest="output", const="quiet",
                       default="normal", help="say nothing but warnings and errors")  # fmt: skip
    group.add_argument("-v", "--verbose", action="store_const", dest="output", const="verbose",
                       help="show Sphinx's own log and every list in full")  # fmt: skip


def profile_path(profile):
    """The profile as an absolute path: relative to where the command runs, or, for the
    bundled profiles named as in the README, to the repository."""
    path = Path(profile).expanduser()
    if not path.is_absolute() and not path.exists() and (ROOT / path).exists():
        path = ROOT / path
    return path.absolute()


def sphinx(profile, out, doctrees, options=(), env=None, capture=False, output="normal"):
    """Sphinx in a child process (``children.py``); returns its status, or with ``capture``
    (status, output). It says only our extensions' summary lines (``output`` "normal"),
    nothing but warnings ("quiet"), or its own log as well ("verbose")."""
    loud = ["-v"] if output == "verbose" else ["-q"]
    argv = [
        "-W", "-n", "--keep-going", *loud,
        "-c", str(ROOT), "-d", str(doctrees), "-D", f"local_profile={profile_path(profile)}",
        *options, str(DOCS), str(out),
    ]  # fmt: skip
    mode = "capture" if capture else "quiet" if output == "quiet" else "inherit"
    return children.sphinx(argv, env, mode)


LANGUAGES = {"en": "English", "cy": "Welsh"}


def say(output, message):
    if output != "quiet":
        print(message, flush=True)


def failure_status(profile):
    """The status for a failed build: 2 if the profile has problems (Sphinx has listed them),
    else 1 (a warning, or an error in a page or extension)."""
    from profiledata.problems import ProfileDataError
    from profiledata.profile import load_profile

    try:
        load_profile(profile_path(profile))
    except ProfileDataError:
        return 2
    return 1


def languages(profile):
    """The languages the profile's site is built in: Welsh beside English for Wales."""
    from profiledata.problems import ProfileDataError
    from profiledata.profile import read_toml

    try:
        data, _, _ = read_toml(profile_path(profile))
    except ProfileDataError:
        return ["en"]  # the English build reports every problem
    area = data.get("area")
    return ["en", "cy"] if isinstance(area, dict) and area.get("nation") == "wales" else ["en"]


def site(profile, out, doctrees, options=(), env=None, capture=False, output="normal"):
    """Every language of the site: English in ``out``, each other language in ``out/<code>``,
    each with its own doctrees. Returns 0, or for the first language that fails 1 (the build
    failed) or 2 (the profile has problems); with ``capture``, and what Sphinx printed."""
    printed = []
    for code in languages(profile):
        step = f"build: building {LANGUAGES.get(code, code)}"
        if capture:
            printed.append(step + "\n")
        else:
            say(output, step)
        if code == "en":
            result = sphinx(profile, out, doctrees, options, env, capture, output)
        else:
            extra = [*options, "-D", f"language={code}"]
            result = sphinx(
                profile, Path(out, code), Path(f"{doctrees}-{code}"), extra, env, capture, output
            )
        status = result[0] if capture else result
        if capture:
            printed.append(result[1])
        if status != 0:
            status = failure_status(profile)
            break
    return (status, "".join(printed)) if capture else status


def build(profile, builddir, options=(), env=None, capture=False, output="normal"):
    """Build; on success replace ``builddir/html`` with the new site. Returns the status
    (with ``capture``, and everything printed)."""
    start = time.perf_counter()
    builddir = Path(builddir)
    stage, doctrees, out = builddir / ".html-next", builddir / "doctrees", builddir / "html"
    status, printed = site(profile, stage, doctrees, options, env, capture=True) if capture else (
        site(profile, stage, doctrees, options, env, output=output), "")  # fmt: skip
    if status != 0:
        for path in builddir.glob("doctrees*"):
            shutil.rmtree(path, ignore_errors=True)
        kept = "the last good site is still there" if out.exists() else "nothing was written"
        message = f"build: the build failed; {out} was not changed ({kept}).\n"
        if not capture:
            print(message, end="", file=sys.stderr)
        return (status, printed + message) if capture else status
    publish(stage, builddir)
    message = f"build: the site is in {out} ({time.perf_counter() - start:.1f} s)\n"
    if not capture:
        say(output, message.rstrip("\n"))
    return (0, printed + message) if capture else 0


def build_areas(profiles, builddir, options=(), jobs=None, output="normal"):
    """Each area into ``builddir/<area-slug>/html``, side by side, then the hub page at
    ``builddir/index.html``. Returns the worst status."""
    from . import areas

    builddir = Path(builddir)

    def work(profile, capture):
        return build(
            profile, builddir / areas.slug(profile), options, capture=capture, output=output
        )

    statuses = areas.each(work, profiles, jobs)
    listed = [
        (*areas.site_area(builddir / areas.slug(p) / "html"), f"{areas.slug(p)}/html/index.html")
        for p, status in zip(profiles, statuses, strict=True)
        if status == 0
    ]
    hub = areas.write_hub(builddir, listed)
    failed = [areas.slug(p) for p, status in zip(profiles, statuses, strict=True) if status]
    print(f"build: {len(listed)} of {len(profiles)} areas built; the hub page is {hub}")
    if failed:
        print(f"build: failed: {', '.join(failed)}", file=sys.stderr)
    return max(statuses)


def publish(stage, builddir):
    """Make ``builddir/html`` a copy of ``stage`` in one rename.

    The copy before last is kept (``.html-spare``) and brought up to date by copying only the
    files that changed and removing those that went, then swapped in: a one-page edit copies a
    few files, not the whole site, and ``html/`` is never half old and half new.
    """
    out, spare, old = builddir / "html", builddir / ".html-spare", builddir / ".html-old"
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(builddir / ".html-new", ignore_errors=True)  # left by an earlier version
    if spare.is_dir():
        mirror(stage, spare)
    else:
        shutil.rmtree(spare, ignore_errors=True)
        shutil.copytree(stage, spare)
    if out.exists():
        out.rename(old)
    spare.rename(out)
    if old.exists():
        old.rename(spare)


def mirror(source, target):
    """Make the folder ``target`` hold what ``source`` holds: files whose size or time differ
    are copied (with their time), files and folders that ``source`` lacks are removed."""
    for folder, subfolders, names in os.walk(source):
        here = Path(folder)
        there = target / here.relative_to(source)
        if there.is_symlink() or (there.exists() and not there.is_dir()):
            there.unlink()
        there.mkdir(exist_ok=True)
        for name in set(os.listdir(there)) - set(subfolders) - set(names):
            gone = there / name
            if gone.is_dir() and not gone.is_symlink():
                shutil.rmtree(gone)
            else:
                gone.unlink()
        for name in names:
            kept = there / name
            if not same_file(here / name, kept):
                if kept.is_dir() and not kept.is_symlink():
                    shutil.rmtree(kept)
                shutil.copy2(here / name, kept)


def same_file(new, kept):
    """Whether ``kept`` is a plain file of the same size and time as ``new`` (as copied)."""
    try:
        ours, theirs = new.stat(), kept.lstat()
    except OSError:
        return False
    return stat.S_ISREG(theirs.st_mode) and (ours.st_size, ours.st_mtime_ns) == (
        theirs.st_size,
        theirs.st_mtime_ns,
    )


def run(args, extra):
    from . import areas

    try:
        profiles, many = areas.chosen(args, DEFAULT_PROFILE)
    except areas.AreaError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 2
    if args.list:
        print(areas.listing(profiles, args.list))
        return 0
    if not many:
        return build(profiles[0], args.builddir, extra, output=args.output)
    return build_areas(profiles, args.builddir, extra, args.jobs, args.output)
