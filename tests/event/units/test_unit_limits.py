"""Limits on the unit sign-in: per client address (the login bucket), per contact (codes an hour)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from event.app import create_app
from event.current import EventInfo
from event.ratelimit import LOGIN_CAPACITY
from event.security import app_secret
from event.settings import Settings
from event.tables import UnitSignInCode
from event.units import contacts, signin
from tests.factories import UNIT, with_csrf_token


async def test_code_guesses_from_one_address_are_rate_limited(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    transport = httpx.ASGITransport(app=create_app(settings), client=("203.0.113.5", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        with_csrf_token(client, app_secret(settings))
        answers = await asyncio.gather(*(
            client.post("/unit/login/code", data={"contact": "13511112222", "code": f"{i:06d}"})
            for i in range(LOGIN_CAPACITY + 1)
        ))  # fmt: skip
    codes = sorted(a.status_code for a in answers)
    assert (codes.count(400), codes.count(429)) == (LOGIN_CAPACITY, 1)


async def test_at_most_five_codes_an_hour_go_to_one_contact(event: EventInfo) -> None:
    await contacts.create(
        event.id, {"organization": UNIT, "name": "孙联系", "mobile": "13511112222"}
    )
    for _ in range(signin.CODES_PER_HOUR + 2):
        await signin.request_code(event, "13511112222")
    assert await UnitSignInCode.count() == signin.CODES_PER_HOUR
