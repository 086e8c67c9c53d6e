"""The migrations run forwards on an empty database of each kind and build every table, and
fill in what they add for rows already there."""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from event.tables import ALL_TABLES
from tests.conftest import BACKENDS, ROOT, run_migrations

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


LAST_BEFORE_TOKEN_KEY = "2026-11-24T22:27:12:376751"
TOKENS = {"registration": ["r-first-0001", "r-second-0002"], "delegation": ["d-0001"],
          "submission": ["s-first-0001", "s-second-0002"]}  # fmt: skip


@pytest.fixture(params=BACKENDS)
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of each backend, made for one test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    base = os.environ["QCCONF_TEST_POSTGRES"]
    name = f"qcconf_mig_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(base)
    await conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


async def _sql(url: str, statements: list[str]) -> list[list[tuple]]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as lite:
            return [lite.execute(s).fetchall() for s in statements]
    conn = await asyncpg.connect(url)
    try:
        return [[tuple(r) for r in await conn.fetch(s)] for s in statements]
    finally:
        await conn.close()


async def test_token_keys_filled_in_for_rows_made_before_the_column(empty_url: str) -> None:
    env = {**os.environ, "QCCONF_DATABASE_URL": empty_url, "PICCOLO_CONF": "piccolo_conf"}
    subprocess.run([sys.executable, "-m", "piccolo.main", "migrations", "forwards", "event",
                    LAST_BEFORE_TOKEN_KEY], cwd=ROOT, env=env, check=True, capture_output=True)  # fmt: skip
    reg, dele, sub = TOKENS["registration"], TOKENS["delegation"], TOKENS["submission"]
    await _sql(empty_url, [
        "INSERT INTO event (id, name) VALUES (1, '测试会议')",
        "INSERT INTO organization (id, name) VALUES (1, '甲公司')",
        "INSERT INTO person (id, name, organization, mobile) VALUES (1, '张三', 1, '13800000001'), "
        "(2, '李四', 1, '13800000002')",
        f"INSERT INTO registration (event, person, category, token) VALUES (1, 1, 'observer', '{reg[0]}'), "
        f"(1, 2, 'observer', '{reg[1]}')",
        f"INSERT INTO delegation (event, organization, token) VALUES (1, 1, '{dele[0]}')",
        f"INSERT INTO submission (event, kind, organization, status, token) VALUES "
        f"(1, 'qc', 1, 'received', '{sub[0]}'), (1, 'qc', 1, 'received', '{sub[1]}')",
    ])  # fmt: skip
    run_migrations(empty_url)
    for table, tokens in TOKENS.items():
        [rows] = await _sql(empty_url, [f"SELECT token, token_key FROM {table} ORDER BY id"])
        assert rows == [(t, hashlib.sha256(t.encode()).hexdigest()) for t in tokens], table


LAST_BEFORE_PLENARY_ROOM = "2026-12-01T11:32:27:383572"


async def test_plenary_items_take_the_room_their_place_names_once(empty_url: str) -> None:
    env = {**os.environ, "QCCONF_DATABASE_URL": empty_url, "PICCOLO_CONF": "piccolo_conf"}
    subprocess.run([sys.executable, "-m", "piccolo.main", "migrations", "forwards", "event",
                    LAST_BEFORE_PLENARY_ROOM], cwd=ROOT, env=env, check=True, capture_output=True)  # fmt: skip
    kinds = "'[]'" if empty_url.startswith("sqlite") else "'{}'"  # an empty array literal
    await _sql(empty_url, [
        "INSERT INTO event (id, name) VALUES (1, '测试会议'), (2, '下一届')",
        f"INSERT INTO room (id, event, name, capacity, kinds) VALUES (1, 1, '主会场', 80, {kinds}), "
        f"(2, 1, '分会场', 80, {kinds}), (3, 1, '分会场', 80, {kinds}), (4, 2, '酒店大堂', 80, {kinds})",
        "INSERT INTO agenda_item (event, title, location, uid) VALUES (1, '开幕式', ' 主会场', 'a'), "
        "(1, '抽签', '分会场', 'b'), (1, '报到', '酒店大堂', 'c')",
    ])  # fmt: skip
    run_migrations(empty_url)
    [rows] = await _sql(empty_url, ["SELECT uid, room, location FROM agenda_item ORDER BY uid"])
    # one room of that name in the item's event: held there; two, or none: place stays text
    assert rows == [("a", 1, " 主会场"), ("b", None, "分会场"), ("c", None, "酒店大堂")]
