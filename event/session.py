"""A database session for commands outside the web server (CLI, demo, benchmarks)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from event.db import bind, close_pool, engine_from_url, open_pool
from event.settings import load_settings


@asynccontextmanager
async def database(url: str | None = None) -> AsyncIterator[None]:
    """Bind the tables to the configured database (or `url`) for the duration."""
    engine = engine_from_url(url or load_settings().database_url)
    bind(engine)
    await open_pool(engine, 5)
    try:
        yield
    finally:
        await close_pool(engine)
