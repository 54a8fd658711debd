"""Reading an Open Referral UK feed for ``python -m guide import``: pages of services over
HTTP, or a JSON file, as a list of service objects.

Only the standard library (``urllib.request``). Every request has a timeout; timeouts,
broken connections and 5xx answers are tried again a few times with exponential back-off;
pages, services and the size of each answer are capped; a redirect may only lead to another
``http``/``https`` address. Anything that stops the import is a ``FeedError`` whose message
is one line naming the address. Nothing here writes anything. Only ``make import`` reaches
this module: builds never touch the network.
"""

import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urljoin

from signposting import fields, files

TIMEOUT = 20  # seconds, for each request
RETRIES = 3  # tries after the first, for timeouts, broken connections, 5xx and 429
BACKOFF = 0.5  # seconds before the first retry, doubling each time (0.5 + 1 + 2 at most)
PER_PAGE = 50
MAX_PAGES = 200
MAX_SERVICES = files.SERVICES_LIMIT  # 10,000, the most a directory may hold
MAX_BYTES = 20 * files.MIB  # each answer, and an import file
CHUNK = 64 * files.KIB
USER_AGENT = "parent-infant-guide-import/1 (+python -m guide import)"


class FeedError(Exception):
    """The feed cannot be read; the message is one line naming the address."""

    def __init__(self, message):
        super().__init__(" ".join(str(message).split()))


class _Again(FeedError):
    """A failure worth trying again: a timeout, a broken connection, a 5xx or a 429."""


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http or https address (urllib also allows ftp)."""

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if fields.scheme(target) not in fields.WEB_SCHEMES:
            fp.close()
            raise FeedError(
                f"{req.full_url} redirects to {target[:200]!r}, which is not http or https"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _reason(exc):
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return "it did not answer in time"
    return getattr(reason, "strerror", None) or str(reason) or type(reason).__name__


class Client:
    """Fetches JSON with the limits above; ``backoff`` 0 makes retries immediate (tests)."""

    def __init__(self, *, timeout=TIMEOUT, retries=RETRIES, backoff=BACKOFF, max_bytes=MAX_BYTES):
        self.timeout, self.retries, self.backoff, self.max_bytes = (
            timeout,
            retries,
            backoff,
            max_bytes,
        )
        self.opener = urllib.request.build_opener(_WebRedirects())
        self.requests = 0

    def get_json(self, url):
        if fields.scheme(url) not in fields.WEB_SCHEMES:
            raise FeedError(f"{url} is not an http or https address")
        for attempt in range(self.retries + 1):
            try:
                return parse_json(self._get(url), url)
            except _Again as exc:
                if attempt == self.retries:
                    tries = self.retries + 1
                    raise FeedError(
                        f"{exc} (tried {tries} time{'s' if tries > 1 else ''})"
                    ) from None
                time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get(self, url):
        self.requests += 1
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > self.max_bytes:
                    raise FeedError(self._too_big(url))
                return self._read(response, url)
        except urllib.error.HTTPError as exc:
            exc.close()
            message = f"{url} answered HTTP {exc.code} {exc.reason}".rstrip()
            raise (_Again if exc.code >= 500 or exc.code == 429 else FeedError)(message) from None
        except urllib.error.URLError as exc:
            raise _Again(f"cannot reach {url}: {_reason(exc)}") from None
        except TimeoutError:
            raise _Again(f"{url} did not answer in time") from None
        except (http.client.HTTPException, OSError) as exc:
            raise _Again(f"cannot read {url}: the connection broke ({_reason(exc)})") from None

    def _too_big(self, url):
        return f"{url} sent more than {files.size_text(self.max_bytes)}, the most the import reads"

    def _read(self, response, url):
        body = bytearray()
        while chunk := response.read(CHUNK):
            body += chunk
            if len(body) > self.max_bytes:
                raise FeedError(self._too_big(url))
        return bytes(body)


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
    base = services_url(base)
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
    services, seen = [], set()
    for summary in listed:
        key = summary.get("id")
        if isinstance(key, str | int) and not isinstance(key, bool):
            if key in seen:
                continue  # on two pages: the feed changed while it was read
            seen.add(key)
            url = f"{base}services/{quote(str(key), safe='')}"
            detail = client.get_json(url)
            if not isinstance(detail, dict):
                raise FeedError(f"{url} is not a service: it is not a JSON object")
            services.append(detail)
        else:
            services.append(summary)  # no id to ask for: the summary is all there is
    return services


def from_file(path, shown, format):
    """The services in a JSON file: one service, a list of services, or a page of either
    shape (HSDS 3 ``contents``, ORUK 1 ``content``)."""
    try:
        body = files.read_bounded(path, MAX_BYTES, "an import file")
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
