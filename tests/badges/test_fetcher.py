"""Badge documents may load the package's own files and inline data, nothing else."""

from __future__ import annotations

import pytest

from badges.fetcher import PACKAGE_DIR, PackageFetcher


def test_fetcher_serves_the_package_stylesheet():
    response = PackageFetcher().fetch((PACKAGE_DIR / "static" / "badge.css").as_uri())
    assert (response.content_type, response.read()[:2]) == ("text/css", b"/*")


def test_fetcher_serves_data_urls():
    assert PackageFetcher().fetch("data:text/plain;base64,5Luj6KGo6K+B").read() == "代表证".encode()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (PACKAGE_DIR / ".." / "pyproject.toml").as_uri(),
        "https://example.invalid/logo.png",
        "ftp://example.invalid/x",
    ],
)
def test_fetcher_refuses_anything_else(url):
    with pytest.raises(ValueError, match="badges load only their own files"):
        PackageFetcher().fetch(url)
