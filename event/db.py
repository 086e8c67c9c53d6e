"""The database engine: built from a URL, bound to the tables, one helper for write transactions,
and two typed wrappers for Piccolo idioms whose annotations are narrower than what Piccolo takes.

SQLite needs WAL, a busy timeout and IMMEDIATE write transactions, or concurrent
read-then-write transactions fail with "database is locked". PostgreSQL needs a pool.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

import aiosqlite
from piccolo.columns import Column
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory
from piccolo.query.methods.select import First


class QcSQLiteEngine(SQLiteEngine):
    """SQLite tuned for a web server. Piccolo opens a connection per query or transaction; when
    the last connection to a WAL file closes, SQLite checkpoints and fsyncs, which made every
    write cost ~15 ms. A keeper connection held open while serving avoids that, and
    synchronous=NORMAL (safe in WAL mode against application crashes) skips the fsync per
    commit. A write transaction then costs ~2 ms."""

    _keeper: sqlite3.Connection | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writers: dict[int, Any] = {}  # event loop → the connection write transactions reuse

    async def writer_connection(self) -> Any:
        """One connection per event loop for write transactions (they run one at a time, see
        write_transaction): opening a connection per transaction costs a thread and ~1 ms."""
        key = id(asyncio.get_running_loop())
        if key not in self._writers:
            pending = aiosqlite.connect(**self.connection_kwargs)
            thread = getattr(pending, "_thread", None)
            if thread is not None:  # a forgotten close must never keep a process alive at exit
                thread.daemon = True
            connection = await pending
            # aiosqlite annotates row_factory as a type; sqlite3 takes any (cursor, row) callable
            connection.row_factory = cast(type, dict_factory)
            await connection.execute("PRAGMA foreign_keys = 1")
            await connection.execute("PRAGMA synchronous = NORMAL")
            self._writers[key] = connection
        return self._writers[key]

    async def close_writers(self) -> None:
        writers, self._writers = self._writers, {}
        for connection in writers.values():
            await connection.close()

    async def get_connection(self):  # type: ignore[override]
        connection = await super().get_connection()
        await connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    async def _run_in_existing_connection(
        self, connection, query, args=None, query_type="generic", table=None
    ):  # type: ignore[no-untyped-def]
        """As Piccolo's, without re-sending `PRAGMA foreign_keys = 1` before every statement of a
        transaction: get_connection already set it, and inside a transaction it is a no-op
        anyway (SQLite docs). Halves the round trips to SQLite's thread in a transaction."""
        async with connection.execute(query, args or []) as cursor:
            return await cursor.fetchall()

    def keep_open(self) -> None:
        if self._keeper is None:
            self._keeper = sqlite3.connect(
                self.connection_kwargs["database"], check_same_thread=False
            )
            self._keeper.execute("PRAGMA journal_mode").fetchone()

    def release(self) -> None:
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None


class _KeptOpen:
    """The writer connection lent to one transaction; its close() leaves it open for the next."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    async def close(self) -> None:
        return None


class _WriterTransaction(SQLiteTransaction):
    async def get_connection(self) -> Any:  # type: ignore[override]
        engine = self.engine
        assert isinstance(engine, QcSQLiteEngine)  # write_transaction makes these for it only
        return _KeptOpen(await engine.writer_connection())


def engine_from_url(url: str) -> Engine:
    """`sqlite:///abs/path.sqlite3` or `postgresql://user:pw@host:port/db` → a Piccolo engine."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = Path(unquote(parts.path))
        path.parent.mkdir(parents=True, exist_ok=True)
        return QcSQLiteEngine(path=str(path), timeout=30)
    if parts.scheme in {"postgres", "postgresql"}:
        return PostgresEngine(
            config={
                "host": parts.hostname or "127.0.0.1",
                "port": parts.port or 5432,
                "user": unquote(parts.username or "postgres"),
                "password": unquote(parts.password or ""),
                "database": parts.path.lstrip("/") or "postgres",
            }
        )
    raise ValueError(f"unsupported database URL scheme: {parts.scheme!r}")


def enable_wal(engine: Engine) -> None:
    """Switch a SQLite file to WAL once; the mode is stored in the file."""
    if isinstance(engine, SQLiteEngine):
        with sqlite3.connect(engine.connection_kwargs["database"]) as conn:
            conn.execute("PRAGMA journal_mode=WAL")


_WRITE_LOCKS: dict[tuple[str, int], asyncio.Lock] = {}  # (SQLite file, event loop) → lock


@asynccontextmanager
async def write_transaction(engine: Engine) -> AsyncIterator[None]:
    """A write transaction. On SQLite it takes the write lock at once (IMMEDIATE), and writers
    of this process queue on an asyncio lock first: SQLite allows one writer anyway, and its
    busy handler's sleeps would otherwise make the wait long and unfair under a burst."""
    if not isinstance(engine, SQLiteEngine):
        async with engine.transaction():
            yield
        return
    key = (engine.connection_kwargs["database"], id(asyncio.get_running_loop()))
    lock = _WRITE_LOCKS.setdefault(key, asyncio.Lock())
    transaction = (
        _WriterTransaction(engine, TransactionType.immediate)
        if isinstance(engine, QcSQLiteEngine)
        else engine.transaction(transaction_type=TransactionType.immediate)
    )
    async with lock, transaction:
        yield


@asynccontextmanager
async def pg_connection(engine: PostgresEngine) -> AsyncIterator[Any]:
    """An asyncpg connection: the current transaction's, the pool's, or a new one where no pool
    was started (commands, tests)."""
    transaction = engine.current_transaction.get()
    if transaction is not None:
        yield transaction.connection
    elif engine.pool is not None:
        async with engine.pool.acquire() as connection:
            yield connection
    else:
        connection = await engine.get_new_connection()
        try:
            yield connection
        finally:
            await connection.close()


def bind(engine: Engine) -> None:
    """Point every table of the app at this engine."""
    from event.tables import ALL_TABLES

    for table in ALL_TABLES:
        table._meta.db = engine


async def open_pool(engine: Engine, size: int) -> None:
    """PostgreSQL: a connection pool. SQLite: the keeper connection."""
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=2, max_size=size)
    elif isinstance(engine, QcSQLiteEngine):
        engine.keep_open()


async def close_pool(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()
    elif isinstance(engine, QcSQLiteEngine):
        await engine.close_writers()
        engine.release()


def by_name(values: Mapping[str, Any]) -> dict[Column | str, Any]:
    """Column values keyed by column name, for `Table.update()`: Piccolo takes names, but
    annotates the dict as `dict[Column | str, Any]`, which a `dict[str, Any]` (invariant) is not."""
    return dict(values.items())


async def existing_row(query: First) -> dict[str, Any]:
    """The row of a `.first()` query that cannot come back empty (a row this request has just
    read or written): Piccolo types every `.first()` as optional."""
    row = await query
    if row is None:
        raise LookupError("a row read back in the same request is gone")
    return row
