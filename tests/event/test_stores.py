"""Stores in the database: on PostgreSQL, two servers with separate data folders share the
login sessions, the failed-login counts and the rate-limit counters."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from event.app import create_app
from event.enums import Role
from event.settings import Settings
from event.stores import DatabaseStore, purge_expired
from event.tables import StoreEntry
from tests.factories import PASSWORD, login, person, with_csrf_token

SECRET = "one secret for every server of the installation"


async def test_store_set_get_delete_by_namespace(db_url: str) -> None:
    sessions, counts = DatabaseStore().with_namespace("sessions"), DatabaseStore("counts")
    await sessions.set("k", "会话")
    await counts.set("k", b"5")
    assert (await sessions.get("k"), await counts.get("k")) == ("会话".encode(), b"5")
    await sessions.delete("k")
    assert (await sessions.get("k"), await sessions.exists("k"), await counts.exists("k")) == (
        None, False, True,
    )  # fmt: skip


async def test_store_expired_key_is_gone_and_purged(db_url: str) -> None:
    store = DatabaseStore("s")
    await store.set("old", b"x", expires_in=1)
    await store.set("kept", b"y", expires_in=3600)
    await asyncio.sleep(1.1)
    assert (await store.get("old"), await store.exists("old")) == (None, False)
    assert await purge_expired() == 1
    assert [r["key"] for r in await StoreEntry.select(StoreEntry.key)] == ["s/kept"]


async def test_store_renew_moves_the_expiry(db_url: str) -> None:
    store = DatabaseStore("s")
    await store.set("k", b"x", expires_in=10)
    await store.get("k", renew_for=3600)
    assert 3500 < (await store.expires_in("k") or 0) <= 3600


@pytest.fixture
async def two_servers(
    db_url: str, event: object, tmp_path: Path
) -> AsyncIterator[list[httpx.AsyncClient]]:
    """Two apps on one PostgreSQL database, each with a data folder of its own (two machines)."""
    if not db_url.startswith("postgres"):
        pytest.skip("stores are shared through the database on PostgreSQL only")
    clients = []
    for name in ("a", "b"):
        settings = Settings(
            database_url=db_url, data_dir=tmp_path / name, secret=SECRET, rate_limit=4
        )
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(settings)), base_url="http://testserver"
        )
        with_csrf_token(client, SECRET)
        clients.append(client)
    yield clients
    for client in clients:
        await client.aclose()


async def test_login_through_one_server_continues_through_the_other(
    two_servers: list[httpx.AsyncClient],
) -> None:
    first, second = two_servers
    await login(first, "zhang", Role.organiser)
    second.cookies.update(first.cookies)
    assert (await second.get("/api/admin/registrations")).status_code == 200


async def test_wrong_passwords_spread_over_two_servers_lock_the_account(
    two_servers: list[httpx.AsyncClient],
) -> None:
    from event.admin.accounts import add_account

    await add_account("wang", PASSWORD, Role.organiser)
    for i in range(5):
        wrong = await two_servers[i % 2].post("/login", data={"username": "wang", "password": "x"})
        assert wrong.status_code == 401
    for client in two_servers:
        right = await client.post("/login", data={"username": "wang", "password": PASSWORD})
        assert right.status_code == 429


async def test_rate_limit_spread_over_two_servers_holds(
    two_servers: list[httpx.AsyncClient],
) -> None:
    answers = []
    for i in range(6):
        body = person(mobile=f"1380013{i:04d}")
        answers.append((await two_servers[i % 2].post("/api/registrations", json=body)).status_code)
    assert answers == [201, 201, 201, 201, 429, 429]
