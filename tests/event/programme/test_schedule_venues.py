"""Organisers' pages for rooms, blocks and the presentations' pins and unavailable blocks."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.programme import agenda_items
from event.programme.schedule.venues import blocks, rooms
from event.tables import AuditEntry, Presentation, ScheduleEdit
from tests.event.programme.schedule_data import small_event
from tests.factories import login, plenary, shown_errors


@pytest.fixture
async def organiser(client: AsyncClient) -> AsyncClient:
    await login(client, "zhang", Role.organiser)
    return client


async def test_rooms_add_stores_room(organiser: AsyncClient, event: EventInfo) -> None:
    form = {"name": "第三会场", "capacity": "120", "kinds": ["qc", "story"]}
    response = await organiser.post("/admin/rooms", data=form)
    assert (response.status_code, response.headers["location"]) == (303, "/admin/rooms?saved=1")
    [room] = await rooms(event.id)
    assert (room.name, room.capacity, room.kinds) == ("第三会场", 120, ["qc", "story"])
    page = await organiser.get("/admin/rooms")
    assert "第三会场" in page.text and "QC小组、品牌故事" in page.text


async def test_rooms_add_without_kinds_shows_error_and_keeps_values(
    organiser: AsyncClient, event: EventInfo
) -> None:
    response = await organiser.post("/admin/rooms", data={"name": "第三会场", "capacity": "-5"})
    assert response.status_code == 400
    assert "容量应为不小于0的整数" in response.text
    assert "请至少选择一种发表类型" in response.text
    assert 'value="第三会场"' in response.text
    assert await rooms(event.id) == []


async def test_rooms_add_shows_every_wrong_field_at_once(
    organiser: AsyncClient, event: EventInfo
) -> None:
    form = {"name": "\t", "capacity": "很多", "kinds": ["qc", "keynote"]}
    response = await organiser.post("/admin/rooms", data=form)
    assert response.status_code == 400
    assert shown_errors(response.text) == {
        "name": "请填写分会场名称（不超过100字）",
        "capacity": "容量应为不小于0的整数",
        "kinds": "请至少选择一种发表类型",
    }
    assert 'value="很多"' in response.text
    assert await rooms(event.id) == []


async def test_rooms_edit_changes_capacity(organiser: AsyncClient, event: EventInfo) -> None:
    seeded = await small_event(event, qc=0, team=0)
    room_id = seeded.rooms["第二会场"]
    form = {"name": "第二会场（B厅）", "capacity": "90", "kinds": "qc"}
    assert (await organiser.post(f"/admin/rooms/{room_id}", data=form)).status_code == 303
    found = {r.id: (r.name, r.capacity, r.kinds) for r in await rooms(event.id)}
    assert found[room_id] == ("第二会场（B厅）", 90, ["qc"])


async def test_rooms_delete_pinned_room_is_refused(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await small_event(event, qc=1, team=0)
    room_id = seeded.rooms["第二会场"]
    await Presentation.update({Presentation.pinned_room: room_id, Presentation.pinned_block: "D1-AM"})\
        .where(Presentation.code == "QC-0001")  # fmt: skip
    response = await organiser.post(f"/admin/rooms/{room_id}/delete")
    assert response.status_code == 409
    assert "分会场“第二会场”仍被引用（1项发表固定在此，0项日程安排在此），不能删除" in response.text
    assert len(await rooms(event.id)) == 2


async def test_rooms_delete_room_holding_a_plenary_item_is_refused(
    organiser: AsyncClient, event: EventInfo
) -> None:
    """The item would otherwise lose its room silently (its room column is set to NULL)."""
    seeded = await small_event(event, qc=0, team=0)
    room_id = seeded.rooms["第二会场"]
    await agenda_items.add(event.id, plenary({
        "title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30",
        "room": str(room_id)}))  # fmt: skip
    response = await organiser.post(f"/admin/rooms/{room_id}/delete")
    assert response.status_code == 409
    assert "分会场“第二会场”仍有1项会议安排（“开幕式”）在此举行，不能删除" in response.text
    assert len(await rooms(event.id)) == 2
    assert [i.room for i in await agenda_items.listing(event.id)] == [room_id]


async def test_rooms_delete_unused_room(organiser: AsyncClient, event: EventInfo) -> None:
    seeded = await small_event(event, qc=0, team=0)
    response = await organiser.post(f"/admin/rooms/{seeded.rooms['第二会场']}/delete")
    assert response.status_code == 303
    assert [r.name for r in await rooms(event.id)] == ["主会场"]


async def test_blocks_add_stores_block_in_time_order(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=0, team=0)
    form = {
        "code": "D0-EV",
        "label": "报到日晚上",
        "day": "2021-08-17",
        "start": "19:00",
        "end": "21:00",
    }
    assert (await organiser.post("/admin/blocks", data=form)).status_code == 303
    assert [(b.code, b.start, b.end) for b in await blocks(event.id)] == [
        ("D0-EV", "19:00", "21:00"), ("D1-AM", "08:30", "10:00"), ("D1-PM", "13:30", "15:00")
    ]  # fmt: skip


async def test_blocks_add_end_before_start_and_duplicate_code(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=0, team=0)
    form = {"code": "D1-AM", "day": "2021-08-18", "start": "12:00", "end": "08:30"}
    response = await organiser.post("/admin/blocks", data=form)
    assert response.status_code == 400
    assert "结束时间必须晚于开始时间" in response.text
    form["end"] = "13:00"
    response = await organiser.post("/admin/blocks", data=form)
    assert (response.status_code, "时段代码 D1-AM 已存在" in response.text) == (400, True)


async def test_blocks_add_shows_every_wrong_field_at_once(
    organiser: AsyncClient, event: EventInfo
) -> None:
    form = {"code": "D1 AM", "day": "8月18日", "start": "25:00", "end": "12:00", "label": "上" * 51}
    response = await organiser.post("/admin/blocks", data=form)
    assert response.status_code == 400
    assert shown_errors(response.text) == {
        "code": "时段代码为1–30位字母、数字或连字符，如 D1-AM",
        "day": "请填写日期",
        "start": "开始时间格式应为 时:分，如 08:30",
        "label": "名称不超过50字",
    }
    assert 'value="8月18日"' in response.text and 'value="D1 AM"' in response.text
    assert await blocks(event.id) == []


async def test_blocks_add_equal_start_and_end_is_refused_beside_end(
    organiser: AsyncClient, event: EventInfo
) -> None:
    form = {"code": "D2-AM", "day": "2021-08-19", "start": "08:30", "end": "08:30"}
    response = await organiser.post("/admin/blocks", data=form)
    assert shown_errors(response.text) == {"end": "结束时间必须晚于开始时间"}


async def test_blocks_delete_block_someone_cannot_attend_is_refused(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=1, team=0)
    await Presentation.update({Presentation.unavailable_blocks: ["D1-PM"]}, force=True)
    block_id = next(b.id for b in await blocks(event.id) if b.code == "D1-PM")
    response = await organiser.post(f"/admin/blocks/{block_id}/delete")
    assert response.status_code == 409
    assert (
        "时段 D1-PM 仍被引用（1项发表固定在此或标为不能参加，0项日程安排在此），不能删除"
        in response.text
    )
    assert [b.code for b in await blocks(event.id)] == ["D1-AM", "D1-PM"]


async def test_room_and_block_changes_are_audited_with_their_organiser(
    organiser: AsyncClient, event: EventInfo
) -> None:
    room = {"name": "第三会场", "capacity": "120", "kinds": ["qc"]}
    block = {"code": "D2-AM", "day": "2021-08-19", "start": "08:30", "end": "12:00"}
    await organiser.post("/admin/rooms", data=room)
    [room_id] = [r.id for r in await rooms(event.id)]
    await organiser.post(f"/admin/rooms/{room_id}", data=room | {"capacity": "90"})
    await organiser.post(f"/admin/rooms/{room_id}", data=room | {"capacity": "90"})  # no change
    await organiser.post(f"/admin/rooms/{room_id}/delete")
    await organiser.post("/admin/blocks", data=block)
    [block_id] = [b.id for b in await blocks(event.id)]
    await organiser.post(f"/admin/blocks/{block_id}", data=block | {"end": "11:30"})
    await organiser.post(f"/admin/blocks/{block_id}/delete")
    entries = await AuditEntry.select(
        AuditEntry.action, AuditEntry.actor, AuditEntry.entity, AuditEntry.summary, AuditEntry.detail
    ).order_by(AuditEntry.id).output(load_json=True)  # fmt: skip
    venue = [e for e in entries if e["entity"] in ("room", "block")]
    assert {(e["action"], e["actor"]) for e in venue} == {
        ("venue.update", "组织者 zhang（127.0.0.1）")
    }
    assert [(e["summary"], e["detail"].get("changes")) for e in venue] == [
        ("新增分会场“第三会场”", None),
        ("修改分会场“第三会场”", {"capacity": [120, 90]}),
        ("删除分会场“第三会场”", None),
        ("新增时段 D2-AM", None),
        ("修改时段 D2-AM", {"end": ["12:00:00", "11:30:00"]}),
        ("删除时段 D2-AM", None),
    ]


async def test_blocks_pages_need_organiser(client: AsyncClient, event: EventInfo) -> None:
    await login(client, "desk", Role.staff)
    assert (await client.get("/admin/blocks")).status_code == 403


async def test_presentations_pin_and_unpin(organiser: AsyncClient, event: EventInfo) -> None:
    seeded = await small_event(event, qc=2, team=0)
    form = {"room": str(seeded.rooms["主会场"]), "block": "D1-PM", "next": "/admin/presentations"}
    response = await organiser.post("/admin/presentations/QC-0002/pin", data=form)
    assert response.headers["location"] == "/admin/presentations?saved=QC-0002#QC-0002"
    row = await Presentation.select(Presentation.pinned_room, Presentation.pinned_block)\
        .where(Presentation.code == "QC-0002").first()  # fmt: skip
    assert row == {"pinned_room": seeded.rooms["主会场"], "pinned_block": "D1-PM"}
    page = (await organiser.get("/admin/presentations")).text
    assert "主会场 · 8月18日下午（13:30–15:00）" in page and "D1-PM<" not in page
    await organiser.post(
        "/admin/presentations/QC-0002/unpin", data={"next": "/admin/presentations"}
    )
    row = await Presentation.select(Presentation.pinned_room, Presentation.pinned_block)\
        .where(Presentation.code == "QC-0002").first()  # fmt: skip
    assert row == {"pinned_room": None, "pinned_block": None}


async def test_presentations_pin_unknown_block_is_refused(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await small_event(event, qc=1, team=0)
    form = {"room": str(seeded.rooms["主会场"]), "block": "D9-AM"}
    response = await organiser.post("/admin/presentations/QC-0001/pin", data=form)
    assert (response.status_code, "QC-0001：请选择本次会议的时段" in response.text) == (400, True)
    assert await Presentation.select(Presentation.pinned_block).first() == {"pinned_block": None}


async def test_presentations_pin_without_room_is_refused(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=1, team=0)
    form = {"room": "第一", "block": "D1-AM"}
    response = await organiser.post("/admin/presentations/QC-0001/pin", data=form)
    assert (response.status_code, "QC-0001：请选择本次会议的分会场" in response.text) == (400, True)
    assert await Presentation.select(Presentation.pinned_room).first() == {"pinned_room": None}


async def test_presentations_unavailable_blocks_saved(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=1, team=0)
    form = {"blocks": ["D1-PM", "D1-AM"], "next": "/admin/presentations"}
    assert (
        await organiser.post("/admin/presentations/QC-0001/unavailable", data=form)
    ).status_code == 303
    row = await Presentation.select(Presentation.unavailable_blocks).first()
    assert row == {"unavailable_blocks": ["D1-AM", "D1-PM"]}
    await organiser.post(
        "/admin/presentations/QC-0001/unavailable", data={"next": "/admin/presentations"}
    )
    assert await Presentation.select(Presentation.unavailable_blocks).first() == {
        "unavailable_blocks": []
    }
    assert await ScheduleEdit.count() == 0  # no draft yet: nothing to record against


async def test_blocks_code_change_of_used_block_is_refused(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=1, team=0)
    await Presentation.update({Presentation.pinned_block: "D1-AM"}, force=True)
    block_id = next(b.id for b in await blocks(event.id) if b.code == "D1-AM")
    form = {"code": "D1-MORNING", "day": "2021-08-18", "start": "08:00", "end": "10:00"}
    response = await organiser.post(f"/admin/blocks/{block_id}", data=form)
    assert response.status_code == 400
    assert "时段 D1-AM 已被发表或日程引用，不能修改代码" in response.text
    assert 'value="D1-MORNING"' in response.text
    assert [(b.code, b.start) for b in await blocks(event.id)] == [
        ("D1-AM", "08:30"),
        ("D1-PM", "13:30"),
    ]
