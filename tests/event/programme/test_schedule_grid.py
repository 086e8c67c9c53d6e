"""The organisers' grid: refusals in names (people, rooms, times), moving a whole session, and
the pages that pick a target cell without JavaScript."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.programme.schedule import drafts, edits
from event.tables import AuditEntry, Presentation, ScheduleEdit
from event.tables import Schedule as ScheduleRow
from tests.event.programme.schedule_data import AM, two_sessions
from tests.factories import login


async def _places(event: EventInfo) -> dict[str, tuple[int, str, int]]:
    row = await drafts.draft_row(event.id)
    return {a["code"]: (a["room"], a["block"], a["position"])
            for a in await drafts.assignment_rows(row["id"])}  # fmt: skip


@pytest.fixture
async def organiser(client: AsyncClient) -> AsyncClient:
    await login(client, "zhang", Role.organiser)
    return client


async def test_swap_splitting_a_presenter_names_person_rooms_and_time(event: EventInfo) -> None:
    await two_sessions(event)
    with pytest.raises(edits.EditRefused) as refused:
        await edits.swap(event, "QC-0001", "QC-0004", "zhang")
    assert refused.value.violations == [{
        "rule": "presenter_double_booking", "label": "同一发表人同一时段只能在一个分会场",
        "message": f"发表人 发表人0001（甲机床有限公司） 在时段 {AM} 同时出现在 主会场、第二会场",
    }]  # fmt: skip


async def test_move_to_unavailable_block_names_its_time(event: EventInfo) -> None:
    seeded = await two_sessions(event)
    await Presentation.update({Presentation.unavailable_blocks: ["D1-PM"]}).where(
        Presentation.code == "QC-0003"
    )
    with pytest.raises(edits.EditRefused) as refused:
        await edits.move(event, "QC-0003", seeded.rooms["第二会场"], "D1-PM", "zhang")
    assert [v["message"] for v in refused.value.violations] == [
        "QC-0003 不能安排在时段 8月18日下午（13:30–15:00）"
    ]


async def test_swap_across_rooms_of_free_presenters_is_saved(event: EventInfo) -> None:
    seeded = await two_sessions(event)
    await edits.swap(event, "QC-0003", "QC-0005", "zhang")
    places = await _places(event)
    assert (places["QC-0003"], places["QC-0005"]) == (
        (seeded.rooms["第二会场"], "D1-AM", 2), (seeded.rooms["主会场"], "D1-AM", 3),
    )  # fmt: skip


async def test_move_session_exchanges_two_sessions_in_order(event: EventInfo) -> None:
    seeded = await two_sessions(event)
    main, second = seeded.rooms["主会场"], seeded.rooms["第二会场"]
    await edits.move_session(event, main, "D1-AM", second, "D1-AM", "zhang")
    assert await _places(event) == {
        "QC-0004": (main, "D1-AM", 1), "QC-0005": (main, "D1-AM", 2),
        "QC-0001": (second, "D1-AM", 1), "QC-0002": (second, "D1-AM", 2),
        "QC-0003": (second, "D1-AM", 3),
    }  # fmt: skip


async def test_move_session_is_recorded_and_audited_as_move(event: EventInfo) -> None:
    seeded = await two_sessions(event)
    main = seeded.rooms["主会场"]
    await edits.move_session(event, main, "D1-AM", main, "D1-PM", "zhang")
    [edit] = await ScheduleEdit.select(ScheduleEdit.action, ScheduleEdit.detail)
    assert (edit["action"], drafts.decoded(edit["detail"])) == ("move_session", {
        "session": {"room": f"R{main:02d}", "block": "D1-AM"},
        "presentations": ["QC-0001", "QC-0002", "QC-0003"],
        "to": {"room": f"R{main:02d}", "block": "D1-PM"},
    })  # fmt: skip
    actions = await AuditEntry.select(AuditEntry.action).where(AuditEntry.event == event.id)
    assert [a["action"] for a in actions] == ["schedule.draft", "schedule.move"]


async def test_refused_swap_page_names_person_without_ids(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await two_sessions(event)
    before = await _places(event)
    response = await organiser.post(
        "/admin/schedule/swap", data={"first": "QC-0001", "second": "QC-0004"}
    )
    banner = response.text.split('<div class="banner" role="alert">')[1].split("</div>")[0]
    assert response.status_code == 409
    assert (f"<li><strong>同一发表人同一时段只能在一个分会场</strong>：发表人 发表人0001（甲机床有限公司） "
            f"在时段 {AM} 同时出现在 主会场、第二会场</li>") in banner  # fmt: skip
    assert await _places(event) == before


async def test_grid_page_shows_rooms_by_blocks_without_ids(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await two_sessions(event)
    page = (await organiser.get("/admin/schedule")).text
    grid = page.split('<table class="schedule-grid">')[1].split("</table>")[0]
    assert '<th scope="col">主会场<small>300 座</small></th>' in grid
    assert f'<th scope="row">{AM}</th>' in grid
    assert f'<a href="/admin/schedule/sessions/{seeded.rooms["第二会场"]}/D1-PM">' not in grid
    assert grid.count('<span class="empty">空</span>') == 2
    assert "<small>发表人0001 · 甲机床有限公司</small>" in grid
    text = grid.split(">")
    assert not [t for t in text if t.startswith(("R0", "P-0", "D1-"))]


async def test_item_page_offers_every_cell_and_same_category_swaps(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await two_sessions(event)
    page = (await organiser.get("/admin/schedule/items/QC-0003")).text
    assert page.count(">移到这里</button>") == 3  # four cells, one is where it is
    assert page.count(">交换</button>") == 4
    assert f"<dt>现在</dt><dd>主会场 · {AM} · 09:06–09:24</dd>" in page


async def test_session_page_for_an_empty_cell_is_not_found(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await two_sessions(event)
    response = await organiser.get(f"/admin/schedule/sessions/{seeded.rooms['主会场']}/D1-PM")
    assert response.status_code == 404


async def test_unscheduled_reason_names_presenter_and_time(
    organiser: AsyncClient, event: EventInfo
) -> None:
    seeded = await two_sessions(event)
    person = seeded.people["13900000001"]
    reason = f"发表人 P-{person:04d} 在 D1-PM 已固定在 R{seeded.rooms['主会场']:02d}"
    await ScheduleRow.update(
        {ScheduleRow.unscheduled: [{"presentation": "QC-0003", "reason": reason}]}
    ).where(ScheduleRow.event == event.id)
    page = (await organiser.get("/admin/schedule")).text
    assert ("<td>发表人 发表人0001（甲机床有限公司） 在 8月18日下午（13:30–15:00） 已固定在 主会场</td>"
            in page)  # fmt: skip


async def test_move_audit_line_names_rooms_and_times(event: EventInfo) -> None:
    seeded = await two_sessions(event)
    await edits.move(event, "QC-0003", seeded.rooms["第二会场"], "D1-PM", "zhang")
    entry = (
        await AuditEntry.select(AuditEntry.summary)
        .where(AuditEntry.action == "schedule.move")
        .first()
    )
    assert entry["summary"] == f"QC-0003：主会场 {AM} → 第二会场 8月18日下午（13:30–15:00）"
