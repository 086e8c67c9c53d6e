"""1,000 simultaneous registrations with quotas through the real server, on SQLite and
PostgreSQL: how many were accepted, refused, failed, lost and duplicated (the last two must be 0).

Every category has a quota of 100 (800 places for 1,000 people), and 50 of the people send
their registration twice, so both refusals (quota_full, duplicate) happen under the burst."""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from benchmarks.harness import environment, migrate_with_event, on_both_backends, served
from event.enums import AttendeeCategory

PEOPLE, QUOTA, TWICE = 1000, 100, 50
CATEGORIES = tuple(c.value for c in AttendeeCategory)
COLUMNS = (
    "backend",
    "requests",
    "accepted",
    "refused_quota",
    "refused_duplicate",
    "errors",
    "lost",
    "duplicates",
    "seconds",
)


def _bodies() -> list[dict[str, str]]:
    rng = random.Random(40)
    people = [{"name": f"压测{i}", "mobile": f"1390{i:07d}", "organization": f"压测单位{i % 97}",
               "category": CATEGORIES[i % len(CATEGORIES)]} for i in range(PEOPLE)]  # fmt: skip
    bodies = people + rng.sample(people, TWICE)
    rng.shuffle(bodies)
    return bodies


async def _burst(base: str) -> tuple[Counter[str], float]:
    limits = httpx.Limits(max_connections=PEOPLE + TWICE, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        started = time.perf_counter()

        async def one(body: dict[str, str]) -> str:
            try:
                r = await client.post("/api/registrations", json=body)
            except httpx.HTTPError:
                return "error"
            if r.status_code == 201:
                return "accepted"
            if r.status_code == 409:
                return f"refused_{r.json().get('code')}"
            return "error"

        outcomes = Counter(await asyncio.gather(*(one(b) for b in _bodies())))
        return outcomes, time.perf_counter() - started


async def _stored(url: str) -> tuple[int, int]:
    """(active registrations, mobiles registered more than once)."""
    from event.session import database
    from event.tables import Registration

    async with database(url):
        rows = await Registration.select(Registration.person.mobile.as_alias("m")).where(
            Registration.status == "active"
        )
    counts = Counter(r["m"] for r in rows)
    return len(rows), sum(1 for n in counts.values() if n > 1)


def _measure(backend: str, url: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(url, tmp, QCCONF_RATE_LIMIT="0")
        migrate_with_event(env, dict.fromkeys(CATEGORIES, QUOTA))
        with served(env, Path(tmp) / "server.log", options=("--backlog", "4096")) as port:
            outcomes, seconds = asyncio.run(_burst(f"http://127.0.0.1:{port}"))
        stored, duplicates = asyncio.run(_stored(url))
    return [{"backend": backend, "requests": PEOPLE + TWICE, "accepted": outcomes["accepted"],
             "refused_quota": outcomes["refused_quota_full"], "refused_duplicate": outcomes["refused_duplicate"],
             "errors": outcomes["error"], "lost": outcomes["accepted"] - stored, "duplicates": duplicates,
             "seconds": round(seconds, 1)}]  # fmt: skip


def run() -> list[dict]:
    return on_both_backends(_measure, "load")


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
