"""Fixtures for the web application: an event in the database and a client for the app."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, async_playwright

from event.app import create_app
from event.current import EventInfo
from event.security import app_secret
from event.settings import Settings
from tests.factories import new_event, with_csrf_token


@pytest.fixture
async def event(db_url: str) -> EventInfo:
    return await new_event()


@pytest.fixture
async def client(db_url: str, event: EventInfo, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The app in this event loop, on the tables the `db_url` fixture bound (its lifespan,
    which would bind its own engine, is not run)."""
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as test_client:
        with_csrf_token(test_client, app_secret(settings))
        yield test_client


CHROMIUM = "/usr/bin/chromium"  # Debian's, driven by path: no browser download
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's chromium through Playwright, for the tests that need a real browser."""
    assert shutil.which(CHROMIUM), "chromium is installed by `make test` (scripts/system-deps.sh)"
    async with async_playwright() as p:
        launched = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        await launched.close()
