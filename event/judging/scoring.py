"""Score sheets: a judge submits one per presentation of their own sessions (submitting locks
it); a scorer at the room's desk enters a paper sheet for a judge; closing a session shows the
panel each other's sheets; after closing only an organiser corrects a sheet. Each is audited.

A seat is found from the presentation's place in the latest published programme: its room and
block name the panel, and the judge must sit on that panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from event import audit
from event.db import write_transaction
from event.errors import Conflict, DomainError, FieldProblem, InvalidInput, NotFound
from event.judging.rubrics import Rubric, SheetError, from_stored, sheet_totals
from event.tables import Assignment, JudgePanel, ScoreSheet


class NotYours(DomainError):
    """The judge does not sit on the panel that hears this presentation."""

    code = "not_your_room"


@dataclass(frozen=True)
class Place:
    """Where a presentation is judged, for one judge."""

    presentation: int
    code: str
    title: str
    unit: str
    kind: str
    panel: int
    closed: bool
    rubric_items: Any = None  # the event's EventRubric.items of the kind, None for the default

    @property
    def rubric(self) -> Rubric:
        return from_stored(self.kind, self.rubric_items)


PLACE_SQL = (
    "SELECT a.presentation, p.title, p.kind, o.name AS unit, jp.id AS panel, jp.closed, ps.id AS seat, er.items AS rubric "
    "FROM assignment a JOIN schedule s ON s.id = a.schedule "
    "JOIN presentation p ON p.id = a.presentation JOIN organization o ON o.id = p.organization "
    "LEFT JOIN judge_panel jp ON jp.event = s.event AND jp.room = a.room AND jp.block = a.block "
    "LEFT JOIN panel_seat ps ON ps.panel = jp.id AND ps.judge = {} "
    "LEFT JOIN event_rubric er ON er.event = s.event AND er.kind = p.kind "
    "WHERE p.code = {} AND s.event = {} AND a.cancelled = {} AND s.version = "
    "(SELECT MAX(version) FROM schedule WHERE event = {} AND version IS NOT NULL)"
)


async def place(event_id: int, code: str, judge_id: int | None) -> Place:
    """The presentation `code`, its panel and the event's rubric of its kind; NotFound when it
    is not in the published programme, NotYours when `judge_id` (if given) does not sit on that
    panel. One query: it is on the path of every sheet a judge sends."""
    rows = await Assignment.raw(PLACE_SQL, judge_id or 0, code, event_id, False, event_id)
    if not rows:
        raise NotFound("日程中没有这项发表")
    row = rows[0]
    if row["panel"] is None:
        raise NotYours("这项发表所在的场次尚未安排评委组")
    if judge_id is not None and row["seat"] is None:
        raise NotYours("这项发表不在您的评委组所评的场次中，不能评分")
    return Place(row["presentation"], code, row["title"], row["unit"], row["kind"], row["panel"],
                 bool(row["closed"]), row["rubric"])  # fmt: skip


def parse_marks(rubric: Rubric, form: dict[str, Any]) -> tuple[dict[str, str], Decimal]:
    """The marks typed into a sheet (item code → text) checked against the rubric: every
    wrong item named at once (InvalidInput), else (marks as text, total)."""
    marks: dict[str, Decimal] = {}
    problems = []
    for _, item in rubric.items():
        raw = str(form.get(item.code, "")).strip()
        if not raw:
            problems.append(FieldProblem(item.code, f"「{item.name}」未评分"))
            continue
        try:
            marks[item.code] = Decimal(raw)
            sheet_totals(rubric, {item.code: marks[item.code]} | _full(rubric, item.code))
        except InvalidOperation:
            problems.append(FieldProblem(item.code, f"「{item.name}」的分数不是数字"))
        except SheetError as exc:
            problems.append(FieldProblem(exc.field, exc.message))
    if problems:
        raise InvalidInput(problems)
    total = sheet_totals(rubric, marks)["total"]
    return {k: str(v) for k, v in marks.items()}, total


def _full(rubric: Rubric, but: str) -> dict[str, Decimal]:
    """Valid placeholder marks for every item but one: checks one item at a time."""
    return {i.code: Decimal(0) for _, i in rubric.items() if i.code != but}


async def submit(event_id: int, judge: Any, code: str, form: dict[str, Any],
                 entered_by: str = "") -> Decimal:  # fmt: skip
    """Store and lock the judge's sheet for `code` (a scorer's paper copy when `entered_by`).
    Refused: not their panel, the session closed, a sheet already locked."""
    where = await place(event_id, code, judge.id)
    if where.closed:
        raise Conflict("room_closed", "本场评分已结束，不能再提交；如需更正请联系组织者")
    marks, total = parse_marks(where.rubric, form)
    key = f"{where.presentation}:{judge.id}"
    async with write_transaction(ScoreSheet._meta.db):
        if await ScoreSheet.exists().where(ScoreSheet.key == key):
            raise Conflict("sheet_locked", "这份评分表已提交并锁定，不能修改")
        await ScoreSheet.insert(ScoreSheet(
            panel=where.panel, judge=judge.id, presentation=where.presentation, marks=marks,
            total=str(total), locked=True, entered_by=entered_by, key=key,
            submitted_at=datetime.now(UTC),
        ))  # fmt: skip
        by = f"（{entered_by}代录纸质评分表）" if entered_by else ""
        await audit.record(event_id, "score.submit", "score_sheet", key,
                           f"{judge.name} 为 {code} 评分 {total} 分{by}",
                           {"marks": marks, "entered_by": entered_by})  # fmt: skip
    return total


async def correct(event_id: int, judge: Any, code: str, form: dict[str, Any], by: str) -> Decimal:
    """An organiser's correction of a stored sheet (before or after closing), audited with
    the old and new marks."""
    where = await place(event_id, code, judge.id)
    marks, total = parse_marks(where.rubric, form)
    key = f"{where.presentation}:{judge.id}"
    async with write_transaction(ScoreSheet._meta.db):
        old = await ScoreSheet.select(ScoreSheet.marks, ScoreSheet.total).where(ScoreSheet.key == key).first()  # fmt: skip
        if old is None:
            raise NotFound("这位评委还没有这项发表的评分表")
        await ScoreSheet.update({ScoreSheet.marks: marks, ScoreSheet.total: str(total)}).where(
            ScoreSheet.key == key
        )
        await audit.record(event_id, "score.correct", "score_sheet", key,
                           f"{by} 更正 {judge.name} 对 {code} 的评分：{old['total']} → {total}",
                           {"before": old["marks"], "after": marks})  # fmt: skip
    return total


async def close(event_id: int, panel_id: int, by: str, label: str) -> None:
    """End scoring of a session: its panel sees each other's sheets, only organisers correct."""
    async with write_transaction(JudgePanel._meta.db):
        done = await JudgePanel.update({
            JudgePanel.closed: True, JudgePanel.closed_at: datetime.now(UTC), JudgePanel.closed_by: by,
        }).where((JudgePanel.id == panel_id) & (JudgePanel.event == event_id) & JudgePanel.closed.eq(False)).returning(JudgePanel.id)  # fmt: skip
        if not done:
            raise Conflict("room_closed", "本场评分已经结束")
        await audit.record(event_id, "room.close", "judge_panel", panel_id, f"{label} 评分结束")


@dataclass(frozen=True)
class SheetView:
    judge: int
    judge_name: str
    presentation: int
    marks: dict[str, str]
    total: str
    entered_by: str


async def sheets(panel_ids: list[int]) -> list[SheetView]:
    """Every stored sheet of these panels."""
    S = ScoreSheet
    rows = await S.select(
        S.judge, S.judge.name.as_alias("name"), S.presentation, S.marks, S.total, S.entered_by
    ).where(S.panel.is_in(panel_ids or [0])).order_by(S.id)  # fmt: skip
    return [SheetView(r["judge"], r["name"], r["presentation"], _json(r["marks"]), r["total"],
                      r["entered_by"]) for r in rows]  # fmt: skip


def _json(value: Any) -> dict[str, str]:
    import json

    return json.loads(value) if isinstance(value, str) else dict(value or {})
