"""The ``profile`` fixture: write a profile's files into a temporary folder."""

from profile_helpers import profile  # noqa: F401 (a fixture, re-exported for pytest)
