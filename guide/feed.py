"""Reading an Open Referral UK feed for ``python -m guide import``: pages of services over
HTTP, or a JSON file, as a list of service objects.

Only the standard library (``http.client``, one connection kept alive for each origin;
``urllib.request`` through a proxy the environment names). Every request has a timeout for
each read and a deadline for the whole answer (a server that sends a byte now and then is cut
off), and the whole feed has a deadline (``[import] deadline``); timeouts, broken connections and 5xx
answers are tried again a few times with exponential back-off; pages, services and the size
of each answer are capped; a redirect is followed only within the feed's own scheme, host and
port, and refused before anything connects to where it leads. Anything that stops the import
is a ``FeedError`` whose message is one line naming the address. Nothing here writes anything.
Only ``make import`` reaches this module: builds never touch the network.
"""

import contextlib
import http.client
import io
import ipaddress
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urljoin, urlsplit

from profiledata import fields, files

TIMEOUT = 20  # seconds, for connecting and for each read
REQUEST_DEADLINE = 60  # seconds for each request, the whole answer read
RETRIES = 3  # tries after the first, for timeouts, broken connections, 5xx and 429
BACKOFF = 0.5  # seconds before the first retry, doubling each time (0.5 + 1 + 2 at most)
PER_PAGE = 50
MAX_PAGES = 200
MAX_SERVICES = files.SERVICES_LIMIT  # 10,000, the most a directory may hold
MAX_BYTES = 20 * files.MIB  # each answer over HTTP
# An import file: a build's own services.hsds.json holds 10,000 services in about 70 MiB.
MAX_FILE_BYTES = 128 * files.MIB
CHUNK = 64 * files.KIB
USER_AGENT = "parent-infant-guide-import/1 (+python -m guide import)"
PORTS = {"http": 80, "https": 443}


class FeedError(Exception):
    """The feed cannot be read; the message is one line naming the address."""

    def __init__(self, message):
        super().__init__(" ".join(str(message).split()))


class _Again(FeedError):
    """A failure worth trying again: a timeout, a broken connection, a 5xx or a 429."""


# --- where a request may go -------------------------------------------------------------------


def origin(url):
    """(scheme, host, port) of an address, the port given even when the address omits it;
    None when the address has no host or a port that is not a number."""
    try:
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower().rstrip(".")
        port = parts.port or PORTS.get(scheme)
    except ValueError:
        return None
    return (scheme, host, port) if host and port else None


def origin_text(found):
    scheme, host, port = found
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" + ("" if PORTS.get(scheme) == port else f":{port}")


def private_address(host):
    """Whether ``host`` is an IP address no feed should send the import to: private,
    loopback, link-local (such as 169.254.169.254), reserved or unspecified. Names are not
    looked up: a redirect to another name is refused anyway."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return not address.is_global


def refused_redirect(url, target):
    """Why a redirect from ``url`` to ``target`` is not followed, or None when it stays on
    the same scheme, host and port."""
    if fields.scheme(target) not in fields.WEB_SCHEMES:
        return "which is not http or https"
    here, there = origin(url), origin(target)
    if there is None:
        return "which is not a web address with a host"
    if here == there:
        return None
    if there[1] != here[1]:
        return "a private address" if private_address(there[1]) else "another host"
    if there[0] != here[0]:
        return f"from {here[0]} to {there[0]}"
    return "another port"


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port, and refuse any other before
    connecting to it (urllib would follow one to any http, https or ftp address)."""

    def __init__(self, client):
        self.client = client

    def http_error_302(self, req, fp, code, msg, headers):
        try:
            self.client.follow(req.full_url, headers)
        except FeedError:
            fp.close()
            raise
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


# --- deadlines --------------------------------------------------------------------------------


class _Watch:
    """Shuts a request's sockets when its time is up: a read then ends at once, so a server
    that sends a byte every few seconds (never idle for the whole timeout) is cut off."""

    def __init__(self, seconds):
        self.sockets, self.expired, self.lock = [], False, threading.Lock()
        self.ends = time.monotonic() + max(seconds, 0)

    def __enter__(self):
        WATCHDOG.watch(self)
        return self

    def __exit__(self, *exc):
        WATCHDOG.forget(self)

    def add(self, sock):
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self):
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


