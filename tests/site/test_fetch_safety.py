"""The import's fetch against hostile servers on 127.0.0.1: a redirect leads only within the
feed's own scheme, host and port and is refused before anything connects to where it leads;
a server that drips its answer is cut off by the request's deadline and a slow feed by the
whole import's; the snapshot names where its data came from. Every connection the import
makes is watched (``connections``): none may go anywhere but 127.0.0.1."""

import threading
import time

import pytest
import yaml
from feeds_server import FeedServer, trusting
from helpers import import_profile

from guide import feed, importer

pytestmark = pytest.mark.unit


def service(sid, name):
    return {
        "id": sid,
        "name": name,
        "description": "Songs and play for babies and their parents.",
        "status": "active",
        "organization": {"id": "org-1", "name": "Exampleton Council"},
        "phones": [{"id": f"{sid}-p", "number": "0113 496 0100"}],
        "minimum_age": 0,
        "maximum_age": 1,
    }


FEED = [service("s1", "Baby song time"), service("s2", "Baby massage"), service("s3", "Baby gym")]


@pytest.fixture
def server():
    with FeedServer() as running:
        running.add("api", FEED, shape="hsds-3")
        yield running


@pytest.fixture
def other():
    """Another server on 127.0.0.1: another port, standing for another host."""
    with FeedServer() as running:
        running.add("api", FEED, shape="hsds-3")
        yield running


def profile(folder, url, extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.toml").write_text(
        import_profile(f'url = "{url}"', extra=extra), encoding="utf-8"
    )
    return folder


def client(**options):
    return feed.Client(**{"timeout": 5, "retries": 0, "backoff": 0, **options})


def run_import(folder, capsys, **options):
    status = importer.import_profile(folder, client=client(**options))
    out, err = capsys.readouterr()
    return status, out, err


def refused(folder, capsys, **options):
    status, out, err = run_import(folder, capsys, **options)
    assert status == 1 and not (folder / "imported.yaml").exists(), "nothing written"
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("import: "), err
    return lines[0].removeprefix("import: ").removesuffix("; nothing was written.")


def redirect(server, path, location, status=302):
    server.route(path, (status, b"", {"Location": location}))


# --- redirects ---------------------------------------------------------------------------------


def test_a_redirect_to_another_port_is_refused_before_connecting(
    tmp_path, server, other, connections, capsys
):
    base = server.url("api")
    target = f"{other.url('api')}services/s2"
    redirect(server, "/api/services/s2", target)
    folder = profile(tmp_path / "area", base)
    assert refused(folder, capsys) == (
        f"{base}services/s2 redirects to {target!r}, another port; the import follows a "
        f"redirect only within {server.origin}"
    )
    assert other.asked == [], "nothing was asked of the other server"
    assert {port for _, port in connections} == {server.port}


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("http://10.0.0.1/api/services/s1", "a private address"),
        ("http://169.254.169.254/latest/meta-data/", "a private address"),
        ("http://192.168.1.1:{port}/api/services/s1", "a private address"),
        ("http://[::1]:{port}/api/services/s1", "a private address"),
        ("http://localhost:{port}/api/services/s1", "another host"),
        ("https://directory.example.org/api/services/s1", "another host"),
        ("//evil.example/api/services/s1", "another host"),
        ("file:///etc/passwd", "which is not http or https"),
        ("ftp://127.0.0.1/api/services/s1", "which is not http or https"),
        ("https://127.0.0.1:{port}/api/services/s1", "from http to https"),
        ("http://127.0.0.1:{port}@10.0.0.1/api/", "a private address"),
    ],
)
def test_a_redirect_anywhere_else_is_refused_before_connecting(
    tmp_path, server, connections, capsys, location, why
):
    base = server.url("api")
    location = location.format(port=server.port)
    redirect(server, "/api/services/s1", location, status=301)
    folder = profile(tmp_path / "area", base)
    message = refused(folder, capsys)
    assert message.startswith(f"{base}services/s1 redirects to ")
    assert message.endswith(f", {why}; the import follows a redirect only within {server.origin}")
    assert connections and all(address == ("127.0.0.1", server.port) for address in connections)


def test_a_redirect_from_https_to_http_is_refused(tmp_path, connections, capsys):
    with FeedServer(tls=True) as secure, FeedServer() as plain:
        base = secure.add("api", FEED, shape="hsds-3")
        plain.add("api", FEED, shape="hsds-3")
        target = f"http://127.0.0.1:{secure.port}/api/services?page=1&per_page=50"
        redirect(secure, "/api/services?page=1&per_page=50", target)
        folder = profile(tmp_path / "area", base)
        assert refused(folder, capsys, tls=trusting()) == (
            f"{base}services?page=1&per_page=50 redirects to {target!r}, from https to http; "
            f"the import follows a redirect only within {secure.origin}"
        )
        assert len(secure.asked) == 1 and plain.asked == []


