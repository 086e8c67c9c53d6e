"""Limits on public writes (registration, submissions, uploads, recovery, login) per client
address and route group, as token buckets with a burst allowance.

A whole unit behind one office NAT registering at the deadline (300 registrations in a few
seconds) must get through; a script hammering a route must not. So each (address, group) has a
bucket of QCCONF_RATE_LIMIT requests (default 600) that refills at that many per five minutes:
an honest burst spends part of it, a script gets its burst and then one request every half
second. Logins have a bucket of their own of 30 per address. The buckets live in the app's
`rate_limit` store (memory per process on SQLite, the database on PostgreSQL); 0 turns limits
off (load benchmarks run from one machine)."""

from __future__ import annotations

import re
import time
from typing import Any

from litestar import Request
from litestar.exceptions import TooManyRequestsException
from litestar.middleware.rate_limit import RateLimitConfig, RateLimitMiddleware
from litestar.serialization import decode_json, encode_json
from litestar.types import Receive, Scope, Send

GROUPS = (  # first match wins: the group a path's writes count against
    ("login", re.compile(r"^/(login|unit/login|unit/claim)")),
    ("recover", re.compile(r"^/recover")),
    ("registration", re.compile(r"^/(api/registrations|api/delegations|register|r/)")),
    ("submission", re.compile(r"^/(api/submissions|submit|s/)")),
)
WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})
REFILL_SECONDS = 300  # a bucket refills completely in five minutes
LOGIN_CAPACITY = 30


def group_of(request: Request) -> str | None:
    """The route group a public write counts against; None for what is never limited."""
    if request.method not in WRITE_METHODS:
        return None
    return next((name for name, pattern in GROUPS if pattern.match(request.url.path)), None)


def _public_write(request: Request) -> bool:
    return group_of(request) is not None


class BurstRateLimit(RateLimitMiddleware):
    """Litestar's middleware with a token bucket per address and group instead of a window."""

    def capacity(self, group: str) -> int:
        return LOGIN_CAPACITY if group == "login" else self.max_requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = scope["litestar_app"]
        request: Request[Any, Any, Any] = app.request_class(scope)
        group = group_of(request)
        if group is not None and await self.should_check_request(request=request):
            store = self.config.get_store_from_app(app)
            key = f"{self.cache_key_from_request(request)}::{group}"
            capacity = self.capacity(group)
            async with self._lock:
                raw = await store.get(key)
                tokens, at = decode_json(raw) if raw else (capacity, time.time())
                now = time.time()
                tokens = min(capacity, tokens + (now - at) * capacity / REFILL_SECONDS)
                if tokens < 1:
                    wait = int((1 - tokens) * REFILL_SECONDS / capacity) + 1
                    raise TooManyRequestsException(headers={"Retry-After": str(wait)})
                await store.set(key, encode_json([tokens - 1, now]), expires_in=REFILL_SECONDS)
        await self.app(scope, receive, send)


def rate_limit(capacity: int) -> RateLimitConfig | None:
    """The middleware config (`capacity`: each bucket's size), or None when limits are off."""
    if capacity <= 0:
        return None
    return RateLimitConfig(
        rate_limit=("minute", capacity), check_throttle_handler=_public_write,
        store="rate_limit", middleware_class=BurstRateLimit, set_rate_limit_headers=False,
    )  # fmt: skip
