"""Panels for the published programme: assigned and stored, read back, exported, changed by hand."""

from __future__ import annotations

import pytest

from event.current import EventInfo
from event.errors import Conflict, NotFound
from event.judging import panels, roster, scoring
from event.judging.rubrics import default_rubric
from event.tables import AuditEntry
from scheduling.panels import validate
from tests.event.judging.world import build


async def test_solve_without_published_programme_is_refused(event: EventInfo) -> None:
    with pytest.raises(NotFound) as caught:
        await panels.solve(event.id)
    assert caught.value.message == "尚未发布分会场日程，无法安排评委"


async def test_solve_stores_a_full_panel_per_session_with_one_leader(event: EventInfo) -> None:
    await build(event)
    _, answer = await panels.solve(event.id, seed=3)
    stored = (await panels.world(event.id)).panels.by_session()
    assert answer.complete
    assert sorted(len(seats) for seats in stored.values()) == [3, 5]  # eight judges, odd sizes
    assert [sum(s.leader for s in seats) for seats in stored.values()] == [1, 1]


async def test_solve_never_seats_a_judge_where_their_unit_presents(event: EventInfo) -> None:
    world = await build(event)
    await panels.solve(event.id)
    data = panels.export(await panels.world(event.id))
    first = next(p for p in data["panels"] if p["room"] == "第一分会场")
    assert "周敏" not in [j["name"] for j in first["judges"]]
    assert world.judges["周敏"].unit == "甲机床有限公司"


async def test_export_has_the_published_sessions_and_units(event: EventInfo) -> None:
    await build(event)
    await panels.solve(event.id)
    entry = panels.export(await panels.world(event.id))["panels"][0]
    assert {k: entry[k] for k in ("room", "day", "start", "end")} == {
        "room": "第一分会场", "day": "2021-08-18", "start": "08:30", "end": "12:00"}  # fmt: skip
    assert entry["presentations"] == [
        {"code": "QC-0001", "unit": "甲机床有限公司"},
        {"code": "QC-0002", "unit": "乙重型机械股份有限公司"},
        {"code": "QC-0003", "unit": "甲机床有限公司"},
    ]


async def test_adding_own_unit_judge_is_refused_naming_them(event: EventInfo) -> None:
    world = await build(event)
    await panels.solve(event.id)
    session = f"{world.rooms['第一分会场']}:D1-AM"
    with pytest.raises(Conflict) as caught:
        await panels.change(event.id, session, "add", world.judges["周敏"].id)
    assert "周敏（甲机床有限公司）" in caught.value.message


async def test_making_a_member_leader_is_stored_and_audited(event: EventInfo) -> None:
    world = await build(event)
    await panels.solve(event.id)
    session = f"{world.rooms['第二分会场']}:D1-AM"
    w = await panels.world(event.id)
    member = next(s for s in w.panels.by_session()[session] if not s.leader)
    await panels.change(event.id, session, "leader", int(member.judge))
    after = (await panels.world(event.id)).panels.by_session()[session]
    assert [s.judge for s in after if s.leader] == [member.judge]
    last = (
        await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id, ascending=False).first()
    )
    assert last == {"action": "panel.edit"}


async def test_roster_refuses_a_mobile_already_listed(event: EventInfo) -> None:
    world = await build(event)
    again = roster.JudgeIn("另一人", "某协会", world.judges["吴刚"].mobile)
    with pytest.raises(Conflict) as caught:
        await roster.add_judges(event.id, [roster.checked(again)])
    assert caught.value.message == f"手机号码 {world.judges['吴刚'].mobile} 的评委已在名单中"


async def test_solving_again_keeps_the_panel_of_a_scored_session(event: EventInfo) -> None:
    world = await build(event)
    await panels.solve(event.id, seed=1)
    session = f"{world.rooms['第一分会场']}:D1-AM"
    before = (await panels.world(event.id)).panels.by_session()[session]
    judge = next(j for j in world.judges.values() if str(j.id) == before[0].judge)
    marks = {item.code: "4" for _, item in default_rubric("qc").items()}
    await scoring.submit(event.id, judge, "QC-0001", marks)
    await panels.solve(event.id, seed=7)
    after = (await panels.world(event.id)).panels
    assert after.by_session()[session] == before
    assert validate((await panels.world(event.id)).instance, after) == []


async def test_a_change_naming_no_judge_of_the_roster_is_refused_in_words(event: EventInfo) -> None:
    world = await build(event)
    await panels.solve(event.id)
    with pytest.raises(Conflict) as caught:
        await panels.change(event.id, f"{world.rooms['第一分会场']}:D1-AM", "add", 999999)
    assert caught.value.message == "请选择名单中的评委"


async def test_the_same_seed_gives_the_same_panels(event: EventInfo) -> None:
    await build(event)
    await panels.solve(event.id, seed=11)
    first = panels.export(await panels.world(event.id))
    await panels.solve(event.id, seed=11)
    assert panels.export(await panels.world(event.id)) == first
