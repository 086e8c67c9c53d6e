"""Limits on public writes (registration, submissions, uploads) per client address.

An honest unit registering its delegation or a burst at the deadline stays well under the
limit (many people behind one office address included); a script hammering a route is slowed
with 429. QCCONF_RATE_LIMIT sets writes per minute per address (0 turns it off, e.g. for load
benchmarks run from one machine)."""

from __future__ import annotations

import re

from litestar import Request
from litestar.middleware.rate_limit import RateLimitConfig

PUBLIC_WRITES = re.compile(
    r"^/(api/registrations|api/delegations|api/submissions|register|submit|recover|r/|s/)"
)
WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})


def _public_write(request: Request) -> bool:
    return request.method in WRITE_METHODS and bool(PUBLIC_WRITES.match(request.url.path))


def rate_limit(per_minute: int) -> RateLimitConfig | None:
    """The middleware config, or None when limits are off."""
    if per_minute <= 0:
        return None
    return RateLimitConfig(
        rate_limit=("minute", per_minute), check_throttle_handler=_public_write, store="rate_limit"
    )
