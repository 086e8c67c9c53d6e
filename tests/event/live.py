"""Running the real server (`qcconf serve`) in a subprocess for tests that need it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path, seconds: float = 30) -> None:
    """Until the process accepts connections on the port; its log in the error if it dies."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    log.read_text(errors="replace") if log.exists() else ""
                ) from None
            time.sleep(0.05)


@contextmanager
def live_server(
    database_url: str, data_dir: Path, workers: int = 1, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve the app on 127.0.0.1 and yield its base URL; the process group is killed after."""
    with server_process(database_url, data_dir, workers, extra_env) as (_, url):
        yield url


@contextmanager
def server_process(
    database_url: str, data_dir: Path, workers: int = 1, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`qcconf serve` in its own process group: (the process, its base URL)."""
    port = free_port()
    env = {
        **os.environ,
        "QCCONF_DATABASE_URL": database_url,
        "QCCONF_DATA_DIR": str(data_dir),
        **(extra_env or {}),
    }
    cmd = [sys.executable, "-m", "event.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers)]  # fmt: skip
    data_dir.mkdir(parents=True, exist_ok=True)
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for_port(port, proc, data_dir / "server.log")
        yield proc, f"http://127.0.0.1:{port}"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
