"""The only URL fetcher badge documents get: the package's own files and inline data.

A badge is built from data typed in by delegates, so nothing in it may make WeasyPrint reach
the network or read arbitrary files; a refused URL stops the rendering instead of being skipped.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

PACKAGE_DIR = Path(__file__).resolve().parent


class PackageFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
    """Serves `data:` URLs and `file:` URLs inside the badges package; refuses the rest."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if path.is_relative_to(PACKAGE_DIR) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
                )
        raise ValueError(f"badges load only their own files, not {url}")
