"""Security headers on every answer, and an access log that never holds a private link.

Every HTML page gets a Content-Security-Policy that allows scripts from this server only (no
inline script: the pages' few scripts are files under /static), may not be framed, and no answer
may be sniffed into another type. Pages under a private link (/r/, /d/, /s/, /j/) send no Referer
(the token would leak to any site they link to) and, like the logged-in pages, are never stored
by a cache. The access log names the route's template (`/r/{token}`), never the path."""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

PRIVATE = ("/r/", "/d/", "/s/", "/j/", "/api/registrations/", "/api/submissions/by-token/")
PERSONAL = (*PRIVATE, "/admin", "/desk", "/api/admin", "/login")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")  # fmt: skip
access_log = logging.getLogger("qcconf.access")


def headers_for(path: str, content_type: str) -> dict[str, str]:
    """The headers this answer gets, by its path and type."""
    extra = {"x-content-type-options": "nosniff"}
    if content_type.startswith("text/html"):
        extra["content-security-policy"] = CSP  # /schema too: its Swagger UI is local
    if path.startswith(PRIVATE):
        extra["referrer-policy"] = "no-referrer"
    if path.startswith(PERSONAL):
        extra["cache-control"] = "no-store"
    return extra


INT_MAX = 2**31 - 1  # the database's integer ids: a longer number names no row
_NUL = re.compile(rb"%00|\x00")


def refusal(scope: Scope) -> tuple[int, str] | None:
    """A request no handler should see (400): a NUL anywhere in the path or query (PostgreSQL
    text cannot hold one), or an id beyond the integer range (the drivers raise on it)."""
    if _NUL.search(scope.get("raw_path") or b"") or _NUL.search(scope.get("query_string") or b""):
        return 400, "请求中含有不允许的空字符（NUL）"
    if any(
        part.isdigit() and int(part) > INT_MAX for part in scope["path"].split("/") if len(part) > 9
    ):
        return 400, "编号超出范围"
    return None


async def _answer(send: Send, status: int, message: str) -> None:
    body = json.dumps({"status_code": status, "code": "invalid",
                       "message": message, "field": None}, ensure_ascii=False).encode()  # fmt: skip
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"x-content-type-options", b"nosniff")]  # fmt: skip
    start: Any = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    end: Any = {"type": "http.response.body", "body": body}
    await send(end)


def security_headers(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: the headers above, one access-log line per request, and the refusals."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        refused = refusal(scope)
        if refused:
            _log(scope, refused[0], 0.0)
            await _answer(send, *refused)
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
