"""``serve``: build the site, serve it on 127.0.0.1, and build again when a page or the profile
is saved.

Our own small watch loop rather than sphinx-autobuild, whose live reload puts a script into
every page that the strict Content-Security-Policy refuses. It compares the files' sizes and
times once a second, and rebuilds (incrementally: only what changed is read again) into the
same folder the server serves; a failed build leaves the last good site being served.
"""

import functools
import http.server
import os
import threading
import time
from pathlib import Path

from . import DOCS, ROOT
from .build import DEFAULT_PROFILE, build, profile_path

NAME = "serve"
HELP = "build the site, serve it on http://127.0.0.1:PORT and rebuild when a page or the profile is saved"
WATCHED_SUFFIXES = {".md", ".py", ".html", ".css", ".js", ".toml", ".yaml", ".yml", ".csv", ".po", ".svg", ".png", ".jpg", ".jpeg"}  # fmt: skip


def arguments(parser):
    parser.add_argument("--profile", default=os.environ.get("PROFILE") or DEFAULT_PROFILE)
    parser.add_argument("--builddir", default=os.environ.get("BUILDDIR") or "_build")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))


def snapshot(folders):
    """Every watched file's size and modification time, by path."""
    state = {}
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.suffix.lower() in WATCHED_SUFFIXES and "__pycache__" not in path.parts:
                try:
                    stat = path.stat()
                except OSError:
                    continue
                state[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return state


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def start_server(folder, port):
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watch(profile, builddir, port, *, interval=1.0, stop=None):
    """Serve and rebuild until interrupted (or, for tests, until ``stop`` is set)."""
    folders = [DOCS, profile_path(profile), ROOT / "locales"]
    status = build(profile, builddir)
    out = Path(builddir) / "html"
    if status != 0 and not out.exists():
        return status
    server = start_server(out, port)
    print(f"serve: the guide is on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    seen = snapshot(folders)
    try:
        while not (stop and stop.is_set()):
            time.sleep(interval)
            now = snapshot(folders)
            if now != seen:
                seen = now
                print("serve: a file changed; building again")
                build(profile, builddir)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


def run(args):
    return watch(args.profile, args.builddir, args.port)
