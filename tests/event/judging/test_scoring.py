"""Score sheets through the judges' own links and the room's desk: submit locks, not another
room, others hidden until closed, paper sheets entered by a scorer, corrections audited."""

from __future__ import annotations

import re

from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.judging import panels
from event.judging.rubrics import default_rubric
from event.tables import AuditEntry, JudgePanel, ScoreSheet
from tests.event.judging.world import JudgingWorld, build
from tests.factories import login

QC = default_rubric("qc")


def marks(value: str = "4", **overrides: str) -> dict[str, str]:
    return {item.code: overrides.get(item.code, value) for _, item in QC.items()}


async def _seated(event: EventInfo) -> tuple[JudgingWorld, dict[str, list[str]]]:
    """The world with panels; room name → its judges' names."""
    world = await build(event)
    await panels.solve(event.id, seed=1)
    data = panels.export(await panels.world(event.id))
    return world, {p["room"]: [j["name"] for j in p["judges"]] for p in data["panels"]}


async def test_judge_submits_a_sheet_and_it_is_locked(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第一分会场"][0]]
    sent = await client.post(f"/j/{judge.token}/p/QC-0001", data=marks("5", m_cause="12.5"))
    assert sent.status_code == 303
    sheet = await ScoreSheet.select(ScoreSheet.total, ScoreSheet.locked).first()
    assert sheet == {"total": "62.5", "locked": True}  # ten items of 5 and 12.5
    again = await client.post(f"/j/{judge.token}/p/QC-0001", data=marks("1"))
    assert again.status_code == 409
    assert "这份评分表已提交并锁定，不能修改" in again.text
    assert (await ScoreSheet.select(ScoreSheet.total).first())["total"] == "62.5"


async def test_judge_cannot_score_a_room_not_theirs(client: AsyncClient, event: EventInfo) -> None:
    world, rooms = await _seated(event)
    outsider = next(n for n in rooms["第二分会场"] if n not in rooms["第一分会场"])
    answer = await client.post(f"/j/{world.judges[outsider].token}/p/QC-0001", data=marks())
    assert answer.status_code == 403
    assert "QC-0001 不在您" in answer.text
    assert await ScoreSheet.count() == 0


async def test_a_mark_above_its_maximum_is_named_and_nothing_stored(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第一分会场"][0]]
    answer = await client.post(f"/j/{judge.token}/p/QC-0001", data=marks(m_standard="6"))
    assert answer.status_code == 400
    assert "「巩固措施与总结」的分数应在 0–5 之间" in answer.text
    assert await ScoreSheet.count() == 0


async def test_others_scores_hidden_until_the_room_is_closed(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    first, second = (world.judges[n] for n in rooms["第一分会场"][:2])
    await client.post(f"/j/{second.token}/p/QC-0001", data=marks("3"))
    before = await client.get(f"/j/{first.token}/p/QC-0001")
    assert 'id="others"' not in before.text
    await login(client, "desk", Role.staff)
    panel = (await JudgePanel.select(JudgePanel.id).where(JudgePanel.room == world.rooms["第一分会场"]).first())["id"]  # fmt: skip
    closed = await client.post(f"/admin/judging/rooms/{panel}/close")
    assert closed.status_code == 303
    after = await client.get(f"/j/{first.token}/p/QC-0001")
    assert re.search(rf"{second.name}</td><td>33</td>", after.text)


async def test_scorer_enters_a_paper_sheet_for_a_judge_audited(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第二分会场"][0]]
    await login(client, "desk", Role.staff)
    panel = (await JudgePanel.select(JudgePanel.id).where(JudgePanel.room == world.rooms["第二分会场"]).first())["id"]  # fmt: skip
    sent = await client.post(f"/admin/judging/rooms/{panel}/sheets",
                             data={"judge": str(judge.id), "code": "QC-0004", **marks("4")})  # fmt: skip
    assert sent.status_code == 303
    row = await ScoreSheet.select(ScoreSheet.total, ScoreSheet.entered_by, ScoreSheet.judge).first()
    assert row == {"total": "44", "entered_by": "desk", "judge": judge.id}
    entry = await AuditEntry.select(AuditEntry.action, AuditEntry.summary).where(
        AuditEntry.action == "score.submit").first()  # fmt: skip
    assert entry == {"action": "score.submit",
                     "summary": f"{judge.name} 为 QC-0004 评分 44 分（desk代录纸质评分表）"}  # fmt: skip


async def test_staff_cannot_correct_a_sheet_after_closing(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第二分会场"][0]]
    await client.post(f"/j/{judge.token}/p/QC-0004", data=marks("4"))
    await login(client, "desk", Role.staff)
    panel = (await JudgePanel.select(JudgePanel.id).where(JudgePanel.room == world.rooms["第二分会场"]).first())["id"]  # fmt: skip
    await client.post(f"/admin/judging/rooms/{panel}/close")
    fix = await client.post(f"/admin/judging/rooms/{panel}/sheets",
                            data={"judge": str(judge.id), "code": "QC-0004", "correct": "1", **marks("5")})  # fmt: skip
    assert fix.status_code == 403
    assert (await ScoreSheet.select(ScoreSheet.total).first())["total"] == "44"


async def test_organiser_corrects_a_sheet_after_closing_audited(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第二分会场"][0]]
    await client.post(f"/j/{judge.token}/p/QC-0004", data=marks("4"))
    await login(client, "boss", Role.organiser)
    panel = (await JudgePanel.select(JudgePanel.id).where(JudgePanel.room == world.rooms["第二分会场"]).first())["id"]  # fmt: skip
    await client.post(f"/admin/judging/rooms/{panel}/close")
    fix = await client.post(f"/admin/judging/rooms/{panel}/sheets",
                            data={"judge": str(judge.id), "code": "QC-0004", "correct": "1", **marks("5")})  # fmt: skip
    assert fix.status_code == 303
    assert (await ScoreSheet.select(ScoreSheet.total).first())["total"] == "55"
    entry = (
        await AuditEntry.select(AuditEntry.summary)
        .where(AuditEntry.action == "score.correct")
        .first()
    )
    assert entry == {"summary": f"boss 更正 {judge.name} 对 QC-0004 的评分：44 → 55"}


async def test_judge_page_sends_no_referer_and_is_not_cached(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    answer = await client.get(f"/j/{world.judges[rooms['第一分会场'][0]].token}/")
    assert (answer.headers["referrer-policy"], answer.headers["cache-control"]) == (
        "no-referrer",
        "no-store",
    )