class _Watchdog:
    """One thread that expires each watched request at its time (a thread for each of
    10,000 requests would cost more than the requests); it ends when nothing is watched."""

    def __init__(self):
        self.changed, self.watches, self.thread = threading.Condition(), set(), None

    def watch(self, watch):
        with self.changed:
            self.watches.add(watch)
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, daemon=True, name="feed-deadlines")
                self.thread.start()
            self.changed.notify()

    def forget(self, watch):
        with self.changed:
            self.watches.discard(watch)

    def run(self):
        with self.changed:
            while self.watches:
                now = time.monotonic()
                for watch in [w for w in self.watches if w.ends <= now]:
                    watch.expire()
                    self.watches.discard(watch)
                if self.watches:
                    self.changed.wait(min(w.ends for w in self.watches) - now)
            self.thread = None


WATCHDOG = _Watchdog()


def _shut(sock):
    # socket.socket's own shutdown, also for TLS: the read in progress sees the end at once.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watched:
    """Handlers whose connections tell the client's current watch about their sockets."""

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client

    def do_open(self, http_class, req, **kwargs):
        client = self.client

        class Connection(http_class):
            def connect(self):
                super().connect()
                client.watch.add(self.sock)

        return super().do_open(Connection, req, **kwargs)


class _Http(_Watched, urllib.request.HTTPHandler):
    pass


class _Https(_Watched, urllib.request.HTTPSHandler):
    pass


def _reason(exc):
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return "it did not answer in time"
    return getattr(reason, "strerror", None) or str(reason) or type(reason).__name__


def minutes_text(seconds):
    minutes = seconds / 60
    if minutes >= 1 and minutes == int(minutes):
        return f"{int(minutes)} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10  # as urllib


