"""Debian's nginx in front of several app servers, on loopback, for the tests and the bench."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.event.live import free_port, wait_for_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """
{user}
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    client_max_body_size 25m;
    client_body_buffer_size 1m;
    upstream qcconf {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://qcconf;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_next_upstream error timeout http_502;
        }}
    }}
}}
"""


def config(upstreams: list[str], port: int, directory: Path) -> str:
    """The configuration: round robin over the app servers (README shows the same)."""
    servers = "\n".join(
        f"        server {u.removeprefix('http://')} max_fails=1 fail_timeout=5s;"
        for u in upstreams
    )
    # As root, workers would run as nobody and could not write their temporary files here.
    user = "user root;" if os.geteuid() == 0 else ""
    return CONFIG.format(user=user, dir=directory, servers=servers, port=port)


@contextmanager
def nginx(upstreams: list[str], directory: Path) -> Iterator[str]:
    """Run nginx in the foreground with its own configuration; yield its base URL."""
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = directory / "nginx.conf"
    conf.write_text(config(upstreams, port, directory))
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(directory), "-g", "daemon off;"])
    try:
        wait_for_port(port, proc, directory / "error.log", seconds=10)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
