"""Registrations per second through the real server (uvicorn, 1 worker) on SQLite and PostgreSQL,
with p50/p99 latency from wrk at 50 connections, beside a bare insert measured in the same run:
five alternating 5-second rounds each, the median round reported, errors summed over all, and
`of_ceiling` the median of each round's rate over the ceiling's rate in that same round."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.harness import environment, migrate_with_event, on_both_backends, served, wrk

ROUNDS = 5
QUOTA_CATEGORY = "frontline"  # given a quota nobody reaches, so its lock and count are measured
ENDPOINTS = (  # label, path, category
    ("bare insert (ceiling)", "/api/bench/insert", "observer"),
    ("validated registration", "/api/registrations", "observer"),
    ("validated registration, category with quota", "/api/registrations", QUOTA_CATEGORY),
)

LUA = r"""
counter = 0
local next_id = 0
setup = function(thread) thread:set("tid", next_id); next_id = next_id + 1 end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"name":"压测代表%d","mobile":"13%02d%d%06d","organization":"压测单位%d","category":"%s"}',
    counter, SERIES, tid, counter, counter % 200, CATEGORY)
  return wrk.format("POST", PATH, {["Content-Type"] = "application/json"}, body)
end
"""


def _measure(backend: str, url: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(url, tmp, QCCONF_RATE_LIMIT="0")
        migrate_with_event(env, {QUOTA_CATEGORY: 10**6})
        log = Path(tmp) / "server.log"
        with served(env, log, "benchmarks.app:create_bench_app") as port:
            runs: dict[str, list[dict[str, float]]] = {label: [] for label, _, _ in ENDPOINTS}
            for round_ in range(ROUNDS):  # alternating, so a noisy moment hits every endpoint
                for i, (label, path, category) in enumerate(ENDPOINTS):
                    series = round_ * len(ENDPOINTS) + i  # (0-99) keeps each run's mobiles apart
                    lua = f'PATH = "{path}"\nCATEGORY = "{category}"\nSERIES = {series}\n' + LUA
                    runs[label].append(wrk(port, Path(tmp) / "post.lua", lua))
            locked = "database is locked" in log.read_text(errors="replace")
            rows = [{"backend": backend, "endpoint": label, **_median_round(results), "lock_errors": int(locked)}
                    for label, results in runs.items()]  # fmt: skip
            ceiling = runs[ENDPOINTS[0][0]]
            for row in rows[1:]:
                ratios = sorted(
                    r["rate"] / c["rate"]
                    for r, c in zip(runs[row["endpoint"]], ceiling, strict=True)
                )
                row["of_ceiling"] = ratios[len(ratios) // 2]
            return rows


def _median_round(results: list[dict[str, float]]) -> dict[str, float]:
    """The round of median rate; errors counted over every round."""
    median = sorted(results, key=lambda r: r["rate"])[len(results) // 2]
    errors = {k: sum(r[k] for r in results) for k in ("non_2xx", "socket_errors")}
    return {**median, **errors}


def run() -> list[dict]:
    """Rows: backend, endpoint, rate (req/s), p50_ms, p99_ms, non_2xx, socket_errors, of_ceiling."""
    return on_both_backends(_measure, "bench")


COLUMNS = (
    "backend",
    "endpoint",
    "rate",
    "p50_ms",
    "p99_ms",
    "non_2xx",
    "socket_errors",
    "lock_errors",
    "of_ceiling",
)

if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
