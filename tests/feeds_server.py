"""Real councils' Open Referral UK feeds served on 127.0.0.1, as the import meets them.

``tests/fixtures/feeds/`` holds what Bristol's and Buckinghamshire's feeds served (see its
README for where they come from and on what terms). ``FeedServer`` serves each under its own
base address, ``{base}services?page=N&per_page=M`` in the feed's own page shape (the
Spring-style ORUK 1 page both use: ``content``, ``number``, ``size``, ``totalElements``,
``totalPages``, ``first``, ``last``) and ``{base}services/{id}``: the captured detail where
the feed had one, else the list item itself (the first one, for an id listed twice). Tests
may add feeds of their own (``add``) or answer any path their own way (``route``), and see
every path asked (``asked``). The server answers at most ``max_requests`` requests (then
503), so a runaway import stays bounded.
"""

import contextlib
import http.server
import json
import math
import socket
import ssl
import threading
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
TLS = Path(__file__).resolve().parent / "fixtures" / "tls"


def trusting():
    """A TLS context that trusts only the tests' own certificate for 127.0.0.1."""
    return ssl.create_default_context(cafile=str(TLS / "cert.pem"))


def bristol():
    """Bristol's Open Place list, every page joined: 819 items (one id twice)."""
    return json.loads((FEEDS / "bristol-oruk1-list.json").read_text(encoding="utf-8"))


def bucks():
    """Buckinghamshire's Outpost page 1 (50 full records) and its one captured detail."""
    page = json.loads((FEEDS / "bucks-outpost-page1.json").read_text(encoding="utf-8"))
    detail = json.loads((FEEDS / "bucks-outpost-detail.json").read_text(encoding="utf-8"))
    return page["content"], {str(detail["id"]): detail}


class Feed:
    """One feed's services, paged on request; ``details`` by id (as text) override the item.
    ``shape`` is the page's: ``oruk-1`` (Spring style) or ``hsds-3``."""

    def __init__(self, items, details=None, *, shape="oruk-1", default_per_page=50):
        self.items, self.details = list(items), dict(details or {})
        self.shape, self.default_per_page = shape, default_per_page
        self.by_id = {}
        for item in self.items:
            self.by_id.setdefault(str(item.get("id")), item)

    def page(self, number, per_page):
        total = len(self.items)
        pages = max(1, math.ceil(total / per_page))
        content = self.items[(number - 1) * per_page : number * per_page] if number >= 1 else []
        if self.shape == "hsds-3":
            return {
                "total_items": total,
                "total_pages": pages,
                "page_number": number,
                "size": len(content),
                "first_page": number == 1,
                "last_page": number >= pages,
                "empty": not content,
                "contents": content,
            }
        return {
            "totalElements": total,
            "totalPages": pages,
            "number": number,
            "size": per_page,
            "first": number == 1,
            "last": number >= pages,
            "content": content,
        }

    def detail(self, key):
        return self.details.get(key) or self.by_id.get(key)


class _Handler(http.server.BaseHTTPRequestHandler):
    server_state = None
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # Headers and body go in two writes: without this, Nagle's algorithm holds the body
        # back until the client acknowledges the headers, 40 ms a request on a kept connection.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self):
        with self.server_state.lock:
            self.server_state.connections += 1
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def do_GET(self):
        state = self.server_state
        with state.lock:
            state.asked.append(self.path)
            over = len(state.asked) > state.max_requests
        if over:
            return self.answer(503, {"error": "too many requests for a test"})
        route = state.routes.get(self.path)
        if route is not None:
            if callable(route):
                return route(self)
            return self.answer(*route)
        found = state.lookup(self.path)
        if found is None:
            return self.answer(404, {"error": "not found"})
        return self.answer(200, found)

    def answer(self, status, body, headers=()):
        """Send ``body`` (bytes as they are; anything else as JSON)."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.send_response(status)
        headers = dict(headers)
        headers.setdefault("Content-Type", "application/json")
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class FeedServer:
    """A ThreadingHTTPServer on 127.0.0.1 (any free port) serving ``feeds`` by name; with
    ``tls``, over https with the tests' own certificate (see ``trusting``); with
    ``keep_alive``, HTTP/1.1, each connection kept open for the next request, as most servers
    do (otherwise HTTP/1.0, one request a connection). ``connections`` counts those opened."""

    def __init__(self, *, max_requests=5000, tls=False, keep_alive=False):
        self.feeds, self.routes, self.asked, self.connections = {}, {}, [], 0
        self.max_requests, self.lock = max_requests, threading.Lock()
        protocol = "HTTP/1.1" if keep_alive else "HTTP/1.0"
        handler = type("Handler", (_Handler,), {"server_state": self, "protocol_version": protocol})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.port = self.httpd.server_address[1]
        self.origin = f"{scheme}://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.01,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def add(self, name, items, details=None, *, shape="oruk-1"):
        """Serve ``items`` as the feed ``name``; returns its base address (``url(name)``)."""
        self.feeds[name] = Feed(items, details, shape=shape)
        return self.url(name)

    def url(self, name):
        """The base address to give ``[import] url`` for the feed ``name``."""
        return f"{self.origin}/{name}/"

    def route(self, path, answer):
        """Answer ``path`` (with its query, exactly as asked) with ``(status, body[, headers])``
        or by calling ``answer(handler)``, which writes the whole answer itself."""
        self.routes[path] = answer

    def asked_of(self, name):
        """The paths asked of the feed ``name``, in order."""
        return [path for path in self.asked if path.startswith(f"/{name}/")]

    def lookup(self, path):
        parts = urlsplit(path)
        name, _, rest = parts.path.lstrip("/").partition("/")
        feed = self.feeds.get(name)
        if feed is None:
            return None
        if rest == "services":
            query = parse_qs(parts.query)
            try:
                number = int(query.get("page", ["1"])[0])
                per_page = int(query.get("per_page", [str(feed.default_per_page)])[0])
            except ValueError:
                return None
            return feed.page(number, max(1, min(per_page, 1000)))
        if rest.startswith("services/") and rest.count("/") == 1:
            return feed.detail(unquote(rest.split("/", 1)[1]))
        return None


@contextlib.contextmanager
def feeds_serving(**options):
    """A ``FeedServer`` with the shared feeds as ``bristol`` and ``bucks``."""
    with FeedServer(**options) as server:
        server.add("bristol", bristol())
        server.add("bucks", *bucks())
        yield server
