"""The loopback server of real councils' feeds (``tests/feeds_server.py``) answers as the
README of ``tests/fixtures/feeds`` says, so end-to-end import tests meet the feeds' real shapes."""

import json

import pytest
from feeds_server import FEEDS

from guide import feed

pytestmark = pytest.mark.unit


@pytest.fixture
def client():
    return feed.Client(timeout=5, retries=0, backoff=0)


def test_bristol_is_paged_fifty_at_a_time_in_its_own_shape(feed_server, client):
    base = feed_server.url("bristol")
    first = client.get_json(f"{base}services?page=1&per_page=50")
    last = client.get_json(f"{base}services?page=17&per_page=50")
    listed = json.loads((FEEDS / "bristol-oruk1-list.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in first.items() if k != "content"} == {
        "totalElements": 819, "totalPages": 17, "number": 1, "size": 50,
        "first": True, "last": False,
    }  # fmt: skip
    assert first["content"] == listed[:50]
    assert (last["last"], last["content"]) == (True, listed[800:])
    assert feed.oruk1_page(first, "page 1")[1:] == (17, False)
    assert feed_server.asked == [
        "/bristol/services?page=1&per_page=50",
        "/bristol/services?page=17&per_page=50",
    ]


def test_bristol_answers_each_service_with_its_list_item(feed_server, client):
    base = feed_server.url("bristol")
    listed = json.loads((FEEDS / "bristol-oruk1-list.json").read_text(encoding="utf-8"))
    assert client.get_json(f"{base}services/{listed[5]['id']}") == listed[5]
    twice = "2af617e5-4532-bebe-1036-ffdf2e93ce55"
    assert [i for i, item in enumerate(listed) if item["id"] == twice] == [373, 810]
    assert client.get_json(f"{base}services/{twice}") == listed[373], "the first of the two"


def test_bucks_serves_its_outpost_page_and_captured_detail(feed_server, client):
    base = feed_server.url("bucks")
    page = json.loads((FEEDS / "bucks-outpost-page1.json").read_text(encoding="utf-8"))
    detail = json.loads((FEEDS / "bucks-outpost-detail.json").read_text(encoding="utf-8"))
    served = client.get_json(f"{base}services?page=1&per_page=50")
    assert served["content"] == page["content"]
    assert (served["totalElements"], served["totalPages"], served["last"]) == (50, 1, True)
    assert client.get_json(f"{base}services/6378") == detail
    second = page["content"][1]
    assert client.get_json(f"{base}services/{second['id']}") == second


def test_unknown_paths_are_404_and_requests_are_bounded(feed_server, client):
    with pytest.raises(feed.FeedError, match="answered HTTP 404"):
        client.get_json(f"{feed_server.url('bristol')}services/no-such-id")
    feed_server.max_requests = 1
    with pytest.raises(feed.FeedError, match="answered HTTP 503"):
        client.get_json(f"{feed_server.url('bucks')}services/6378")


def test_a_test_adds_its_own_feed_and_answers(feed_server, client):
    base = feed_server.add("mine", [{"id": 1, "name": "One"}, {"id": "2", "name": "Two"}])
    feed_server.route("/mine/services/1", (410, {"gone": True}))
    assert client.get_json(f"{base}services?page=2&per_page=1")["content"] == [
        {"id": "2", "name": "Two"}
    ]
    with pytest.raises(feed.FeedError, match="answered HTTP 410"):
        client.get_json(f"{base}services/1")
    assert feed_server.asked_of("mine") == ["/mine/services?page=2&per_page=1", "/mine/services/1"]
