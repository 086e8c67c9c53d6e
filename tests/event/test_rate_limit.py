"""Public writes are limited per client address; reads and organisers' pages are not."""

from __future__ import annotations

from pathlib import Path

import httpx

from event.app import create_app
from event.current import EventInfo
from event.settings import Settings
from tests.factories import person


async def test_hammering_registration_is_slowed_with_429(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=db_url, data_dir=tmp_path, rate_limit=5))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        statuses = [
            (
                await client.post("/api/registrations", json=person(mobile=f"1370000{i:04d}"))
            ).status_code
            for i in range(7)
        ]
        assert statuses == [201] * 5 + [429] * 2
        limited = await client.post("/api/registrations", json=person(mobile="13900000000"))
        assert limited.json()["message"] == "请求过于频繁，请稍后再试"
        assert (await client.get("/register")).status_code == 200  # reading is never limited
