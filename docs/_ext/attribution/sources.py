"""The documents this guide draws on, and how a page names them.

Pure data and parsing, kept apart from the Sphinx glue so it can be tested
without a build.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    short: str
    citation: str
    line: str = ""


SOURCES = {
    "guidance": Source(
        key="guidance",
        short="Reflecting on parent-infant relationships (DfE and DHSC, 2024)",
        citation=(
            "Reflecting on parent-infant relationships: a practitioner’s guide to starting "
            "conversations. Department for Education and Department of Health and Social "
            "Care, published 21 March 2024, applies to England. Crown copyright, published "
            "under the Open Government Licence v3.0."
        ),
        line=(
            "Reflecting on parent-infant relationships: a practitioner’s guide to starting "
            "conversations, DfE and DHSC, published 21 March 2024 (OGL v3.0)"
        ),
    ),
    "cardiff": Source(
        key="cardiff",
        short="Supporting Parent-Infant Relationships During the First 1000 Days (Cardiff Parenting)",
        citation=(
            "Supporting Parent-Infant Relationships During the First 1000 Days: information "
            "and ideas for practitioners. Cardiff Parenting. Its ideas for "
            "practitioners are taken from NHS Education for Scotland’s Infant Mental Health "
            "Module."
        ),
        line=(
            "Supporting Parent-Infant Relationships During the First 1000 Days, Cardiff "
            "Parenting, undated"
        ),
    ),
    "area": Source(
        key="area",
        short="the local area",
        citation=(
            "Written by the local area for its own practitioners, not by the authors of the "
            "guidance or of this guide. The area keeps it up to date."
        ),
        line="written by the local area",
    ),
    "project": Source(
        key="project",
        short="this guide",
        citation=(
            "Written for this guide by its maintainers. It describes the guide itself and "
            "gives no advice about practice."
        ),
        line="written for this guide",
    ),
}


class UnknownSource(ValueError):
    """A page or quotation named a source this guide does not know."""


def parse_sources(value: str) -> list[Source]:
    """Turn ``"guidance, cardiff"`` into sources, in the order written."""
    keys = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    if not keys:
        raise UnknownSource("names no source")
    unknown = [key for key in keys if key not in SOURCES]
    if unknown:
        known = ", ".join(sorted(SOURCES))
        raise UnknownSource(f"unknown source {', '.join(map(repr, unknown))} (known: {known})")
    return [SOURCES[key] for key in dict.fromkeys(keys)]
