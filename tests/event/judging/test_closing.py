"""Closing all of a room's sessions of a day at once from the desk's list of rooms."""

from __future__ import annotations

from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.judging import panels, scoring
from event.judging.rubrics import default_rubric
from event.tables import AuditEntry, JudgePanel
from tests.event.judging.world import DAY, build
from tests.factories import login


async def _closed() -> dict[int, bool]:
    return {r["room"]: r["closed"] for r in await JudgePanel.select(JudgePanel.room, JudgePanel.closed)}  # fmt: skip


async def test_closing_a_room_day_closes_its_sessions_only(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await panels.solve(event.id, seed=1)
    await login(client, "desk", Role.staff)
    page = await client.get("/admin/judging/rooms/")
    assert "结束第一分会场8月18日全部场次的评分" in page.text
    room = world.rooms["第一分会场"]
    answer = await client.post(
        "/admin/judging/rooms/close-day", data={"room": str(room), "day": DAY.isoformat()}
    )
    assert answer.status_code == 200
    assert '<p class="notice" role="status" id="done">已结束 1 个场次的评分</p>' in answer.text
    assert await _closed() == {room: True, world.rooms["第二分会场"]: False}
    entry = (
        await AuditEntry.select(AuditEntry.action, AuditEntry.summary)
        .where(AuditEntry.action == "room.close")
        .first()
    )
    assert entry == {
        "action": "room.close",
        "summary": "第一分会场 2021-08-18 08:30–12:00 评分结束",
    }
    assert "本会场当天的评分已全部结束。" in answer.text


async def test_a_closed_room_day_refuses_new_sheets(client: AsyncClient, event: EventInfo) -> None:
    world = await build(event)
    await panels.solve(event.id, seed=1)
    seated = panels.export(await panels.world(event.id))["panels"]
    name = next(p for p in seated if p["room"] == "第一分会场")["judges"][0]["name"]
    await login(client, "desk", Role.staff)
    await client.post(
        "/admin/judging/rooms/close-day",
        data={"room": str(world.rooms["第一分会场"]), "day": DAY.isoformat()},
    )
    form = {item.code: "4" for _, item in default_rubric("qc").items()}
    answer = await client.post(f"/j/{world.judges[name].token}/p/QC-0001", data=form)
    assert answer.status_code == 409
    assert "本场评分已结束，不能再提交；如需更正请联系组织者" in answer.text
    assert await scoring.sheets([r["id"] for r in await JudgePanel.select(JudgePanel.id)]) == []


async def test_a_day_without_sessions_in_the_room_is_refused(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await panels.solve(event.id, seed=1)
    await login(client, "desk", Role.staff)
    answer = await client.post(
        "/admin/judging/rooms/close-day",
        data={"room": str(world.rooms["第一分会场"]), "day": "2021-08-19"},
    )
    assert answer.status_code == 400
    assert "这个会场当天没有安排评委组的场次" in answer.text
    bad = await client.post("/admin/judging/rooms/close-day", data={"room": "x", "day": ""})
    assert bad.status_code == 400 and "请选择会场和日期" in bad.text
    assert set((await _closed()).values()) == {False}
