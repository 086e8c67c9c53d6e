"""Test databases: SQLite always, PostgreSQL when QCCONF_TEST_POSTGRES is set.

Each database is built by running the real migrations (`qcconf migrate` in a subprocess), so
every test run tests the migrations too. PostgreSQL databases are created here and dropped after.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from event.db import bind, close_pool, engine_from_url, open_pool
from event.tables import ALL_TABLES

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("QCCONF_TEST_POSTGRES") else [])


def run_migrations(url: str) -> None:
    env = {**os.environ, "QCCONF_DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "-m", "event.cli", "migrate"], cwd=ROOT, env=env, check=True,
        capture_output=True, timeout=120,
    )  # fmt: skip


def _pg_admin_url(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


async def _pg_exec(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
async def database_urls(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[dict[str, str]]:
    """One migrated database per backend for the whole run."""
    urls = {"sqlite": f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"}
    pg_name = None
    if "postgres" in BACKENDS:
        base = os.environ["QCCONF_TEST_POSTGRES"]
        pg_name = f"qcconf_test_{os.getpid()}_{secrets.token_hex(3)}"
        await _pg_exec(base, f'CREATE DATABASE "{pg_name}"')
        urls["postgres"] = _pg_admin_url(base, pg_name)
    for url in urls.values():
        run_migrations(url)
    yield urls
    if pg_name:
        await _pg_exec(
            os.environ["QCCONF_TEST_POSTGRES"], f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'
        )


@pytest.fixture(params=BACKENDS)
async def db_url(
    request: pytest.FixtureRequest, database_urls: dict[str, str]
) -> AsyncIterator[str]:
    """A migrated, emptied database of each backend, bound to the tables."""
    url = database_urls[request.param]
    engine = engine_from_url(url)
    bind(engine)
    await open_pool(engine, 5)
    for table in reversed(ALL_TABLES):
        await table.delete(force=True)
    yield url
    await close_pool(engine)


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
