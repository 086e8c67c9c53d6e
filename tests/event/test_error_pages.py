"""Errors seen in a browser are Chinese pages with a way back; programs under /api keep JSON."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from httpx import AsyncClient
from litestar import get

from event.app import create_app
from event.current import EventInfo
from event.enums import Role
from event.security import app_secret
from event.settings import Settings
from tests.factories import login, with_csrf_token

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def assert_page(response: httpx.Response, status: int, heading: str) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f"<h1>{heading}</h1>" in response.text
    assert 'href="/"' in response.text  # a way back
    assert '"code"' not in response.text and "Not Found" not in response.text


@pytest.mark.parametrize(
    "path", ["/no-such-page", "/r/abc", "/programme/rooms/99", "/programme/categories/bogus/x"]
)
async def test_unknown_page_or_link_is_a_chinese_404_page(client: AsyncClient, path: str) -> None:
    assert_page(await client.get(path, headers=HTML), 404, "页面不存在")


async def test_api_keeps_json_for_a_browser_too(client: AsyncClient) -> None:
    response = await client.get("/api/registrations/abc", headers=HTML)
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


async def test_bad_query_value_is_a_400_page_naming_the_problem(client: AsyncClient) -> None:
    await login(client, "zhang", Role.organiser)
    response = await client.get("/admin/registrations?page=abc", headers=HTML)
    assert_page(response, 400, "请求有误")


async def test_staff_on_an_organiser_page_see_no_permission(client: AsyncClient) -> None:
    await login(client, "desk1", Role.staff)
    response = await client.get("/admin/settings", headers=HTML)
    assert_page(response, 403, "无权限")
    assert 'href="/desk"' in response.text


async def test_form_without_its_csrf_field_is_a_403_page(client: AsyncClient) -> None:
    client.cookies.delete("csrftoken")
    response = await client.post("/register", data={"name": "王小明"}, headers=HTML)
    assert_page(response, 403, "表单已失效")


async def test_too_large_upload_is_a_413_page(client: AsyncClient) -> None:
    body = b"0" * (26 * 1024 * 1024)
    response = await client.post(
        "/s/abc/files", files={"file": ("big.pdf", body, "application/pdf")}, headers=HTML
    )
    assert_page(response, 413, "文件过大")


async def test_too_many_writes_is_a_429_page(db_url: str, event: EventInfo, tmp_path: Path) -> None:
    settings = Settings(database_url=db_url, data_dir=tmp_path, rate_limit=1)
    transport = httpx.ASGITransport(app=create_app(settings))
    async with AsyncClient(transport=transport, base_url="http://testserver") as limited:
        with_csrf_token(limited, app_secret(settings))
        await limited.post("/register", data={}, headers=HTML)
        assert_page(await limited.post("/register", data={}, headers=HTML), 429, "请求过于频繁")


async def test_a_bug_is_a_500_page_without_a_trace(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    @get("/boom", sync_to_thread=False)
    def boom() -> None:
        raise RuntimeError("secret detail")

    app = create_app(Settings(database_url=db_url, data_dir=tmp_path))
    app.register(boom)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as plain:
        response = await plain.get("/boom", headers=HTML)
    assert_page(response, 500, "服务器出错了")
    assert "secret detail" not in response.text
