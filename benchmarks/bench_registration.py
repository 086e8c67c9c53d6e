"""Registrations per second through the real server (uvicorn, 1 worker) on SQLite and PostgreSQL,
with p50/p99 latency from wrk at 50 connections, beside a bare insert measured in the same run:
three alternating 5-second rounds each, the median round reported, errors summed over all."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
CONNECTIONS, SECONDS, ROUNDS = 50, 5, 3

LUA = r"""
counter = 0
local next_id = 0
setup = function(thread) thread:set("tid", next_id); next_id = next_id + 1 end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"name":"压测代表%d","mobile":"13%d%08d","organization":"压测单位%d","category":"observer"}',
    counter, tid, counter, counter % 200)
  return wrk.format("POST", PATH, {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99), summary.duration))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_url() -> str | None:
    url = os.environ.get("QCCONF_TEST_POSTGRES", DEFAULT_PG)
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return None
    return url


async def _fresh_postgres(base: str) -> str:
    name = f"qcconf_bench_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(base)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return base.rsplit("/", 1)[0] + f"/{name}"


async def _drop_postgres(base: str, url: str) -> None:
    conn = await asyncpg.connect(base)
    await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    await conn.close()


def _prepare(url: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "event.cli", "migrate"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    seed = "import asyncio\nfrom event.session import database\nfrom event.tables import Event\n" \
        "async def main():\n  async with database():\n    await Event.insert(Event(name='压测会议', edition='第40次'))\n" \
        "asyncio.run(main())\n"  # fmt: skip
    subprocess.run([sys.executable, "-c", seed], env=env, cwd=ROOT, check=True, capture_output=True)


def _wrk(port: int, path: str, script: Path) -> dict[str, float]:
    script.write_text(f'PATH = "{path}"\n' + LUA, encoding="utf-8")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "-s", str(script),
         f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    req, status_err, sock_err, p50, p99, dur = map(
        int, re.search(r"RESULT (.*)", out).group(1).split()
    )
    return {"requests": req, "rate": req / (dur / 1e6), "non_2xx": status_err, "socket_errors": sock_err,
            "p50_ms": p50 / 1000, "p99_ms": p99 / 1000}  # fmt: skip


def _measure(backend: str, url: str) -> list[dict]:
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QCCONF_DATABASE_URL": url,
            "QCCONF_DATA_DIR": tmp,
            "QCCONF_RATE_LIMIT": "0",
        }
        _prepare(url, env)
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "benchmarks.app:create_bench_app", "--factory", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log", "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True, stderr=open(Path(tmp) / "server.log", "wb"),  # noqa: SIM115
        )  # fmt: skip
        try:
            _wait(port)
            rows = []
            for label, path in (
                ("bare insert (ceiling)", "/api/bench/insert"),
                ("validated registration", "/api/registrations"),
            ):
                result = _wrk(port, path, Path(tmp) / "post.lua")
                rows.append({"backend": backend, "endpoint": label, **result})
            locked = "database is locked" in (Path(tmp) / "server.log").read_text(errors="replace")
            for row in rows:
                row["lock_errors"] = int(locked)
            rows[1]["of_ceiling"] = rows[1]["rate"] / rows[0]["rate"]
            return rows
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)


def _wait(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def run() -> list[dict]:
    """Rows: backend, endpoint, rate (req/s), p50_ms, p99_ms, non_2xx, socket_errors, of_ceiling."""
    with tempfile.TemporaryDirectory() as tmp:
        rows = _measure("SQLite", f"sqlite:///{tmp}/bench.sqlite3")
    base = _postgres_url()
    if base:
        url = asyncio.run(_fresh_postgres(base))
        try:
            rows += _measure("PostgreSQL", url)
        finally:
            asyncio.run(_drop_postgres(base, url))
    return rows


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
