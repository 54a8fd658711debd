"""The source registry and how a page's ``source`` front matter is read."""

import pytest
from attribution.sources import SOURCES, UnknownSource, parse_sources

pytestmark = pytest.mark.unit


def test_reads_keys_in_order_and_drops_repeats():
    keys = [s.key for s in parse_sources(" cardiff, guidance ,cardiff")]
    assert keys == ["cardiff", "guidance"]


def test_semicolons_separate_too():
    assert [s.key for s in parse_sources("guidance; project")] == ["guidance", "project"]


@pytest.mark.parametrize("value", ["", " ", ",", None])
def test_empty_names_no_source(value):
    with pytest.raises(UnknownSource, match="names no source"):
        parse_sources(value or "")


def test_unknown_key_is_named_with_the_known_ones():
    with pytest.raises(UnknownSource) as caught:
        parse_sources("guidance, leaflet")
    assert "'leaflet'" in str(caught.value)
    for key in SOURCES:
        assert key in str(caught.value)


def test_the_guidance_citation_carries_its_date_and_licence():
    citation = SOURCES["guidance"].citation
    assert "21 March 2024" in citation
    assert "Open Government Licence v3.0" in citation
    assert "Department for Education" in citation
