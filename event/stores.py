"""Litestar stores kept in the database, so that several servers share them.

On PostgreSQL the login sessions, the failed-login counts and the rate-limit counters live in the
`store_entry` table: a request may go to any server behind the load balancer and find the same
session, the same count and the same limit. On SQLite (one machine) the stores stay the files
and memory they were. Expired keys are not returned and are purged by `purge_expired`, which the
server calls every few minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from litestar import Litestar
from litestar.stores.base import NamespacedStore, Store
from litestar.stores.file import FileStore
from piccolo.columns.combination import Or

from event.settings import Settings
from event.tables import StoreEntry as E

PURGE_EVERY = 300  # seconds between purges of expired keys
NAMES = ("sessions", "login_attempts", "rate_limit")


def _expiry(expires_in: int | timedelta | None) -> datetime | None:
    if expires_in is None:
        return None
    seconds = expires_in.total_seconds() if isinstance(expires_in, timedelta) else expires_in
    return datetime.now(UTC) + timedelta(seconds=seconds)


class DatabaseStore(NamespacedStore):
    """A Litestar store on the `store_entry` table; `namespace` keeps stores apart."""

    def __init__(self, namespace: str = "") -> None:
        self.namespace = namespace

    def with_namespace(self, namespace: str) -> DatabaseStore:
        return DatabaseStore(f"{self.namespace}/{namespace}" if self.namespace else namespace)

    def _key(self, key: str) -> str:
        return f"{self.namespace}/{key}"[:400]

    @staticmethod
    def _live() -> Or:
        return E.expires_at.is_null() | (E.expires_at > datetime.now(UTC))

    async def set(
        self, key: str, value: str | bytes, expires_in: int | timedelta | None = None
    ) -> None:
        data = value.encode() if isinstance(value, str) else value
        await E.insert(
            E(key=self._key(key), value=data, expires_at=_expiry(expires_in))
        ).on_conflict(target=E.key, action="DO UPDATE", values=[E.value, E.expires_at])

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        row = (
            await E.select(E.value, E.expires_at)
            .where((E.key == self._key(key)) & self._live())
            .first()
        )
        if row is None:
            return None
        if renew_for and row["expires_at"] is not None:
            await E.update({E.expires_at: _expiry(renew_for)}).where(E.key == self._key(key))
        return bytes(row["value"])

    async def delete(self, key: str) -> None:
        await E.delete().where(E.key == self._key(key))

    async def delete_all(self) -> None:
        await E.delete().where(E.key.like(f"{self.namespace}/%"))

    async def exists(self, key: str) -> bool:
        return await E.exists().where((E.key == self._key(key)) & self._live())

    async def expires_in(self, key: str) -> int | None:
        row = await E.select(E.expires_at).where(E.key == self._key(key)).first()
        if row is None or row["expires_at"] is None:
            return None
        return max(0, int((row["expires_at"] - datetime.now(UTC)).total_seconds()))


async def purge_expired() -> int:
    """Delete every expired key of every namespace; returns how many."""
    gone = await E.delete().where(E.expires_at < datetime.now(UTC)).returning(E.id)
    return len(gone)


def app_stores(settings: Settings) -> dict[str, Store]:
    """The application's stores: in the database on PostgreSQL (shared by every server), files
    shared by this machine's worker processes on SQLite (the rate limit then counts in memory)."""
    if settings.database_url.startswith("postgres"):
        shared = DatabaseStore()
        return {name: shared.with_namespace(name) for name in NAMES}
    return {
        name: FileStore(settings.data_dir / name, create_directories=True)
        for name in ("sessions", "login_attempts")
    }


@asynccontextmanager
async def purging(app: Litestar) -> AsyncIterator[None]:
    """Lifespan: purge expired keys every few minutes when the stores are in the database."""
    if not isinstance(app.stores.get("sessions"), DatabaseStore):
        yield
        return

    async def loop() -> None:
        while True:
            await asyncio.sleep(PURGE_EVERY)
            with contextlib.suppress(Exception):  # a failed purge is retried next time
                await purge_expired()

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
