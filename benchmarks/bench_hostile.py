"""server responsiveness under hostile requests: each request that once froze the server (issue
13, items 8-9) is sent to the real server (uvicorn, one worker, SQLite) while a second client
fetches /programme/ every 100 ms; the row gives the request's answer and the second client's
worst latency while it was served (target < 1 s for every row)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from benchmarks.harness import environment, migrate_with_event, served
from tests.event.responsiveness import PROBES, measure

TITLE = "server responsiveness under hostile requests"
COLUMNS = ("request", "status", "expected", "worst_ms", "fetches", "programme_ok", "target_met")


def run() -> list[dict]:
    print(TITLE, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(f"sqlite:///{tmp}/bench.sqlite3", tmp, QCCONF_RATE_LIMIT="0")
        migrate_with_event(env, {})
        with served(env, Path(tmp) / "server.log") as port:
            measured = [asyncio.run(measure(f"http://127.0.0.1:{port}", p)) for p in PROBES]
    return [
        {"request": m.label, "status": m.status, "expected": p.status, "worst_ms": round(m.worst_ms),
         "fetches": m.fetches, "programme_ok": m.watcher_ok, "target_met": m.worst_ms < 1000}
        for m, p in zip(measured, PROBES, strict=True)
    ]  # fmt: skip
