"""The public programme pages: by day, per room, per category, per presentation, 我的日程."""

from __future__ import annotations

import re
from io import BytesIO

from httpx import AsyncClient
from pypdf import PdfReader

from event.current import EventInfo
from event.programme import agenda_items, publication
from tests.event.programme.programme_data import FIRST, SECOND, World, build, store_draft
from tests.factories import plenary


async def _world(event: EventInfo, *versions: dict) -> World:
    world = await build(event)
    for placements in versions:
        await store_draft(world, placements)
        await publication.publish(event.id)
    await agenda_items.add(event.id, plenary({
        "title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30",
        "location": "主会场", "host": "协会领导"}))  # fmt: skip
    return world


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


async def test_programme_by_day_lists_plenary_and_sessions(
    client: AsyncClient, event: EventInfo
) -> None:
    await _world(event, FIRST)
    page = await client.get("/programme/")
    assert page.status_code == 200
    text = _text(page.text)
    assert "8月18日 （星期三）" in text
    assert "8月18日 08:30–09:30 开幕式 主会场 主持人： 协会领导" in text
    assert "8月18日 09:45–12:00 QC小组成果发表 第一分会场" in text
    assert "第1版" in text and "webcal://testserver/programme/calendar.ics" in page.text


async def test_room_running_order_numbers_and_escapes_titles(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _world(event, FIRST)
    page = await client.get(f"/programme/rooms/{world.rooms['第一分会场']}")
    assert page.status_code == 200
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in page.text and "<b>&</b>" not in page.text
    numbers = re.findall(r'<span class="no">(\S+)</span>', page.text)
    assert numbers == ["1", "2", "3"]
    assert "8月18日（星期三） 09:45–10:39" in page.text
    # the 课题 as the title, the group beside it once (the stored title names both)
    assert "缩短齿轮加工周期" in page.text and "攻关2组 · 缩短齿轮加工周期" not in page.text
    assert page.text.count("攻关2组") == 1


async def test_room_running_order_marks_cancelled_without_number(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _world(event, FIRST, SECOND)
    page = await client.get(f"/programme/rooms/{world.rooms['第一分会场']}")
    assert re.findall(r'<span class="no">(\S+)</span>', page.text) == ["1", "—"]
    assert "已取消" in page.text


async def test_category_page_lists_presentations_with_rooms(
    client: AsyncClient, event: EventInfo
) -> None:
    await _world(event, FIRST)
    page = await client.get("/programme/categories/qc/%E7%8E%B0%E5%9C%BA%E5%9E%8B")
    assert page.status_code == 200
    assert "QC小组·现场型" in page.text and page.text.count('<li class="talk') == 3
    missing = await client.get("/programme/categories/qc/nothing")
    assert missing.status_code == 404


async def test_presentation_page_shows_time_room_and_presenter(
    client: AsyncClient, event: EventInfo
) -> None:
    await _world(event, FIRST)
    page = await client.get("/programme/p/QC-0002")
    text = _text(page.text)
    assert "缩短齿轮加工周期" in text
    assert "发表人 李娜" in text and "时间 2021年8月18日 10:03–10:21" in text
    assert "会场 第一分会场" in text and "QC小组 攻关2组" in text
    assert (await client.get("/programme/p/QC-9999")).status_code == 404


async def test_my_schedule_for_presenter_shows_own_slot_and_session(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _world(event, FIRST)
    page = await client.get(f"/r/{world.tokens['李娜']}")
    assert page.status_code == 200
    section = page.text[page.text.index('id="my-schedule"') :]
    text = _text(section)
    assert "8月18日（星期三） 08:30–09:30 开幕式" in text
    assert "缩短齿轮加工周期 我的发表" in text
    assert "我所在的场次" in text and "提高电机装配一次合格率" in text
    # the read-only subscription link, never the personal (editing) token
    assert "webcal://testserver/c/" in section and world.tokens["李娜"] not in section


async def test_my_schedule_for_observer_shows_plenary_only(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _world(event, FIRST)
    page = await client.get(f"/r/{world.tokens['赵敏']}")
    section = _text(page.text[page.text.index('id="my-schedule"') :])
    assert "开幕式" in section
    assert "我所在的场次" not in section and "缩短齿轮加工周期" not in section


async def test_handbook_pdf_download(client: AsyncClient, event: EventInfo) -> None:
    await _world(event, FIRST)
    response = await client.get("/programme/handbook.pdf", params={"order": "pinyin"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response.headers["content-disposition"]
    pages = PdfReader(BytesIO(response.content)).pages
    text = re.sub(r"\s", "", "".join(page.extract_text() for page in pages))
    assert "缩短齿轮加工周期" in text and "攻关2组·缩短齿轮加工周期" not in text
