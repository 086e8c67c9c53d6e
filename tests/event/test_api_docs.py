"""The API documentation pages load everything from this server: no CDN, no inline script."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from httpx import AsyncClient
from playwright.async_api import Browser

from event.current import EventInfo
from tests.event.live import live_server


class _Refs(HTMLParser):
    """Every URL a page loads (script src, link href, img src) and its inline script bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("src", "href"):
            if tag in ("script", "link", "img", "iframe") and found.get(name):
                self.urls.append(found[name] or "")
        self._in_script = tag == "script" and not found.get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.mark.parametrize("page", ["/schema", "/schema/swagger"])
async def test_docs_page_loads_only_local_files(client: AsyncClient, page: str) -> None:
    response = await client.get(page)
    assert response.status_code == 200
    refs = _Refs()
    refs.feed(response.text)
    assert [u for u in refs.urls if not u.startswith("/") or u.startswith("//")] == []
    assert refs.inline == []
    assert len(refs.urls) == 5  # icon, css, bundle, preset, starter
    for url in refs.urls:
        assert (await client.get(url)).status_code == 200, url


async def test_docs_page_csp_allows_scripts_from_self_only(client: AsyncClient) -> None:
    csp = (await client.get("/schema")).headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("page", ["/schema/redoc", "/schema/elements", "/schema/rapidoc"])
async def test_cdn_viewers_are_not_offered(client: AsyncClient, page: str) -> None:
    assert (await client.get(page)).status_code == 404


async def test_openapi_document_is_still_served(client: AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")
    assert (response.status_code, response.json()["openapi"][:2]) == (200, "3.")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_swagger_ui_runs_in_a_browser_under_the_csp_without_the_network(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page()
        outside: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        await page.goto(f"{base}/schema")
        await page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
        title = await page.locator(".swagger-ui .info .title").inner_text()
        assert (title.startswith("qcconf"), outside, errors) == (True, [], [])
