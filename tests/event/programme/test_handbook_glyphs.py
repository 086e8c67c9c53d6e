"""A registration with a character no font has: the handbook and the badge run still print
everything else, organisers see the record listed, and the handbook is rendered once per
roster state however many ask."""

from __future__ import annotations

import asyncio

from httpx import AsyncClient

from badges.glyphs import installed_coverage
from event.current import EventInfo
from event.enums import Role
from event.programme.handbook import HandbookCache
from tests.badges.pdftools import page_texts
from tests.event.hostile import NO_FONT, mobile, sign_in

NAME = f"王{NO_FONT}明"


async def _register(client: AsyncClient, name: str, n: int, unit: str = "洛阳轴承厂") -> dict:
    body = {"name": name, "mobile": mobile(n), "organization": unit, "category": "observer"}
    response = await client.post("/api/registrations", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _cache(client: AsyncClient) -> HandbookCache:
    return client._transport.app.state.programme_cache.handbooks  # type: ignore[attr-defined]


def test_the_character_has_no_font() -> None:
    assert ord(NO_FONT) not in installed_coverage()


async def test_handbook_prints_the_others_when_a_name_has_no_font(
    client: AsyncClient, event: EventInfo
) -> None:
    await _register(client, NAME, 1)
    await _register(client, "李红", 2, "郑州机械研究所")
    response = await client.get("/programme/handbook.pdf")
    assert response.status_code == 200
    text = "".join(page_texts(response.content))
    assert ("李红" in text, "郑州机械研究所" in text, "王〓明" in text) == (True, True, True)


async def test_badge_run_prints_every_other_badge(client: AsyncClient, event: EventInfo) -> None:
    await _register(client, NAME, 1)
    await _register(client, "李红", 2)
    await _register(client, "赵强", 3)
    await sign_in(client, "zhang", Role.organiser)
    response = await client.get("/admin/badges.pdf?category=observer")
    assert response.status_code == 200
    pages = page_texts(response.content)
    assert (len(pages), any("李红" in p for p in pages), any("赵强" in p for p in pages)) == (
        2, True, True,
    )  # fmt: skip


async def test_organiser_pages_list_the_record_with_a_link_to_correct_it(
    client: AsyncClient, event: EventInfo
) -> None:
    reg = await _register(client, NAME, 1)
    await _register(client, "李红", 2)
    await sign_in(client, "zhang", Role.organiser)
    for page in ("/admin/badges", "/admin/publication"):
        response = await client.get(page)
        assert response.status_code == 200, page
        assert f'<a href="/admin/registrations/{reg["id"]}">{NAME}</a>' in response.text, page
        assert "姓名中的「🏭」（U+1F3ED）" in response.text, page
        assert response.text.count('href="/admin/registrations/') == 1, page


async def test_corrected_record_leaves_the_list(client: AsyncClient, event: EventInfo) -> None:
    reg = await _register(client, NAME, 1)
    fixed = await client.patch(f"/api/registrations/{reg['token']}", json={"name": "王明"})
    assert fixed.status_code == 200, fixed.text
    await sign_in(client, "zhang", Role.organiser)
    response = await client.get("/admin/badges")
    assert 'id="unprintable"' not in response.text


async def test_two_requests_after_a_roster_edit_render_once(
    client: AsyncClient, event: EventInfo
) -> None:
    reg = await _register(client, "李红", 1)
    assert (await client.get("/programme/handbook.pdf")).status_code == 200
    before = _cache(client).renders
    edited = await client.patch(f"/api/registrations/{reg['token']}", json={"name": "李红霞"})
    assert edited.status_code == 200, edited.text
    first, second = await asyncio.gather(
        client.get("/programme/handbook.pdf"), client.get("/programme/handbook.pdf")
    )
    assert (first.status_code, second.status_code) == (200, 200)
    assert (_cache(client).renders - before, first.content == second.content) == (1, True)
    assert "李红霞" in "".join(page_texts(first.content))


async def test_unchanged_roster_is_not_rendered_again(
    client: AsyncClient, event: EventInfo
) -> None:
    await _register(client, "李红", 1)
    await client.get("/programme/handbook.pdf")
    before = _cache(client).renders
    response = await client.get("/programme/handbook.pdf")
    assert (response.status_code, _cache(client).renders - before) == (200, 0)
