"""``check``: validate a profile and print every problem, without building anything."""

import os
import sys

from .build import DEFAULT_PROFILE, profile_path

NAME = "check"
HELP = "check a profile and list every problem as path:line: what is wrong"


def arguments(parser):
    parser.add_argument("--profile", default=os.environ.get("PROFILE") or DEFAULT_PROFILE,
                        help="the profile folder; PROFILE sets it too")  # fmt: skip


def run(args):
    from profiledata.problems import ProfileDataError, summary
    from profiledata.profile import load_profile

    folder = profile_path(args.profile)
    try:
        directory = load_profile(folder)
    except ProfileDataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(summary(exc.problems, folder, then="put them right, then build"), file=sys.stderr)
        return 2
    local = len(directory.local_services)
    print(
        f"check: {args.profile} is ready: {directory.area}, {local} local and "
        f"{len(directory.services) - local} national services, "
        f"{len(directory.stale)} to review."
    )
    return 0
