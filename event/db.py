"""The database engine: built from a URL, bound to the tables, one helper for write transactions.

SQLite needs WAL, a busy timeout and IMMEDIATE write transactions, or concurrent
read-then-write transactions fail with "database is locked". PostgreSQL needs a pool.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType


def engine_from_url(url: str) -> Engine:
    """`sqlite:///abs/path.sqlite3` or `postgresql://user:pw@host:port/db` → a Piccolo engine."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = Path(unquote(parts.path))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SQLiteEngine(path=str(path), timeout=30)
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


def write_transaction(engine: Engine):
    """A transaction that takes the write lock at once on SQLite (IMMEDIATE)."""
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


def bind(engine: Engine) -> None:
    """Point every table of the app at this engine."""
    from event.tables import ALL_TABLES

    for table in ALL_TABLES:
        table._meta.db = engine


async def open_pool(engine: Engine, size: int) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=2, max_size=size)


async def close_pool(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()