class Client:
    """Fetches JSON with the limits above; ``backoff`` 0 makes retries immediate (tests).
    ``deadline`` (seconds) bounds the whole feed from the first request; ``request_deadline``
    each request, its whole answer read. ``tls`` is an ``ssl.SSLContext`` to use instead of
    the system's (tests trust their own certificate with it).

    Requests to one origin share one connection, kept alive between them (``http.client``):
    a feed of 10,000 services is about 10,200 requests, each of which would otherwise open a
    connection of its own (for https, a TLS handshake too). Where the environment names a
    proxy for the address, urllib's opener is used as before, one connection a request.
    ``connections`` counts the connections opened."""

    def __init__(self, *, timeout=TIMEOUT, retries=RETRIES, backoff=BACKOFF, max_bytes=MAX_BYTES,
                 request_deadline=REQUEST_DEADLINE, deadline=None, tls=None):  # fmt: skip
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.max_bytes, self.request_deadline, self.deadline = max_bytes, request_deadline, deadline
        self.opener = urllib.request.build_opener(
            _SameOrigin(self), _Http(self), _Https(self, context=tls)
        )
        self.requests, self.redirected, self.started, self.watch = 0, [], None, None
        self.tls, self.kept, self.connections = tls, {}, 0

    def close(self):
        """Close the connections kept alive."""
        for connection in self.kept.values():
            connection.close()
        self.kept.clear()

    def follow(self, url, headers):
        """Where a redirect from ``url`` leads, noted; a ``FeedError`` before anything
        connects there when it leaves the feed's scheme, host and port."""
        target = urljoin(url, headers.get("Location") or headers.get("URI") or "")
        why = refused_redirect(url, target)
        if why:
            within = origin(url)
            raise FeedError(
                f"{url} redirects to {target[:200]!r}, {why}; the import follows a "
                f"redirect only within {origin_text(within) if within else 'the feed'}"
            )
        self.redirected.append((url, target))
        return target

    def remaining(self):
        """Seconds left of the whole feed's deadline (None: no deadline)."""
        if self.deadline is None:
            return None
        if self.started is None:
            self.started = time.monotonic()
        return self.deadline - (time.monotonic() - self.started)

    def _out_of_time(self, url):
        return FeedError(
            f"{url} was not read: the whole feed took longer than "
            f"{minutes_text(self.deadline)}, the import's deadline ([import] deadline)"
        )

    def get_json(self, url):
        if fields.scheme(url) not in fields.WEB_SCHEMES:
            raise FeedError(f"{url} is not an http or https address")
        for attempt in range(self.retries + 1):
            try:
                return parse_json(self._get(url), url)
            except _Again as exc:
                left = self.remaining()
                wait = self.backoff * 2**attempt
                if left is not None and left <= wait:
                    raise self._out_of_time(url) from None
                if attempt == self.retries:
                    tries = self.retries + 1
                    raise FeedError(
                        f"{exc} (tried {tries} time{'s' if tries > 1 else ''})"
                    ) from None
                time.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get(self, url):
        left = self.remaining()
        if left is not None and left <= 0:
            raise self._out_of_time(url)
        seconds = self.request_deadline if left is None else min(self.request_deadline, left)
        self.requests += 1
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        with _Watch(seconds) as self.watch:
            try:
                if _proxied(url):
                    with self.opener.open(request, timeout=self.timeout) as response:
                        body = self._body(response, url)
                else:
                    body = self._kept_alive(url, request.headers)
            except FeedError:
                raise
            except urllib.error.HTTPError as exc:
                exc.close()
                message = f"{url} answered HTTP {exc.code} {exc.reason}".rstrip()
                again = exc.code >= 500 or exc.code == 429
                raise (_Again if again else FeedError)(message) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
                if self.watch.expired:
                    raise self._late(url, seconds) from None
                if isinstance(exc, urllib.error.URLError):
                    raise _Again(f"cannot reach {url}: {_reason(exc)}") from None
                if isinstance(exc, TimeoutError):
                    raise _Again(f"{url} did not answer in time") from None
                raise _Again(f"cannot read {url}: the connection broke ({_reason(exc)})") from None
            if self.watch.expired:  # the answer ended when its time did: it is not whole
                raise self._late(url, seconds)
        return body

    def _kept_alive(self, url, headers):
        """GET ``url`` over its origin's kept connection, following redirects within the
        origin as the opener would; errors as urllib's, so both paths say the same."""
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            response, body = self._exchange(current, headers)
            if response.status in REDIRECTS:
                current = self.follow(current, response.headers)
            elif response.status >= 400:
                raise urllib.error.HTTPError(
                    url, response.status, response.reason, response.headers, io.BytesIO()
                )
            else:
                return body
        raise FeedError(f"{url} redirects more than {MAX_REDIRECTS} times")

    def _exchange(self, url, headers):
        """One request and its whole answer on the origin's connection: a kept one the server
        has closed meanwhile is opened again, once; one the server will close is not kept."""
        key = origin(url)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        for attempt in (1, 2):
            connection = self.kept.pop(key, None)
            fresh = connection is None
            if fresh:
                connection = self._connect(key)
            else:
                self.watch.add(connection.sock)
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
            except (ConnectionResetError, BrokenPipeError, http.client.BadStatusLine):
                connection.close()
                if fresh or attempt == 2 or self.watch.expired:
                    raise
                continue  # closed while idle: the request never reached the server
            except BaseException:
                connection.close()
                raise
            try:
                body = self._body(response, url)  # a redirect's or an error's too, capped
            except BaseException:
                connection.close()
                raise
            response.close()  # read to its end: the connection is free for the next request
            if not response.will_close and not self.watch.expired:
                self.kept[key] = connection
            else:
                connection.close()
            return response, body
        raise AssertionError("unreachable")  # pragma: no cover

    def _connect(self, key):
        scheme, host, port = key
        if scheme == "https":
            connection = http.client.HTTPSConnection(
                host, port, timeout=self.timeout, context=self.tls
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=self.timeout)
        try:
            connection.connect()
        except OSError as exc:
            connection.close()
            raise urllib.error.URLError(exc) from None
        self.connections += 1
        self.watch.add(connection.sock)
        return connection

    def _body(self, response, url):
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise FeedError(self._too_big(url))
        return self._read(response, url)

    def _late(self, url, seconds):
        left = self.remaining()
        if left is not None and left <= 0:
            return self._out_of_time(url)
        return _Again(f"{url} did not send its whole answer within {minutes_text(seconds)}")

    def _too_big(self, url):
        return f"{url} sent more than {files.size_text(self.max_bytes)}, the most the import reads"

    def _read(self, response, url):
        body = bytearray()
        while chunk := response.read1(CHUNK):
            body += chunk
            if len(body) > self.max_bytes:
                raise FeedError(self._too_big(url))
        return bytes(body)


def _proxied(url):
    """Whether the environment names a proxy for ``url`` (``https_proxy``...): urllib's
    opener then goes through it, as it always has."""
    proxies = urllib.request.getproxies()
    scheme = fields.scheme(url)
    host = urlsplit(url).hostname or ""
    return scheme in proxies and not urllib.request.proxy_bypass(host)


def parse_json(body, where):
    try:
        return json.loads(body)
    except RecursionError:
        raise FeedError(f"{where} did not send JSON: it is nested too deeply") from None
    except UnicodeDecodeError:
        raise FeedError(f"{where} did not send JSON: it is not UTF-8 text") from None
    except ValueError as exc:
        detail = getattr(exc, "msg", str(exc))
        raise FeedError(f"{where} did not send JSON ({detail})") from None


