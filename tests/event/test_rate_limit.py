"""Public writes are limited per client address; reads and organisers' pages are not."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from event.app import create_app
from event.current import EventInfo
from event.ratelimit import LOGIN_CAPACITY
from event.security import app_secret
from event.settings import Settings
from tests.factories import person, qc, with_csrf_token


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


def _client(app: object, address: str = "203.0.113.5") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_honest_burst_of_300_registrations_from_one_address_passes(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=db_url, data_dir=tmp_path))  # the default limits
    async with _client(app) as client:
        answers = await asyncio.gather(*(
            client.post("/api/registrations", json=person(mobile=f"1390000{i:04d}")) for i in range(300)
        ))  # fmt: skip
    assert sorted({a.status_code for a in answers}) == [201]


async def test_limit_counts_per_route_group(db_url: str, event: EventInfo, tmp_path: Path) -> None:
    app = create_app(Settings(database_url=db_url, data_dir=tmp_path, rate_limit=3))
    async with _client(app) as client:
        for i in range(4):
            await client.post("/api/registrations", json=person(mobile=f"1370000{i:04d}"))
        submission = await client.post("/api/submissions/qc", json=qc(presented=False))
        other = await _client(app, "203.0.113.6").post("/api/registrations", json=person())
    assert (submission.status_code, other.status_code) == (201, 201)


async def test_limited_browser_gets_a_chinese_page(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=db_url, data_dir=tmp_path, rate_limit=1))
    async with _client(app) as client:
        with_csrf_token(client, app_secret(Settings(database_url=db_url, data_dir=tmp_path)))
        await client.post("/register", data={"name": "王一"})
        page = await client.post(
            "/register", data={"name": "王二"}, headers={"accept": "text/html"}
        )
    assert (page.status_code, page.headers["content-type"].startswith("text/html"),
            "请求过于频繁" in page.text) == (429, True, True)  # fmt: skip


async def test_logins_from_one_address_are_rate_limited(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=db_url, data_dir=tmp_path))
    async with _client(app) as client:
        with_csrf_token(client, app_secret(Settings(database_url=db_url, data_dir=tmp_path)))
        answers = await asyncio.gather(*(
            client.post("/login", data={"username": f"u{i}", "password": "x"}) for i in range(LOGIN_CAPACITY + 1)
        ))  # fmt: skip
    codes = sorted(a.status_code for a in answers)
    assert (codes.count(401), codes.count(429)) == (LOGIN_CAPACITY, 1)
