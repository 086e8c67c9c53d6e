"""The journey suite: each test is one person's task done only through the pages, on a live
server whose event was built by `qcconf demo --size small` in a temporary database.

`Person` opens pages for one person (a phone or a desk) and, after every page load, checks what
anyone would notice at once: raw JSON instead of a page, English or internal codes known to have
leaked before, a page wider than the screen, an error in the browser's console."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.async_api import Browser, ConsoleMessage, Page

from tests.event.conftest import browser  # noqa: F401  (the chromium fixture)
from tests.event.live import ROOT, live_server

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 768}
# Words and codes a person must never read on a page (each was seen leaking once).
LEAKS = ("Not Found", "Internal Server Error", "status_code", '"code"', "nomination", "Traceback",
         "None", "命令行", "qcconf", "undefined", "NaN")  # fmt: skip
LEAK_PATTERNS = (re.compile(r"\bP-\d{4}\b"), re.compile(r"\bD\d-(AM|PM|EV)\b"), re.compile(r"\[\]"))


@dataclass
class Site:
    base: str
    accounts: dict[str, str]  # user name → password, as `qcconf demo` printed them
    data_dir: Path


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with demo_site(tmp_path_factory.mktemp("journeys")) as built:
        yield built


@contextmanager
def demo_site(data: Path) -> Iterator[Site]:
    """`qcconf demo --size small` in a new database in `data`, served on a live server."""
    url = f"sqlite:///{data / 'demo.sqlite3'}"
    env = {**os.environ, "QCCONF_DATABASE_URL": url, "QCCONF_DATA_DIR": str(data)}
    built = subprocess.run([sys.executable, "-m", "event.cli", "demo", "--size", "small"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    lines = (data / "demo-accounts.txt").read_text(encoding="utf-8").splitlines()
    accounts = {line.split("\t")[0]: line.split("\t")[1] for line in lines if line}
    with live_server(url, data, extra_env={"QCCONF_RATE_LIMIT": "0"}) as base:
        yield Site(base, accounts, data)


@dataclass
class Person:
    """One person's browser tab."""

    page: Page
    width: int
    console: list[str] = field(default_factory=list)

    async def goto(self, url: str) -> None:
        await self.page.goto(url)
        await self.looks_right()

    async def click(self, selector: str) -> None:
        """Click something that loads a page (a link, a form's button) and check that page."""
        async with self.page.expect_navigation():
            await self.page.click(selector)
        await self.looks_right()

    async def text(self, selector: str = "main") -> str:
        return await self.page.locator(selector).inner_text()

    async def looks_right(self) -> None:
        """What every page load must satisfy."""
        page = self.page
        body = (await page.locator("body").inner_text()).strip()
        assert not body.startswith(("{", "[")), f"raw JSON on {page.url}: {body[:200]}"
        leaked = [w for w in LEAKS if w in body] + [
            m.group(0) for p in LEAK_PATTERNS for m in [p.search(body)] if m
        ]
        assert leaked == [], f"{page.url} shows {leaked}"
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= self.width, f"{page.url} is {width}px wide on a {self.width}px screen"
        assert self.console == [], f"console errors on {page.url}: {self.console}"


def _console_error(person: Person, message: ConsoleMessage) -> None:
    if message.type != "error":
        return
    # A page answered with 400 (a form with mistakes) logs its own status; that is the page.
    if message.text.startswith("Failed to load resource") and message.location.get("url") in (
        person.page.url,
        "",
    ):
        return
    person.console.append(message.text)


@pytest.fixture
async def people(browser: Browser) -> AsyncIterator:  # noqa: F811
    """`await people(PHONE)` opens a fresh browser (no cookies) for one person."""
    contexts = []

    async def open_one(viewport: dict[str, int]) -> Person:
        context = await browser.new_context(
            viewport=viewport, locale="zh-CN", accept_downloads=True
        )
        contexts.append(context)
        page = await context.new_page()
        person = Person(page, viewport["width"])
        page.on("console", lambda m: _console_error(person, m))
        page.on("pageerror", lambda e: person.console.append(str(e)))
        return person

    yield open_one
    for context in contexts:
        await context.close()


async def log_in(person: Person, site: Site, user: str, next_path: str) -> None:
    """Log in through the login form the way a person does, landing on `next_path`."""
    await person.goto(f"{site.base}{next_path}")
    await person.page.fill("#f-username", user)
    await person.page.fill("#f-password", site.accounts[user])
    await person.click("button[type=submit]")


async def solve_from_page(me: Person, site: Site) -> None:
    """Press 排程 on the schedule page and wait, as a person would, for the page that says the
    solve finished or failed: while it runs the page reloads itself every 2 s (showing nothing
    between two loads), so no loop of looks can end early however long a loaded machine takes."""
    await me.goto(f"{site.base}/admin/schedule")
    await me.click("form[action='/admin/schedule/solve'] button[type=submit]")
    outcome = me.page.locator(".solve p.notice, .solve p.banner")
    await outcome.wait_for(state="visible", timeout=300_000)
    await me.looks_right()
    assert "排程完成" in await me.text(".solve")
