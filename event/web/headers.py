"""Security headers on every answer, and an access log that never holds a private link.

Every HTML page gets a Content-Security-Policy that allows scripts from this server only (no
inline script: the pages' few scripts are files under /static), may not be framed, and no answer
may be sniffed into another type. Pages under a private link (/r/, /d/, /s/) send no Referer
(the token would leak to any site they link to) and, like the logged-in pages, are never stored
by a cache. The access log names the route's template (`/r/{token}`), never the path."""

from __future__ import annotations

import logging
import time
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

PRIVATE = ("/r/", "/d/", "/s/", "/api/registrations/", "/api/submissions/by-token/")
PERSONAL = (*PRIVATE, "/admin", "/desk", "/api/admin", "/login")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")  # fmt: skip
# The API documentation pages (Litestar's Swagger/ReDoc/…) need their own inline code.
DOCS_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'"
access_log = logging.getLogger("qcconf.access")


def headers_for(path: str, content_type: str) -> dict[str, str]:
    """The headers this answer gets, by its path and type."""
    extra = {"x-content-type-options": "nosniff"}
    if content_type.startswith("text/html"):
        extra["content-security-policy"] = DOCS_CSP if path.startswith("/schema") else CSP
    if path.startswith(PRIVATE):
        extra["referrer-policy"] = "no-referrer"
    if path.startswith(PERSONAL):
        extra["cache-control"] = "no-store"
    return extra


def security_headers(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: the headers above, and one access-log line per request."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        started, status = time.perf_counter(), [0]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                headers = MutableScopeHeaders.from_message(message)
                for name, value in headers_for(
                    scope["path"], headers.get("content-type") or ""
                ).items():
                    if name == "cache-control" or name not in headers:
                        headers[name] = value
            await send(message)

        try:
            await app(scope, receive, send_with_headers)
        finally:
            _log(scope, status[0], time.perf_counter() - started)

    return middleware


def _log(scope: Scope, status: int, seconds: float) -> None:
    client: Any = scope.get("client") or ("-", 0)
    route = scope.get("path_template") or "<no route>"  # type: ignore[typeddict-item]
    access_log.info('%s - "%s %s" %d %.0fms', client[0], scope.get("method"), route, status,
                    seconds * 1000)  # fmt: skip
