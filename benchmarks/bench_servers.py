"""Several app servers behind nginx on one PostgreSQL database.

Registrations per second through Debian's nginx in front of one and of two app servers (uvicorn,
one worker each) on the same PostgreSQL database, measured in alternating rounds of the same
sitting (`of_one` = two servers' rate over one server's, the median of the rounds); then the p99
and worst latency of `/programme/` through nginx while one of the two servers is restarted
(SIGTERM, start again) during the run. On a two-core machine the app servers, PostgreSQL, nginx
and wrk share the same two cores, so the second server adds little: the figure says so.

`busy_cores` is how many of the machine's cores were busy during the round (from /proc/stat,
every process counted). A round at `busy_cores` B and rate R costs B / R core-seconds a request,
so no number of servers can pass `ncores / B` × R on this machine: `most_of_one` is that bound
for the one-server round, the most a second server could add here whatever the code does.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.harness import (
    DEFAULT_PG,
    ROOT,
    _create_postgres,
    _drop_postgres,
    _wait,
    environment,
    free_port,
    migrate_with_event,
    served,
    wrk,
)
from tests.event.nginx import nginx

ROUNDS = 3
LUA = r"""
counter = 0
local next_id = 0
setup = function(thread) thread:set("tid", next_id); next_id = next_id + 1 end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"name":"压测代表%d","mobile":"13%02d%d%06d","organization":"压测单位%d","category":"observer"}',
    counter, SERIES, tid, counter, counter % 200)
  return wrk.format("POST", "/api/registrations", {["Content-Type"] = "application/json"}, body)
end
"""
PROGRAMME = 'request = function() return wrk.format("GET", "/programme/") end\n'


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _busy_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all cores so far, from the first line of /proc/stat."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _wrk_busy(port: int, script: Path, lua: str) -> dict:
    """One wrk run with the cores busy during it (`busy_cores`)."""
    busy0, total0 = _busy_jiffies()
    result = wrk(port, script, lua)
    busy1, total1 = _busy_jiffies()
    cores = os.cpu_count() or 1
    result["busy_cores"] = round(cores * (busy1 - busy0) / max(1, total1 - total0), 2)
    return result


def _measure(url: str, tmp: Path) -> list[dict]:
    env = environment(url, tmp, QCCONF_RATE_LIMIT="0", QCCONF_SECRET="bench")
    migrate_with_event(env, {})
    with (
        served(env, tmp / "a.log") as port_a,
        served(env, tmp / "b.log") as port_b,
        nginx([f"127.0.0.1:{port_a}"], tmp / "one") as one,
        nginx([f"127.0.0.1:{port_a}", f"127.0.0.1:{port_b}"], tmp / "two") as two,
    ):
        runs: dict[str, list[dict]] = {"one": [], "two": []}
        for round_ in range(ROUNDS):
            for i, (label, front) in enumerate((("one", one), ("two", two))):
                lua = f"SERIES = {round_ * 2 + i}\n" + LUA
                runs[label].append(_wrk_busy(_port(front), tmp / "post.lua", lua))
        ratios = sorted(
            t["rate"] / o["rate"] for o, t in zip(runs["one"], runs["two"], strict=True)
        )
        rows = [{"what": f"registrations through nginx, {n} app server{'s' if n == 2 else ''}",
                 **sorted(runs[label], key=lambda r: r["rate"])[ROUNDS // 2]}
                for n, label in ((1, "one"), (2, "two"))]  # fmt: skip
        rows[1]["of_one"] = ratios[len(ratios) // 2]
        rows[0]["most_of_one"] = round((os.cpu_count() or 1) / max(0.01, rows[0]["busy_cores"]), 2)
    rows.append(_restart_row(env, tmp))
    return rows


def _uvicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "event.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True, stderr=log.open("ab"),
    )  # fmt: skip
    _wait(port, log)
    return server


def _restart_row(env: dict[str, str], tmp: Path) -> dict:
    """/programme/ through nginx over two servers while the second is restarted mid-run: stopped
    with SIGTERM after a second, started again on its port (nginx sends its share to the first
    meanwhile)."""
    port = free_port()
    restarted: list[subprocess.Popen[bytes]] = [_uvicorn(env, port, tmp / "r.log")]

    def restart() -> None:
        time.sleep(1.0)
        os.killpg(restarted[0].pid, signal.SIGTERM)
        restarted[0].wait(timeout=15)
        restarted.append(_uvicorn(env, port, tmp / "r.log"))

    try:
        with (
            served(env, tmp / "c.log") as steady,
            nginx([f"127.0.0.1:{steady}", f"127.0.0.1:{port}"], tmp / "restart") as front,
        ):
            worker = threading.Thread(target=restart)
            worker.start()
            result = wrk(_port(front), tmp / "get.lua", PROGRAMME)
            worker.join()
    finally:
        for server in restarted:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=15)
    return {"what": "/programme/ through nginx while one of two servers restarts", **result}


def run() -> list[dict]:
    """Rows: the COLUMNS below."""
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return []
    base = os.environ.get("QCCONF_TEST_POSTGRES", DEFAULT_PG)
    url = asyncio.run(_create_postgres(base))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return _measure(url, Path(tmp))
    finally:
        asyncio.run(_drop_postgres(base, url))


COLUMNS = (
    "what", "rate", "p50_ms", "p99_ms", "non_2xx", "socket_errors", "busy_cores", "most_of_one",
    "of_one",
)  # fmt: skip
