"""Solving from /admin/schedule (off the event loop, with progress), the draft page, and hand
changes checked before they are saved."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.programme.schedule import drafts
from event.tables import Assignment, ScheduleEdit
from tests.event.programme.schedule_data import add_presentation, busy_event, small_event
from tests.factories import login, shown_errors


@pytest.fixture
async def organiser(client: AsyncClient) -> AsyncClient:
    await login(client, "zhang", Role.organiser)
    return client


async def finish(client: AsyncClient) -> dict[str, Any]:
    """Poll the progress endpoint until the solve has finished; its last answer."""
    for _ in range(600):
        body = (await client.get("/api/admin/schedule/progress")).json()
        if not body["running"]:
            return body
        await asyncio.sleep(0.05)
    raise AssertionError("the solve did not finish")


async def solve(client: AsyncClient, seed: int = 1) -> dict[str, Any]:
    response = await client.post(
        "/admin/schedule/solve", data={"seed": str(seed), "time_limit": "5"}
    )
    assert (response.status_code, response.headers["location"]) == (303, "/admin/schedule")
    return await finish(client)


async def places(event: EventInfo) -> list[tuple[str, int, str, int, str]]:
    row = await drafts.draft_row(event.id)
    assert row is not None
    rows = await drafts.assignment_rows(row["id"])
    return [(a["code"], a["room"], a["block"], a["position"],
             a["starts_at"].astimezone(drafts.BEIJING).strftime("%H:%M")) for a in rows]  # fmt: skip


async def test_progress_before_any_solve_is_null(organiser: AsyncClient, event: EventInfo) -> None:
    response = await organiser.get("/api/admin/schedule/progress")
    assert (response.status_code, response.json()) == (200, None)


async def test_solve_from_page_stores_draft_and_shows_it(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=4, team=2)
    done = await solve(organiser, seed=9)
    assert (done["phase"], done["placed"], done["unscheduled"], done["error"]) == (
        "done",
        6,
        0,
        None,
    )
    stored = await places(event)
    assert len(stored) == 6
    page = (await organiser.get("/admin/schedule")).text
    assert "排程完成：已安排 6 项，未安排 0 项，结果已存为草稿。" in page
    assert "现场型（QC小组） <small>72 分钟</small>" in page
    assert "管理型（质量信得过班组） <small>36 分钟</small>" in page
    assert "<dt>抽签种子</dt><dd>9</dd>" in page
    assert "<dt>使用场次</dt><dd>2</dd>" in page and "<dt>场次下界</dt><dd>2</dd>" in page
    first = next(p for p in stored if p[3] == 1 and p[0].startswith("QC"))
    assert f'<span class="time">{first[4]}</span>' in page


async def test_solve_second_press_while_running_says_running(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await busy_event(event)
    first = await organiser.post("/admin/schedule/solve", data={"seed": "1", "time_limit": "5"})
    second = await organiser.post("/admin/schedule/solve", data={"seed": "2", "time_limit": "5"})
    assert (first.status_code, second.status_code) == (303, 409)
    assert "正在排程，请等待本次排程完成后再试。" in second.text
    done = await finish(organiser)
    assert done["seed"] == 1
    assert (await drafts.draft_row(event.id))["seed"] == 1


async def test_solve_server_answers_during_solve(organiser: AsyncClient, event: EventInfo) -> None:
    await busy_event(event)
    await organiser.post("/admin/schedule/solve", data={"seed": "1", "time_limit": "5"})
    answered_while_running = 0
    while True:
        rooms_page = await organiser.get("/admin/rooms")
        body = (await organiser.get("/api/admin/schedule/progress")).json()
        assert rooms_page.status_code == 200
        if not body["running"]:
            break
        answered_while_running += body["phase"] not in ("queued", "done")
        await asyncio.sleep(0.02)
    assert body["phase"] == "done"
    assert answered_while_running >= 3, (answered_while_running, body["seconds"])


async def test_solve_with_bad_seed_and_time_limit_shows_both_and_starts_nothing(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=1, team=0)
    response = await organiser.post(
        "/admin/schedule/solve", data={"seed": "-1", "time_limit": "半分钟"}
    )
    assert response.status_code == 400
    assert shown_errors(response.text) == {
        "seed": "抽签种子应为 0 到 2147483647 之间的整数",
        "time_limit": "时限应为 1 到 600 之间的秒数",
    }
    assert 'value="半分钟"' in response.text
    assert (await organiser.get("/api/admin/schedule/progress")).json() is None


async def test_move_without_presentation_or_room_names_both_fields(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=2, team=0)
    await solve(organiser)
    before = await places(event)
    response = await organiser.post(
        "/admin/schedule/move", data={"presentation": "", "room": "主会场", "block": "D1-PM"}
    )
    assert response.status_code == 400
    assert ('<ul class="violations"><li>请选择本次会议的分会场</li><li>请选择发表</li></ul>'
            in response.text)  # fmt: skip
    assert await places(event) == before


async def test_draft_page_shows_unscheduled_reason(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await small_event(event, qc=2, team=0)
    await add_presentation(event, seeded, "QC-0009", minutes=120)
    done = await solve(organiser)
    assert (done["placed"], done["unscheduled"]) == (2, 1)
    [item] = (await drafts.draft_row(event.id))["unscheduled"]
    page = (await organiser.get("/admin/schedule")).text
    assert (
        f'<tr><td>QC-0009</td><td><a href="/admin/schedule/items/QC-0009">成果QC-0009</a></td>'
        f"<td>{item['reason']}</td></tr>"
    ) in page
    assert "未证明最优" in page


async def test_move_breaking_a_rule_is_refused_and_draft_unchanged(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await small_event(event, qc=4, team=2)
    await solve(organiser)
    before = await places(event)
    form = {"presentation": "TM-0001", "room": str(seeded.rooms["第二会场"]), "block": "D1-PM"}
    response = await organiser.post("/admin/schedule/move", data=form)
    assert response.status_code == 409
    assert ("<li><strong>分会场只接收所列类型的发表</strong>：TM-0001 是「质量信得过班组」类发表，"
            "第二会场 不接收该类</li>") in response.text  # fmt: skip
    assert await places(event) == before
    assert await ScheduleEdit.count() == 0


async def test_move_to_free_room_is_saved_and_recorded(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await small_event(event, qc=4, team=2)
    await solve(organiser)
    qc = {p[0]: p for p in await places(event) if p[0].startswith("QC")}
    block = qc["QC-0001"][2]
    other = "D1-PM" if block == "D1-AM" else "D1-AM"
    room = seeded.rooms["第二会场"]
    form = {"presentation": "QC-0001", "room": str(room), "block": other}
    response = await organiser.post("/admin/schedule/move", data=form)
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/admin/schedule?changed=1",
    )
    moved = {p[0]: p for p in await places(event)}["QC-0001"]
    assert moved == ("QC-0001", room, other, 1, "08:30" if other == "D1-AM" else "13:30")
    [edit] = await ScheduleEdit.select(
        ScheduleEdit.action, ScheduleEdit.detail, ScheduleEdit.author
    )
    assert (edit["action"], edit["author"]) == ("move", "zhang")
    assert drafts.decoded(edit["detail"]) == {
        "presentation": "QC-0001", "from": {"room": f"R{qc['QC-0001'][1]:02d}", "block": block},
        "to": {"room": f"R{room:02d}", "block": other},
    }  # fmt: skip
    assert (await drafts.draft_row(event.id))["stats"]["sessions_used"] == 3


async def test_swap_in_one_session_exchanges_order_and_times(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await small_event(event, qc=4, team=0)
    await solve(organiser)
    before = {p[0]: p for p in await places(event)}
    response = await organiser.post(
        "/admin/schedule/swap", data={"first": "QC-0001", "second": "QC-0003"}
    )
    assert response.status_code == 303
    after = {p[0]: p for p in await places(event)}
    assert after["QC-0001"][3:] == before["QC-0003"][3:]
    assert after["QC-0003"][3:] == before["QC-0001"][3:]
    assert after["QC-0002"] == before["QC-0002"]
    rows = await ScheduleEdit.select(ScheduleEdit.action, ScheduleEdit.author)
    assert rows == [{"action": "swap", "author": "zhang"}]


async def test_pin_from_draft_then_solve_keeps_pin(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await small_event(event, qc=4, team=0)
    await solve(organiser, seed=1)
    room = seeded.rooms["第二会场"]
    form = {"room": str(room), "block": "D1-PM", "next": "/admin/schedule"}
    response = await organiser.post("/admin/presentations/QC-0002/pin", data=form)
    assert response.headers["location"] == "/admin/schedule?saved=QC-0002#QC-0002"
    assert (await ScheduleEdit.select(ScheduleEdit.action))[0] == {"action": "pin"}
    await solve(organiser, seed=2)
    placed = {p[0]: p for p in await places(event)}["QC-0002"]
    assert placed[1:3] == (room, "D1-PM")
    assert await Assignment.count() == 4


async def test_draft_api_returns_schedule_file_form(
    organiser: AsyncClient, event: EventInfo
) -> None:
    assert (await organiser.get("/api/admin/schedule/draft")).json()[
        "message"
    ] == "尚无日程草稿，请先排程"
    await small_event(event, qc=2, team=0)
    await solve(organiser, seed=4)
    body = (await organiser.get("/api/admin/schedule/draft")).json()
    assert sorted(body) == ["assignments", "explanation", "seed", "stats", "unscheduled"]
    assert (body["seed"], body["stats"]["seed"], body["unscheduled"]) == (4, 4, [])
    assert (
        sorted((a["presentation"], a["start"], a["end"]) for a in body["assignments"])[0][0]
        == "QC-0001"
    )
    [block] = {a["block"] for a in body["assignments"]}
    starts = {"D1-AM": {"08:30", "08:48"}, "D1-PM": {"13:30", "13:48"}}[block]
    assert {a["start"] for a in body["assignments"]} == starts
