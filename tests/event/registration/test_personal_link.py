"""After registering, the personal link is shown whole (to copy), as a QR code, and with the
way to get it back; the unit contact gets whole links too."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from httpx import AsyncClient

from event.app import create_app
from event.current import EventInfo
from event.security import app_secret
from event.settings import Settings
from tests.factories import delegation, person, with_csrf_token


async def test_new_registration_shows_the_absolute_link_its_qr_and_how_to_recover(
    client: AsyncClient,
) -> None:
    form = {k: str(v) for k, v in person().items()}
    response = await client.post("/register", data=form)
    page = await client.get(response.headers["location"])
    token = response.headers["location"].split("/r/")[1].split("?")[0]
    assert f'value="http://testserver/r/{token}"' in page.text
    assert 'data-copy="personal-link"' in page.text
    assert "<title>个人链接二维码</title>" in page.text
    assert 'href="/recover"' in page.text


async def test_delegation_done_page_shows_absolute_links(client: AsyncClient) -> None:
    body = delegation()
    form = {k: v for k, v in body.items() if k != "members"}
    form |= {f"members[0].{k}": v for k, v in body["members"][0].items()}
    page = await client.post("/register/delegation", data=form)
    assert page.status_code == 200, page.text
    assert re.search(r'value="http://testserver/d/[\w-]+"', page.text)
    assert re.search(r">http://testserver/r/[\w-]+</a></td>", page.text)


async def test_the_public_address_is_used_when_configured(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    settings = Settings(database_url=db_url, data_dir=tmp_path, public_url="https://qc.example.cn")
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://10.0.0.5:8000") as c:
        with_csrf_token(c, app_secret(settings))
        response = await c.post("/register", data={k: str(v) for k, v in person().items()})
        page = await c.get(response.headers["location"])
    assert 'value="https://qc.example.cn/r/' in page.text
