"""The event's rubrics: stored from the organisers' form (every wrong field at once, nothing
stored on bad input, audited), refused once scoring of the kind opened, and used by the
judges' sheets, the desk and the results."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import pytest
from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.errors import Conflict, InvalidInput
from event.judging import awards, panels, rubric_edit, rubrics, scoring
from event.judging.rubrics import Rubric, default_rubric, from_stored, to_stored
from event.tables import AuditEntry, EventRubric, JudgePanel, ScoreSheet
from tests.event.judging.world import JudgingWorld, build
from tests.factories import login


def form_of(rubric: Rubric, **changes: str) -> dict[str, str]:
    """The edit form as the page fills it for `rubric`, with some fields changed."""
    rows = rubric_edit.rows_from(rubric, blank=2)
    form = {}
    for r in rows:
        form |= {f"part-{r.n}": r.part, f"code-{r.n}": r.code, f"name-{r.n}": r.name,
                 f"max-{r.n}": r.max}  # fmt: skip
    return form | changes


# QC: 选择课题 10 → 8 and renamed, 巩固措施与总结 (5) removed, a new 资料 item of 7 added.
EDIT = {"name-0": "课题选择与理由", "max-0": "8", "remove-5": "1",
        "part-11": "material", "name-11": "活动记录完整", "max-11": "7"}  # fmt: skip


async def _edited(event: EventInfo) -> Rubric:
    return await rubric_edit.save(event.id, "qc", form_of(default_rubric("qc"), **EDIT))


async def test_defaults_apply_until_an_organiser_saves_one(event: EventInfo) -> None:
    assert await rubrics.for_event(event.id) == rubrics.DEFAULT_RUBRICS


async def test_saved_rubric_is_stored_in_sheet_order_and_used(event: EventInfo) -> None:
    await _edited(event)
    qc = (await rubrics.for_event(event.id))["qc"]
    assert [(p.name, p.max_points) for p in qc.parts] == [("资料", 60), ("发表", 40)]
    assert [(i.code, i.name, i.max_points) for i in qc.parts[0].items] == [
        ("m_topic", "课题选择与理由", 8),
        ("m_status", "现状调查与目标设定", 10),
        ("m_cause", "原因分析与要因确认", 15),
        ("m_measure", "对策制定与实施", 10),
        ("m_effect", "效果检查", 10),
        ("x1", "活动记录完整", 7),
    ]
    assert (await rubrics.for_event(event.id))["team"] == default_rubric("team")


async def test_a_saved_rubric_is_audited_with_before_and_after(event: EventInfo) -> None:
    await _edited(event)
    entry = (
        await AuditEntry.select(AuditEntry.summary, AuditEntry.detail)
        .where(AuditEntry.action == "rubric.set")
        .first()
    )
    assert entry is not None
    assert entry["summary"] == "修改QC小组评分表：11项，资料60分、发表40分"
    detail = json.loads(entry["detail"]) if isinstance(entry["detail"], str) else entry["detail"]
    assert detail["before"] == to_stored(default_rubric("qc"))
    assert detail["after"][0] == {"part": "material", "code": "m_topic", "name": "课题选择与理由",
                                  "max_points": 8}  # fmt: skip


def test_every_wrong_field_is_named_at_once() -> None:
    form = form_of(default_rubric("qc"), **{
        "name-1": "", "max-2": "0", "code-3": "Bad code", "code-4": "m_topic",
        "code-6": "judge", "part-7": "speech"})  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        rubric_edit.checked("qc", form)
    assert {p.field: p.message for p in caught.value.problems} == {
        "name-1": "第2项：请填写评分项名称（不超过40个字）",
        "max-2": "第3项：满分应为1–100的整数",
        "code-3": "第4项：代码应以小写字母开头，只含小写字母、数字和下划线，不超过20个字符",
        "code-4": "第5项：代码 m_topic 与前面的评分项重复",
        "code-6": "第7项：代码 judge 是评分台表单自用的名称，请换一个",
        "part-7": "第8项：请选择所属部分",
    }


def test_a_total_other_than_100_is_refused_with_each_part() -> None:
    with pytest.raises(InvalidInput) as caught:
        rubric_edit.checked("qc", form_of(default_rubric("qc"), **{"max-1": "5"}))
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("total", "总分为 95 分（资料 55 + 发表 40），应为 100 分")
    ]


def test_a_part_left_without_items_is_refused() -> None:
    story = form_of(default_rubric("story"), **{f"remove-{n}": "1" for n in range(5)})
    with pytest.raises(InvalidInput) as caught:
        rubric_edit.checked("story", story)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("part:speech", "演讲部分至少要有一个评分项"),
        ("total", "总分为 0 分（演讲 0），应为 100 分"),
    ]


async def test_bad_input_through_the_page_stores_nothing_and_keeps_what_was_typed(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "boss", Role.organiser)
    form = form_of(default_rubric("qc"), **{"name-0": "改过的名称", "max-1": "abc"})
    answer = await client.post("/admin/judging/rubrics/qc", data=form)
    assert answer.status_code == 400
    assert 'id="err-max-1"' in answer.text and "第2项：满分应为1–100的整数" in answer.text
    assert 'value="改过的名称"' in answer.text
    assert await EventRubric.count() == 0
    assert await AuditEntry.count().where(AuditEntry.action == "rubric.set") == 0


async def test_the_page_shows_each_part_and_the_total(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "boss", Role.organiser)
    sent = await client.post(
        "/admin/judging/rubrics/qc", data=form_of(default_rubric("qc"), **EDIT)
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/admin/judging/rubrics/?saved=qc"
    page = await client.get(sent.headers["location"])
    assert "QC小组评分表已保存。" in page.text
    assert "QC小组：QC小组成果评分表（已修改）" in page.text
    assert "<td>活动记录完整</td><td>7</td>" in page.text
    edit = await client.get("/admin/judging/rubrics/qc")
    assert '<strong id="sum-material">60</strong>' in edit.text
    assert '<strong id="sum-total">100</strong>' in edit.text


async def test_desk_staff_cannot_edit_a_rubric(client: AsyncClient, event: EventInfo) -> None:
    await login(client, "desk", Role.staff)
    answer = await client.post("/admin/judging/rubrics/qc", data=form_of(default_rubric("qc")))
    assert answer.status_code == 403
    assert await EventRubric.count() == 0


async def _seated(event: EventInfo) -> tuple[JudgingWorld, dict[str, list[str]]]:
    world = await build(event)
    await panels.solve(event.id, seed=1)
    data = panels.export(await panels.world(event.id))
    return world, {p["room"]: [j["name"] for j in p["judges"]] for p in data["panels"]}


def marks(rubric: Rubric, value: str = "4") -> dict[str, str]:
    return {item.code: value for _, item in rubric.items()}


async def test_refused_once_a_sheet_of_the_kind_is_in(
    client: AsyncClient, event: EventInfo
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第一分会场"][0]]
    await scoring.submit(event.id, judge, "QC-0001", marks(default_rubric("qc")))
    with pytest.raises(Conflict) as caught:
        await _edited(event)
    assert caught.value.message == "QC小组评分已开始（已有评委提交评分表），评分表不能再修改"
    await login(client, "boss", Role.organiser)
    answer = await client.post(
        "/admin/judging/rubrics/qc", data=form_of(default_rubric("qc"), **EDIT)
    )
    assert answer.status_code == 409
    assert "QC小组评分已开始（已有评委提交评分表），评分表不能再修改" in answer.text
    reset = await client.post("/admin/judging/rubrics/qc/reset")
    assert reset.status_code == 409
    assert await EventRubric.count() == 0
    assert await rubric_edit.save(event.id, "team", form_of(default_rubric("team")))  # not opened


async def test_reset_goes_back_to_the_default_and_is_audited(event: EventInfo) -> None:
    await _edited(event)
    await rubric_edit.reset(event.id, "qc")
    assert (await rubrics.for_event(event.id))["qc"] == default_rubric("qc")
    assert await AuditEntry.count().where(AuditEntry.action == "rubric.reset") == 1


async def test_judges_sheet_follows_the_event_rubric(client: AsyncClient, event: EventInfo) -> None:
    world, rooms = await _seated(event)
    edited = await _edited(event)
    judge = world.judges[rooms["第一分会场"][0]]
    page = await client.get(f"/j/{judge.token}/p/QC-0001")
    assert "课题选择与理由（满分8）" in page.text and "巩固措施与总结" not in page.text
    old = await client.post(f"/j/{judge.token}/p/QC-0001", data=marks(default_rubric("qc")))
    assert old.status_code == 400 and "「活动记录完整」未评分" in old.text
    over = await client.post(
        f"/j/{judge.token}/p/QC-0001", data=marks(edited, "4") | {"m_topic": "9"}
    )
    assert over.status_code == 400 and "「课题选择与理由」的分数应在 0–8 之间" in over.text
    sent = await client.post(f"/j/{judge.token}/p/QC-0001", data=marks(edited, "5"))
    assert sent.status_code == 303  # 11 items of 5


async def test_desk_and_results_use_the_event_rubric(client: AsyncClient, event: EventInfo) -> None:
    world, rooms = await _seated(event)
    edited = await _edited(event)
    await login(client, "desk", Role.staff)
    panel = (await JudgePanel.select(JudgePanel.id).where(JudgePanel.room == world.rooms["第一分会场"]).first())["id"]  # fmt: skip
    desk = await client.get(f"/admin/judging/rooms/{panel}/")
    assert "资料·活动记录完整（满分7）" in desk.text
    judge = next(m for m in world.judges.values() if m.name == rooms["第一分会场"][0])
    form = marks(edited, "2") | {"x1": "7", "judge": str(judge.id), "code": "QC-0002"}
    assert (await client.post(f"/admin/judging/rooms/{panel}/sheets", data=form)).status_code == 303
    res = await awards.compute(event.id, event.timezone)
    score = next(r.entry.score for r in res.by_room["第一分会场"])
    assert (score.mean, score.parts) == (
        Decimal("27.00"), (("material", Decimal("17")), ("delivery", Decimal("10"))))  # fmt: skip


def test_from_stored_reads_the_json_a_query_returns() -> None:
    stored = json.dumps(to_stored(default_rubric("team")))
    assert from_stored("team", stored) == default_rubric("team")
    assert from_stored("team", None) == default_rubric("team")


async def test_a_first_sheet_waits_for_a_rubric_being_saved(db_url: str, event: EventInfo) -> None:
    """PostgreSQL: while a save of the QC rubric is between its check and its commit (it holds
    the event's rubric lock), a judge's first QC sheet waits, then reads the saved rubric: the
    sheet filled on the old one is refused, never stored beside a rubric it does not fit."""
    if not db_url.startswith("postgres"):
        pytest.skip("SQLite's one writer orders the two already")
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第一分会场"][0]]
    engine = EventRubric._meta.db
    saving = await engine.get_new_connection()  # the organiser's save, by hand, held open
    watcher = await engine.get_new_connection()
    try:
        async with saving.transaction():
            await saving.execute(scoring.RUBRIC_LOCK_PG.format(""), event.id)
            edited = form_of(default_rubric("qc"), **EDIT)
            items = json.dumps(rubrics.to_stored(rubric_edit.checked("qc", edited)))
            await saving.execute(
                "INSERT INTO event_rubric (event, kind, items, key, updated_at) "
                "VALUES ($1, 'qc', $2::json, $3, now())", event.id, items, f"{event.id}:qc",
            )  # fmt: skip
            sheet = asyncio.create_task(
                scoring.submit(event.id, judge, "QC-0001", marks(default_rubric("qc")))
            )
            waiting = 0
            for _ in range(200):  # until the sheet waits for the lock (or has gone past it)
                waiting = await watcher.fetchval(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                )
                if waiting or sheet.done():
                    break
                await asyncio.sleep(0.05)
            assert waiting == 1 and not sheet.done()
        with pytest.raises(InvalidInput):  # the new item 活动记录完整 has no mark
            await sheet
    finally:
        await saving.close()
        await watcher.close()
    assert await ScoreSheet.count() == 0
