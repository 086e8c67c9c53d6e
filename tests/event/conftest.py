"""Fixtures for the web application: an event in the database and a client for the app."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from litestar.middleware.csrf import generate_csrf_token
from playwright.async_api import Browser, async_playwright

from event.app import create_app
from event.security import CSRF_COOKIE, CSRF_HEADER, app_secret
from event.services.events import EventInfo, current_event
from event.settings import Settings
from event.tables import Event

EVENT_NAME = "第40次全国机械工业质量管理小组、质量信得过班组、质量品牌故事演讲交流活动"


@pytest.fixture
async def event(db_url: str) -> EventInfo:
    await Event.insert(
        Event(
            name=EVENT_NAME, edition="第40次", notice_number="中机质协[2021]08号",
            organisers="中国机械工业质量管理协会", material_deadline=date.today() + timedelta(days=30),
        )
    )  # fmt: skip
    return await current_event()


@pytest.fixture
async def client(db_url: str, event: EventInfo, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The app in this event loop, on the tables the `db_url` fixture bound (its lifespan,
    which would bind its own engine, is not run)."""
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as test_client:
        with_csrf_token(test_client, app_secret(settings))
        yield test_client


def with_csrf_token(client: httpx.AsyncClient, secret: str) -> None:
    """Give the client a CSRF cookie and send it back as the X-CSRFToken header on every
    unsafe request, as a page's hidden field would (tests/event/test_access.py checks that a
    request without it is refused; the browser tests use the real hidden field)."""
    client.cookies.set(CSRF_COOKIE, generate_csrf_token(secret))

    async def add_header(request: httpx.Request) -> None:
        token = client.cookies.get(CSRF_COOKIE)
        if request.method not in {"GET", "HEAD", "OPTIONS"} and token:
            request.headers.setdefault(CSRF_HEADER, token)

    client.event_hooks["request"].append(add_header)


def person(**overrides: object) -> dict[str, object]:
    """A valid registration body; override any key."""
    body: dict[str, object] = {
        "name": "王小明", "mobile": "13800138000", "organization": "某某重型机械股份有限公司",
        "category": "observer",
    }  # fmt: skip
    return body | overrides


CHROMIUM = "/usr/bin/chromium"  # Debian's, driven by path: no browser download
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
PHONE = {"width": 390, "height": 844}


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's chromium through Playwright, for the tests that need a real browser."""
    assert shutil.which(CHROMIUM), "chromium is installed by `make test` (scripts/system-deps.sh)"
    async with async_playwright() as p:
        launched = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        await launched.close()
