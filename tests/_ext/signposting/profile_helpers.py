"""Profiles written into a temporary folder and loaded on a fixed day, for the tests."""

import datetime as dt
import os

import pytest
from profiledata.problems import ProfileDataError, shown_path
from profiledata.profile import load_profile

TODAY = dt.date(2026, 11, 22)

BASE = {
    "id": "stay-and-play",
    "name": "Baby stay and play",
    "organisation": "Testshire Council",
    "tier": "help",
    "summary": "Sessions for parents and babies.",
    "stages": "pregnancy;first-year",
    "access": "drop-in",
    "phone": "0113 843 0841",
    "last_reviewed": "2026-01-15",
}

PROFILE = """[area]
name = "Testshire"
nation = "england"

[directory]
sources = [{sources}]
include_national = false
"""


def yaml_for(services):
    """Each field on its own line, in the order given, so tests know every line."""
    lines = []
    for service in services:
        for number, (key, value) in enumerate(service.items()):
            prefix = "- " if number == 0 else "  "
            if isinstance(value, str) and ";" in value:
                value = "[" + ", ".join(part.strip() for part in value.split(";")) + "]"
            elif isinstance(value, str):
                value = '"' + value.replace('"', '\\"') + '"'
            lines.append(f"{prefix}{key}: {value}")
    return "\n".join(lines) + "\n"


def csv_for(services):
    header = list(dict.fromkeys(key for service in services for key in service))
    rows = [",".join(header)]
    for service in services:
        rows.append(
            ",".join('"' + str(service.get(key, "")).replace('"', '""') + '"' for key in header)
        )
    return "\r\n".join(rows) + "\r\n"


@pytest.fixture
def profile(tmp_path):
    """``profile(yaml=..., csv=..., toml=...)`` writes the files and returns (folder, load)."""

    def write(*, yaml=None, csv=None, toml=None, extra=""):
        sources = []
        if yaml is not None:
            (tmp_path / "services.yaml").write_text(yaml, encoding="utf-8")
            sources.append('"services.yaml"')
        if csv is not None:
            data = csv if isinstance(csv, bytes) else csv.encode("utf-8")
            (tmp_path / "services.csv").write_bytes(data)
            sources.append('"services.csv"')
        text = toml if toml is not None else PROFILE.format(sources=", ".join(sources)) + extra
        (tmp_path / "profile.toml").write_text(text, encoding="utf-8")
        return tmp_path

    return write


def problems_of(folder):
    """Every problem message, as ``file:line: message`` with the folder left off."""
    prefix = shown_path(folder) + os.sep
    try:
        load_profile(folder, on=TODAY)
    except ProfileDataError as exc:
        return [str(p).replace(prefix, "") for p in exc.problems]
    return []
