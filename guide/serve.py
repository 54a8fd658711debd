"""``serve``: build the site, serve it on 127.0.0.1, and build again when a page or the profile
is saved.

Our own small watch loop rather than sphinx-autobuild, whose live reload puts a script into
every page that the strict Content-Security-Policy refuses. It compares the files' sizes and
times once a second, and rebuilds (incrementally: only what changed is read again) into the
same folder the server serves; a failed build leaves the last good site being served.
"""

import contextlib
import errno
import functools
import http.server
import os
import socket
import sys
import threading
import time
from pathlib import Path

from . import DOCS, EXT, ROOT
from .build import DEFAULT_PROFILE, build, loudness, profile_path, say

HOST = "127.0.0.1"
WORKER, OFFLINE_LIST = "sw.js", "offline.json"  # offline/manifest.py's names
RETIRE = EXT / "offline" / "retire.js"

NAME = "serve"
HELP = (
    "build the site, serve it on http://HOST:PORT and rebuild when a page or the profile is saved"
)
WATCHED_SUFFIXES = {".md", ".py", ".html", ".css", ".js", ".toml", ".yaml", ".yml", ".csv", ".po", ".svg", ".png", ".jpg", ".jpeg"}  # fmt: skip


def arguments(parser):
    parser.add_argument("--profile", default=os.environ.get("PROFILE") or DEFAULT_PROFILE,
                        help="the profile folder; PROFILE sets it too")  # fmt: skip
    parser.add_argument("--builddir", default=os.environ.get("BUILDDIR") or "_build",
                        help="where the site is built; BUILDDIR sets it too")  # fmt: skip
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000),
                        help="the port to listen on; PORT sets it too")  # fmt: skip
    parser.add_argument("--host", default=HOST,
                        help="the address to listen on: 0.0.0.0 lets other machines on the "
                             "network read the site")  # fmt: skip
    loudness(parser)


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


class Preview(http.server.SimpleHTTPRequestHandler):
    """The built site, as a preview: no service worker, so a saved page shows on reload.

    ``sw.js`` and ``offline.json`` are not found, and pages load ``offline/retire.js`` in place
    of ``offline.js``: it registers nothing and removes any copy an earlier visit to this
    address kept (the published site is unchanged; only what this server sends differs).
    """

    preview = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        if self.preview and name in (WORKER, OFFLINE_LIST):
            self.send_error(404)
        elif self.preview and self.path.split("?", 1)[0].endswith("/_static/offline.js"):
            body = RETIRE.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()

    def end_headers(self):
        if self.preview:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def listen(folder, host, port):
    """A server for ``folder`` bound to ``host:port`` (not yet answering: see ``start``)."""
    handler = functools.partial(Preview, directory=str(folder))
    server = type("Server", (http.server.ThreadingHTTPServer,), {"address_family": family(host)})
    return server((host, port), handler)


def start(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port(host, after):
    """The first port after ``after`` that nothing listens on, for the busy-port message."""
    for port in range(after + 1, min(after + 100, 65535)):
        with contextlib.suppress(OSError), socket.socket(family(host)) as probe:
            probe.bind((host, port))
            return port
    return None


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def changed(before, after):
    """What changed between two snapshots, in a few words: the first file and how many more."""
    names = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    if not names:
        return "a file"
    first = Path(names[0])
    first = first.relative_to(ROOT).as_posix() if first.is_relative_to(ROOT) else str(first)
    return first + (f" and {len(names) - 1} more" if len(names) > 1 else "")


def watch(profile, builddir, port, *, host=HOST, interval=1.0, stop=None, output="normal"):
    """Serve and rebuild until interrupted (or, for tests, until ``stop`` is set)."""
    out = Path(builddir) / "html"
    try:
        server = listen(out, host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            other = free_port(host, port)
            hint = f"; try --port {other}" if other else ""
            print(f"serve: port {port} is in use{hint}", file=sys.stderr)
        else:
            print(f"serve: cannot listen on {host} port {port}: {exc.strerror}", file=sys.stderr)
        return 1
    folders = [DOCS, profile_path(profile), ROOT / "locales"]
    # Before the build: a page saved while it runs is built again at once, not missed.
    seen = snapshot(folders)
    status = build(profile, builddir, output=output)
    if status != 0 and not out.exists():
        server.server_close()
        return status
    start(server)
    shown = f"[{host}]" if ":" in host else host
    say(
        output,
        f"serve: the guide is on http://{shown}:{server.server_address[1]}/ (Ctrl+C to stop)",
    )
    try:
        while not (stop and stop.is_set()):
            time.sleep(interval)
            now = snapshot(folders)
            if now != seen:
                what, seen, began = changed(seen, now), now, time.perf_counter()
                status = build(profile, builddir, output="quiet")
                took = f"{time.perf_counter() - began:.1f} s"
                if status == 0:
                    say(output, f"serve: {what} changed; rebuilt in {took}")
                else:
                    print(f"serve: {what} changed; the build failed after {took}, so the last "
                          "good site is still served", file=sys.stderr)  # fmt: skip
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


def run(args):
    return watch(args.profile, args.builddir, args.port, host=args.host, output=args.output)
