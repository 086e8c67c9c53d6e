"""3×Q simultaneous registrations through the real server end with exactly Q accepted."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import httpx

from event.enums import AttendeeCategory, RegistrationStatus
from event.services.events import EventInfo, set_quota
from event.tables import Registration
from tests.event.live import live_server

QUOTA = 12


async def test_quota_holds_under_simultaneous_registrations(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    await set_quota(event.id, AttendeeCategory.frontline, QUOTA)
    bodies = [
        {
            "name": f"代表{i}",
            "mobile": f"1350000{i:04d}",
            "organization": f"并发测试单位{i % 5}",
            "category": "frontline",
        }
        for i in range(3 * QUOTA)
    ]
    with live_server(db_url, tmp_path) as base:
        limits = httpx.Limits(max_connections=3 * QUOTA)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
            responses = await asyncio.gather(
                *(client.post("/api/registrations", json=b) for b in bodies)
            )
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: QUOTA, 409: 2 * QUOTA}
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"quota_full"}
    assert all("locked" not in r.text for r in responses)
    active = await Registration.count().where(Registration.status == RegistrationStatus.active)
    assert active == QUOTA


async def test_same_mobile_simultaneously_registers_once(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    body = {
        "name": "王同时",
        "mobile": "13511112222",
        "organization": "并发测试单位",
        "category": "observer",
    }
    with live_server(db_url, tmp_path) as base:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            responses = await asyncio.gather(
                *(client.post("/api/registrations", json=body) for _ in range(10))
            )
    assert Counter(r.status_code for r in responses) == {201: 1, 409: 9}
    assert await Registration.count() == 1
