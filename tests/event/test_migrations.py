"""The migrations run forwards on an empty database of each kind and build every table."""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

import asyncpg
import pytest

from event.tables import ALL_TABLES
from tests.conftest import run_migrations

EXPECTED = {
    t._meta.tablename: {c._meta.db_column_name for c in t._meta.columns} for t in ALL_TABLES
}


def test_migrations_build_every_table_on_empty_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    run_migrations(f"sqlite:///{path}")
    run_migrations(f"sqlite:///{path}")  # a second run has nothing left to do
    with sqlite3.connect(path) as conn:
        for table, columns in EXPECTED.items():
            found = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
            assert found == columns, table
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.skipif(
    not os.environ.get("QCCONF_TEST_POSTGRES"), reason="QCCONF_TEST_POSTGRES not set"
)
async def test_migrations_build_every_table_on_empty_postgres() -> None:
    base = os.environ["QCCONF_TEST_POSTGRES"]
    name = f"qcconf_mig_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(base)
    await conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = base.rsplit("/", 1)[0] + f"/{name}"
        run_migrations(url)
        run_migrations(url)
        target = await asyncpg.connect(url)
        try:
            for table, columns in EXPECTED.items():
                rows = await target.fetch(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = $1",
                    table,
                )
                assert {r["column_name"] for r in rows} == columns, table
        finally:
            await target.close()
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()