def test_https_feeds_are_read_and_followed_within_their_origin(tmp_path, connections, capsys):
    with FeedServer(tls=True) as secure:
        base = secure.add("api", FEED, shape="hsds-3")
        redirect(secure, "/api/services/s3", "/api/moved/s3", status=308)
        secure.route("/api/moved/s3", (200, FEED[2]))
        folder = profile(tmp_path / "area", base)
        status, out, err = run_import(folder, capsys, tls=trusting())
        assert (status, err) == (0, "")
        assert "/api/moved/s3" in secure.asked


def test_the_header_names_where_the_data_came_from(tmp_path, server, connections, capsys):
    base = server.url("api")
    redirect(server, "/api/services?page=1&per_page=50", "/v2/api/services?page=1&per_page=50")
    server.route("/v2/api/services?page=1&per_page=50", lambda handler: handler.answer(
        200, server.feeds["api"].page(1, 50)))  # fmt: skip
    folder = profile(tmp_path / "area", base)
    status, _, err = run_import(folder, capsys)
    assert (status, err) == (0, "")
    header = (folder / "imported.yaml").read_text(encoding="utf-8").splitlines()[3]
    assert header == (
        f"# Source: {base}, redirected to {server.origin}/v2/api/services?page=1&per_page=50 "
        "(hsds-3)"
    )
    assert len(yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))) == 3


def test_without_a_redirect_the_header_names_the_feed(tmp_path, server, connections, capsys):
    folder = profile(tmp_path / "area", server.url("api"))
    assert run_import(folder, capsys)[0] == 0
    header = (folder / "imported.yaml").read_text(encoding="utf-8").splitlines()[3]
    assert header == f"# Source: {server.url('api')} (hsds-3)"


@pytest.mark.parametrize(
    ("url", "target", "why"),
    [
        ("https://a.example/api/", "https://a.example:443/api/x", None),
        ("https://A.example/api/", "https://a.EXAMPLE./x", None),
        ("https://a.example/api/", "https://a.example:8443/x", "another port"),
        ("https://a.example/api/", "http://a.example/x", "from https to http"),
        ("https://a.example/api/", "https://b.example/x", "another host"),
        ("https://a.example/api/", "https://a.example.evil/x", "another host"),
        ("https://a.example/api/", "https://100.64.0.1/x", "a private address"),
        ("https://a.example/api/", "https://0.0.0.0/x", "a private address"),
        ("https://a.example/api/", "https://[fe80::1]/x", "a private address"),
        ("https://a.example/api/", "https://a.example:99999/x", "which is not a web address with a host"),
        ("https://a.example/api/", "javascript:alert(1)", "which is not http or https"),
    ],
)  # fmt: skip
def test_which_redirects_stay_within_the_feed(url, target, why):
    assert feed.refused_redirect(url, target) == why


# --- deadlines ---------------------------------------------------------------------------------


def drip(body, every, headers=True):
    """An answer sent one byte every ``every`` seconds (the headers too, unless
    ``headers`` is False), until the client goes."""

    def answer(handler):
        head = (
            b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        )
        if not headers:
            handler.wfile.write(head)
            head = b""
        for byte in head + body:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(every)

    return answer


@pytest.mark.parametrize("headers", [False, True], ids=["body", "headers"])
def test_a_server_that_drips_its_answer_is_cut_off(tmp_path, server, connections, capsys, headers):
    base = server.url("api")
    server.route("/api/services/s2", drip(b'{"id": "s2", "name": "Baby massage"}' * 3, 2, headers))
    folder = profile(tmp_path / "area", base)
    started = time.monotonic()
    message = refused(folder, capsys, request_deadline=3)
    took = time.monotonic() - started
    assert message == (
        f"{base}services/s2 did not send its whole answer within 3 seconds (tried 1 time)"
    )
    assert 3 <= took < 5, "stopped by its deadline, not by the 5 second timeout"


def test_a_dripped_answer_is_tried_again_then_named(tmp_path, server, connections, capsys):
    base = server.url("api")
    server.route("/api/services/s1", drip(b'{"id": "s1"}', 0.3))
    folder = profile(tmp_path / "area", base)
    message = refused(folder, capsys, request_deadline=0.5, retries=2)
    assert message == (
        f"{base}services/s1 did not send its whole answer within 0.5 seconds (tried 3 times)"
    )
    assert server.asked.count("/api/services/s1") == 3


def test_the_whole_feed_has_a_deadline(tmp_path, server, connections, capsys):
    base = server.url("api")
    slow = threading.Event()

    def late(path):
        def answer(handler):
            slow.wait(0.4)
            handler.answer(200, FEED[int(path[-1]) - 1])

        return answer

    for number in (1, 2, 3):
        server.route(f"/api/services/s{number}", late(f"s{number}"))
    folder = profile(tmp_path / "area", base)
    started = time.monotonic()
    message = refused(folder, capsys, deadline=1)
    assert time.monotonic() - started < 2
    assert message.endswith(
        "was not read: the whole feed took longer than 1 second, the import's deadline "
        "([import] deadline)"
    )
    assert len(server.asked) <= 4, "no request after the deadline"


