"""The guide's commands, for ``make`` and for anyone without it: ``python -m guide --help``."""

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXT = DOCS / "_ext"
if str(EXT) not in sys.path:
    sys.path.insert(0, str(EXT))  # the extensions' pure parts: the profile loader and schema


def project():
    """pyproject.toml's [project] table: the name and version a release carries."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