# --- the two shapes of a page ---------------------------------------------------------------


def _count(data, key):
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def hsds3_page(data, where):
    """HSDS 3.0: ``{total_items, total_pages, page_number, size, ..., contents}``; returns
    (services, total pages or None, whether this is the last page)."""
    if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
        raise FeedError(f"{where} is not an HSDS 3 page of services: it has no 'contents' list")
    total, last = _count(data, "total_pages"), data.get("last_page")
    if total is None and not isinstance(last, bool):
        raise FeedError(f"{where} is not an HSDS 3 page of services: it has no 'total_pages'")
    return data["contents"], total, last is True


def oruk1_page(data, where):
    """ORUK 1 (Spring style): ``{content, totalElements, totalPages, number, size, first,
    last}``; ``totalPages`` may be missing when ``last`` says where the pages end."""
    if not isinstance(data, dict) or not isinstance(data.get("content"), list):
        raise FeedError(f"{where} is not an ORUK 1 page of services: it has no 'content' list")
    total, last = _count(data, "totalPages"), data.get("last")
    if total is None and not isinstance(last, bool):
        raise FeedError(
            f"{where} is not an ORUK 1 page of services: it has neither 'totalPages' nor 'last'"
        )
    return data["content"], total, last is True


PAGES = {"hsds-3": hsds3_page, "oruk-1": oruk1_page}


def _objects(items, where):
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise FeedError(f"{where}: service {number} is not a JSON object")
    return items


def _too_many(where):
    return FeedError(
        f"{where} holds more than {MAX_SERVICES:,} services, the most a directory may hold"
    )


def services_url(base):
    return base if base.endswith("/") else base + "/"


def from_url(client, base, format):
    """Every service of the feed at ``base``: each page of ``services``, then each service in
    full from ``services/{id}`` (a page may hold only summaries)."""
    try:
        return _from_url(client, services_url(base), format)
    finally:
        client.close()


def _from_url(client, base, format):
    read_page, listed = PAGES[format], []
    for number in range(1, MAX_PAGES + 1):
        url = f"{base}services?page={number}&per_page={PER_PAGE}"
        items, total, last = read_page(client.get_json(url), url)
        if total is not None and total > MAX_PAGES:
            raise FeedError(f"{url} has {total:,} pages; the import reads at most {MAX_PAGES}")
        listed += _objects(items, url)
        if len(listed) > MAX_SERVICES:
            raise _too_many(base)
        if last or not items or (total is not None and number >= total):
            break
    else:
        raise FeedError(
            f"{base}services has more than {MAX_PAGES} pages; the import reads at most {MAX_PAGES}"
        )
    services, seen = [], {}
    for summary in listed:
        key = summary.get("id")
        if isinstance(key, str | int) and not isinstance(key, bool):
            if str(key) in seen:  # ids compared as text: 2 and "2" are one
                first, detail = seen[str(key)]
                # Listed twice: the same item again (the feed changed while it was read) is
                # its detail again; another service under that id is all its list item says.
                # Either way the import reports both.
                services.append(detail if summary == first else summary)
                continue
            url = f"{base}services/{quote(str(key), safe='')}"
            detail = client.get_json(url)
            if not isinstance(detail, dict):
                raise FeedError(f"{url} is not a service: it is not a JSON object")
            seen[str(key)] = (summary, detail)
            services.append(detail)
        else:
            services.append(summary)  # no id to ask for: the summary is all there is
    return services


def from_file(path, shown, format):
    """The services in a JSON file: one service, a list of services, or a page of either
    shape (HSDS 3 ``contents``, ORUK 1 ``content``)."""
    try:
        body = files.read_bounded(path, MAX_FILE_BYTES, "an import file")
    except fields.Invalid as exc:
        raise FeedError(f"{shown} {exc}") from None
    data = parse_json(body, shown)
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and "contents" in data:
        items = hsds3_page(data, shown)[0]
    elif isinstance(data, dict) and "content" in data:
        items = oruk1_page(data, shown)[0]
    elif isinstance(data, dict) and ("id" in data or "name" in data):
        items = [data]
    else:
        raise FeedError(
            f"{shown} holds no services: expected a service, a list of services or a page of them"
        )
    if len(items) > MAX_SERVICES:
        raise _too_many(shown)
    return _objects(items, shown)
