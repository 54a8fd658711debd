"""The README's publishing advice is complete: every recommended header, with its value, is in
the nginx, Apache and IIS examples; the site's Configuring page agrees on how to publish."""

import re

import pytest
from helpers import DOCS, ROOT

pytestmark = pytest.mark.unit

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(language):
    return re.search(rf"```{language}\n(.*?)```", README, re.S).group(1)


def test_every_recommended_header_is_in_every_server_example():
    section = README[README.index("### Recommended headers") :]
    headers = dict(
        line.split(": ", 1)
        for line in re.search(r"```\n(.*?)```", section, re.S).group(1).splitlines()
    )
    assert set(headers) == {
        "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
    }  # fmt: skip
    for language in ("nginx", "apache", "xml"):
        example = block(language)
        for name, value in headers.items():
            assert name in example, (language, name)
            assert value.strip('"') in example, (language, name, value)


def test_the_configuring_page_publishes_as_the_readme_does():
    page = (DOCS / "about" / "configuring.md").read_text(encoding="utf-8")
    for words in ("make dist", "SHA256SUMS", "Content-Security-Policy", "python -m guide"):
        assert words in page, words
