"""3×Q simultaneous registrations through the real server end with exactly Q accepted."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import asyncpg
import httpx
import msgspec
import pytest

from event.current import EventInfo, current_event, set_quota
from event.enums import AttendeeCategory, RegistrationStatus
from event.errors import Conflict
from event.registration import roster
from event.registration import service as registrations
from event.registration.schemas import RegistrationCreate
from event.registration.sql import QUOTA_LOCK, quota_lock_key
from event.tables import Registration
from tests.event.live import live_server
from tests.factories import person

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


async def test_quota_count_sees_what_the_previous_lock_holder_committed(
    db_url: str, event: EventInfo
) -> None:
    """The quota is counted after the category's lock is granted, in a fresh snapshot: what the
    lock's previous holder committed while this registration waited counts."""
    if not db_url.startswith("postgres"):
        pytest.skip("PostgreSQL's snapshots; SQLite writes one transaction at a time")
    await set_quota(event.id, AttendeeCategory.frontline, 2)
    info = await current_event()

    def new(mobile: str) -> RegistrationCreate:
        return msgspec.convert(person(mobile=mobile, category="frontline"), RegistrationCreate)

    await registrations.register(info, new("13600000001"))
    back = await registrations.register(info, new("13600000002"))
    await roster.cancel(back.token)  # one of two places taken
    row = await Registration.select(Registration.person).where(Registration.id == back.id).first()
    other = await asyncpg.connect(db_url)
    try:
        async with other.transaction():  # an organiser reinstating `back`, holding the lock
            await other.execute(QUOTA_LOCK, *quota_lock_key(event.id, "frontline"))
            await other.execute(
                "UPDATE registration SET status = 'active', active_key = $1 WHERE id = $2",
                f"{event.id}:{row['person']}", back.id,
            )  # fmt: skip
            waiting = asyncio.create_task(registrations.register(info, new("13600000003")))
            await asyncio.sleep(0.5)
            assert not waiting.done()  # it waits for the lock
        with pytest.raises(Conflict) as refused:
            await waiting
    finally:
        await other.close()
    assert refused.value.code == "quota_full"
    assert await Registration.count().where(Registration.status == "active") == 2
