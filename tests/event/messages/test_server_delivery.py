"""On the embedded default the server sends the outbox itself: a registration's e-mail reaches
the SMTP server with no worker running."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from litestar.testing import AsyncTestClient

from event.app import create_app
from event.security import app_secret
from event.settings import Settings
from tests.factories import person, with_csrf_token


async def test_server_process_delivers_the_confirmation(
    db_url, event, smtp_sink, monkeypatch, tmp_path: Path
) -> None:
    sink, port = smtp_sink
    monkeypatch.setenv("QCCONF_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("QCCONF_DELIVERY", "inprocess")
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    async with AsyncTestClient(app=create_app(settings)) as client:  # runs the lifespan
        with_csrf_token(client, app_secret(settings))
        await client.post("/api/registrations", json=person(email="wang@example.cn"))
        deadline = time.monotonic() + 30
        while not sink.received and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
    assert [m["To"].addresses[0].addr_spec for m in sink.received] == ["wang@example.cn"]
