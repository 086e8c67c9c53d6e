"""What the benchmarks share to run the application as it runs for real.

A throwaway database (an SQLite file, and a new PostgreSQL database that is dropped after),
prepared by the `qcconf` command; the app served by uvicorn in its own process group; wrk's load
on it; and a measurement in a fresh Python process, whose peak memory is its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
CONNECTIONS, SECONDS = 50, 5  # every wrk run: 2 threads, 50 connections, 5 seconds

WRK_REPORT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99), summary.duration))
end
"""

SEED = """
import asyncio, json, sys
from event.enums import AttendeeCategory
from event.current import set_quota
from event.session import database
from event.tables import Event
async def main():
    async with database():
        row = await Event.insert(Event(name='压测会议', edition='第40次')).returning(Event.id)
        for code, quota in json.loads(sys.argv[1]).items():
            await set_quota(row[0]['id'], AttendeeCategory(code), quota)
asyncio.run(main())
"""


def environment(url: str, data_dir: Path | str, **extra: str) -> dict[str, str]:
    """This process's environment with the app's database and data directory set (and `extra`)."""
    return {**os.environ, "QCCONF_DATABASE_URL": url, "QCCONF_DATA_DIR": str(data_dir), **extra}


def qcconf(env: Mapping[str, str], *args: str) -> float:
    """Run `qcconf ARGS` in its own process; the seconds it took."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "event.cli", *args], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=600)  # fmt: skip
    return time.perf_counter() - start


def migrate_with_event(env: Mapping[str, str], quotas: Mapping[str, int]) -> None:
    """`qcconf migrate`, then one event (压测会议, 第40次) with these quotas per category code."""
    qcconf(env, "migrate")
    subprocess.run([sys.executable, "-c", SEED, json.dumps(quotas)], env=env, cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip


def on_both_backends(measure: Callable[[str, str], list[dict]], name: str) -> list[dict]:
    """`measure(backend, url)` on a new SQLite file, then, when PostgreSQL answers at
    127.0.0.1:5432 (QCCONF_TEST_POSTGRES, else DEFAULT_PG), on a new database dropped after."""
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure("SQLite", f"sqlite:///{tmp}/{name}.sqlite3")
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return rows
    base = os.environ.get("QCCONF_TEST_POSTGRES", DEFAULT_PG)
    url = asyncio.run(_create_postgres(base))
    try:
        rows += measure("PostgreSQL", url)
    finally:
        asyncio.run(_drop_postgres(base, url))
    return rows


async def _create_postgres(base: str) -> str:
    import asyncpg  # here, so that a measurement in a fresh process does not load it

    name = f"qcconf_bench_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(base)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return base.rsplit("/", 1)[0] + f"/{name}"


async def _drop_postgres(base: str, url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(base)
    await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    await conn.close()


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(
    env: Mapping[str, str],
    log: Path,
    app: str = "event.app:create_app",
    options: Sequence[str] = (),
) -> Iterator[int]:
    """uvicorn (one worker, no access log) serving the `app` factory on a free local port, its
    stderr in `log`: yields the port once it accepts connections; stops the process group after."""
    port = free_port()
    with open(log, "wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1", "--port", str(port),
             "--no-access-log", "--log-level", "warning", *options],
            cwd=ROOT, env=env, start_new_session=True, stderr=stderr,
        )  # fmt: skip
        try:
            _wait(port, log)
            yield port
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)


def _wait(port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start: " + log.read_text(errors="replace"))


def wrk(port: int, script: Path, lua: str) -> dict[str, Any]:
    """One wrk run of the Lua `request` code `lua` (written to `script`) against the port:
    requests, rate (req/s), non_2xx, socket_errors, p50_ms, p99_ms."""
    script.write_text(lua + WRK_REPORT, encoding="utf-8")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "-s", str(script),
         f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    match = re.search(r"RESULT (.*)", out)
    if not match:
        raise RuntimeError(f"wrk gave no result: {out}")
    req, status_err, sock_err, p50, p99, dur = map(int, match.group(1).split())
    return {"requests": req, "rate": req / (dur / 1e6), "non_2xx": status_err, "socket_errors": sock_err,
            "p50_ms": p50 / 1000, "p99_ms": p99 / 1000}  # fmt: skip


def in_fresh_process(module: str, function: str, *args: object) -> dict:
    """`benchmarks.<module>.<function>(*args)` run in a new Python process; the dict it returns."""
    call = f"{function}({', '.join(map(repr, args))})"
    code = f"import json; from benchmarks.{module} import {function}; print(json.dumps({call}))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def peak_rss_mb() -> int:
    """The larger peak RSS of this process and of its finished children, in MB."""
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return round(peak_kb / 1024)
