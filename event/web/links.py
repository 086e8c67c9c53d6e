"""Absolute links people can copy into WeChat or a message: QCCONF_PUBLIC_URL when it names a
real address, else the address this request came to (a local or test server)."""

from __future__ import annotations

from urllib.parse import urlsplit

from litestar import Request

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})


def site_url(request: Request) -> str:
    """The site's base address, without a trailing slash."""
    configured = getattr(request.app.state.settings, "public_url", "") or ""
    if configured and (urlsplit(configured).hostname or "localhost") not in LOOPBACK:
        return configured.rstrip("/")
    return str(request.base_url).rstrip("/")


def absolute(request: Request, path: str) -> str:
    """`path` (such as /r/…) as a full address."""
    return site_url(request) + path