def test_the_deadline_also_bounds_waiting_to_try_again(tmp_path, server, connections, capsys):
    base = server.url("api")
    server.route("/api/services/s1", (503, {"error": "busy"}))
    folder = profile(tmp_path / "area", base)
    started = time.monotonic()
    message = refused(folder, capsys, deadline=1, retries=3, backoff=0.5)
    assert time.monotonic() - started < 1.5, "it did not sleep past the deadline"
    assert message == (
        f"{base}services/s1 was not read: the whole feed took longer than 1 second, the "
        "import's deadline ([import] deadline)"
    )


def test_the_default_deadline_is_ten_minutes(tmp_path, server, connections, capsys):
    folder = profile(tmp_path / "area", server.url("api"))
    used = client()
    assert importer.import_profile(folder, client=used) == 0
    capsys.readouterr()
    assert used.deadline == 600


def test_the_profile_sets_the_deadline_in_minutes(tmp_path, server, connections, capsys):
    folder = profile(tmp_path / "area", server.url("api"), extra="deadline = 2")
    used = client()
    assert importer.import_profile(folder, client=used) == 0
    capsys.readouterr()
    assert used.deadline == 120


@pytest.mark.parametrize("value", ["0", "61", "1.5", '"10 minutes"', "true"])
def test_a_deadline_that_is_not_minutes_is_named_and_nothing_is_fetched(
    tmp_path, server, connections, capsys, value
):
    folder = profile(tmp_path / "area", server.url("api"), extra=f"deadline = {value}")
    status, _, err = run_import(folder, capsys)
    assert status == 2 and server.asked == [] and connections == []
    template = import_profile("url = ''", extra="{extra}").splitlines()
    line = next(n for n, text in enumerate(template, 1) if text == "{extra}")
    assert (
        f"profile.toml:{line}: [import] deadline: must be a whole number of minutes, from 1 to 60"
        in err
    )


# --- one connection for the whole feed ----------------------------------------------------------

MANY = [service(f"s{n}", f"Baby group {n}") for n in range(1, 121)]


@pytest.mark.parametrize("tls", [False, True])
def test_a_feed_is_read_over_one_kept_connection(tmp_path, connections, capsys, tls):
    """120 services: 3 pages and 120 services asked for, all over one connection (a redirect
    within the feed too), where each request once opened its own (a TLS handshake each)."""
    with FeedServer(keep_alive=True, tls=tls) as kept:
        base = kept.add("api", MANY, shape="hsds-3")
        redirect(kept, "/api/services/s3", "/api/moved/s3", status=308)
        kept.route("/api/moved/s3", (200, MANY[2]))
        folder = profile(tmp_path / "area", base)
        used = client(tls=trusting() if tls else None)
        assert importer.import_profile(folder, client=used) == 0, capsys.readouterr()
        assert len(kept.asked) == 3 + 120 + 1 and used.requests == 3 + 120
        assert kept.connections == used.connections == len(connections) == 1
        assert used.kept == {}, "closed when the feed is read"
    assert len(yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))) == 120


def test_a_server_that_keeps_no_connection_gets_one_a_request(tmp_path, connections, capsys):
    with FeedServer() as closing:  # HTTP/1.0: closes after each answer
        base = closing.add("api", FEED, shape="hsds-3")
        used = client()
        assert importer.import_profile(profile(tmp_path / "area", base), client=used) == 0
        assert closing.connections == used.connections == len(closing.asked) == 1 + 3


def test_a_kept_connection_the_server_drops_is_opened_again(tmp_path, connections, capsys):
    """A server may close an idle connection without saying so: the next request on it is
    sent again on a new one, once, not taken for a broken feed."""

    def then_drop(handler):
        handler.answer(200, FEED[1])
        handler.close_connection = True  # no "Connection: close": the client cannot know

    with FeedServer(keep_alive=True) as dropping:
        base = dropping.add("api", FEED, shape="hsds-3")
        dropping.route("/api/services/s2", then_drop)
        used = client()
        assert importer.import_profile(profile(tmp_path / "area", base), client=used) == 0
        assert dropping.asked == ["/api/services?page=1&per_page=50", "/api/services/s1",
                                  "/api/services/s2", "/api/services/s3"]  # fmt: skip
        assert dropping.connections == used.connections == 2


def test_through_a_proxy_the_environment_names_each_request_goes_to_it(
    tmp_path, server, connections, capsys, monkeypatch
):
    """Where ``http_proxy`` names a proxy (here one more server on 127.0.0.1, which knows no
    feed), the import asks it, as urllib always has, and never the feed's server directly."""
    with FeedServer() as proxy:
        monkeypatch.setenv("http_proxy", proxy.origin)
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        base = server.url("api")
        message = refused(profile(tmp_path / "area", base), capsys)
        assert message == f"{base}services?page=1&per_page=50 answered HTTP 404 Not Found"
        assert proxy.asked == [f"{base}services?page=1&per_page=50"] and server.asked == []
        assert connections == [("127.0.0.1", proxy.port)]
