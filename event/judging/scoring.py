"""Score sheets: a judge submits one per presentation of their own sessions (submitting locks
it); a scorer at the room's desk enters a paper sheet for a judge; closing a session shows the
panel each other's sheets; after closing only an organiser corrects a sheet. Each is audited.

A seat is found from the presentation's place in the latest published programme: its room and
block name the panel, and the judge must sit on that panel.

A judge's sheet is on the path every judge of every room takes every few minutes, so it costs
few round trips: one statement finds the judge (by the link's key), the place and the seat; on
PostgreSQL one more statement stores the sheet and its audit entry (data-modifying WITH, as the
registration does), on SQLite the same statements run in one IMMEDIATE transaction on the kept
writer connection (no connection opened per request). A sheet already stored is refused by the
unique key (ON CONFLICT DO NOTHING), not by a read before the write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from piccolo.engine.postgres import PostgresEngine
from piccolo.utils.encoding import dump_json

from event import audit
from event.db import pg_connection, write_transaction
from event.errors import Conflict, DomainError, FieldProblem, InvalidInput, NotFound
from event.judging.rubrics import Rubric, SheetError, from_stored, sheet_totals
from event.tables import Assignment, JudgePanel, ScoreSheet
from event.tokens import same_token, token_key


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
    panel. One query."""
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
    items = rubric.items()
    try:  # a sheet as sent from the page: every mark checked in one pass
        marks = {item.code: Decimal(str(form.get(item.code, "")).strip()) for _, item in items}
        total = sheet_totals(rubric, marks)["total"]
        return {k: str(v) for k, v in marks.items()}, total
    except (InvalidOperation, SheetError):
        pass  # some mark is wrong: name every one below
    marks = {}
    problems = []
    for _, item in items:
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
    return await _submit(event_id, code, form, entered_by, judge_id=judge.id)


async def submit_by_link(event_id: int, token: str, code: str, form: dict[str, Any]) -> Decimal:
    """As submit, for the judge whose private link is `token` (NotFound when it is none)."""
    return await _submit(event_id, code, form, "", token=token)


@dataclass(frozen=True)
class _Seat:
    judge: int
    judge_name: str
    presentation: int
    kind: str
    panel: int
    rubric: Rubric


# The judge (by the link's key or by id), the presentation's place in the latest published
# programme, the event's rubric of its kind (none: the default), and the judge's seat on its
# panel. `{name}` and `{name:type}` are parameters.
SEAT_SQL = """SELECT j.id AS judge, j.name AS judge_name, j.token AS stored_token,
    x.presentation, x.kind, x.panel, x.closed, x.rubric, ps.id AS seat
FROM judge j LEFT JOIN (
    SELECT a.presentation, p.kind, jp.id AS panel, jp.closed, er.items AS rubric
    FROM assignment a JOIN schedule s ON s.id = a.schedule
    JOIN presentation p ON p.id = a.presentation
    LEFT JOIN judge_panel jp ON jp.event = s.event AND jp.room = a.room AND jp.block = a.block
    LEFT JOIN event_rubric er ON er.event = s.event AND er.kind = p.kind
    WHERE p.code = {code:varchar} AND s.event = {event:integer} AND NOT a.cancelled
    AND s.version = (SELECT MAX(version) FROM schedule
                     WHERE event = {event:integer} AND version IS NOT NULL)
) x ON 1 = 1
LEFT JOIN panel_seat ps ON ps.panel = x.panel AND ps.judge = j.id
WHERE j.{who} = {who_value:%s}"""

_SHEET_VALUES = (
    "{panel:integer}, {judge:integer}, {presentation:integer}, {marks:json}, {total:varchar}, "
    "true, {entered_by:varchar}, {key:varchar}, {now:timestamptz}"
)
_SHEET = "INSERT INTO score_sheet (panel, judge, presentation, marks, total, locked, entered_by, key, submitted_at) "  # fmt: skip
_AUDIT = "INSERT INTO audit_entry (event, at, actor, action, entity, entity_id, summary, detail) "
_AUDIT_VALUES = (
    "{event:integer}, {now:timestamptz}, {actor:varchar}, 'score.submit', 'score_sheet', "
    "{key:varchar}, {summary:varchar}, {detail:json}"
)
# SQLite: three statements in the caller's transaction (it has no data-modifying WITH).
SHEET_SQLITE = _SHEET + f"VALUES ({_SHEET_VALUES}) ON CONFLICT (key) DO NOTHING RETURNING id"
AUDIT_SQLITE = _AUDIT + f"VALUES ({_AUDIT_VALUES})"
# PostgreSQL: one statement; nothing is written when the session was closed meanwhile or the
# sheet exists (the audit entry is inserted only from the sheet's row).
STORE_PG = f"""WITH sheet AS (
    {_SHEET}SELECT {_SHEET_VALUES} FROM judge_panel WHERE id = {{panel:integer}} AND NOT closed
    ON CONFLICT (key) DO NOTHING RETURNING id
), logged AS (
    {_AUDIT}SELECT {_AUDIT_VALUES} FROM sheet
)
SELECT id FROM sheet"""


@cache
def _compiled(sql: str, postgres: bool) -> tuple[str, tuple[str, ...]]:
    """`sql` with its `{name:type}` parameters as `$n::type` (PostgreSQL, one number per name)
    or `?` (SQLite, one per occurrence); and the names in the order of the values to send."""
    names: list[str] = []

    def place(match: re.Match[str]) -> str:
        name, sql_type = match.group(1), match.group(2)
        if not postgres:
            names.append(name)
            return "?"
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}::{sql_type}" if sql_type else f"${names.index(name) + 1}"

    return re.sub(r"\{(\w+)(?::(\w+))?\}", place, sql), tuple(names)


def _seat_sql(by_token: bool, postgres: bool) -> tuple[str, tuple[str, ...]]:
    who, sql_type = ("token_key", "varchar") if by_token else ("id", "integer")
    return _compiled(SEAT_SQL.replace("{who}", who).replace("%s", sql_type), postgres)


def _args(compiled: tuple[str, tuple[str, ...]], values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values[n] for n in compiled[1])


def _seat(rows: list[Any], token: str | None) -> _Seat:
    """The checked seat of the row SEAT_SQL found: NotFound, NotYours or room_closed else."""
    row = rows[0] if rows else None
    if row is None or (token is not None and not same_token(row["stored_token"], token)):
        raise NotFound("链接无效")
    if row["presentation"] is None:
        raise NotFound("日程中没有这项发表")
    if row["panel"] is None:
        raise NotYours("这项发表所在的场次尚未安排评委组")
    if row["seat"] is None:
        raise NotYours("这项发表不在您的评委组所评的场次中，不能评分")
    if row["closed"]:
        raise Conflict(*CLOSED)
    return _Seat(row["judge"], row["judge_name"], row["presentation"], row["kind"], row["panel"],
                 from_stored(row["kind"], row["rubric"]))  # fmt: skip


@dataclass(frozen=True)
class _Sheet:
    """A checked sheet: the parameters of the statements that store it, and its audit entry."""

    params: dict[str, Any]
    total: Decimal
    summary: str
    detail: dict[str, Any]


def _sheet(event_id: int, seat: _Seat, code: str, form: dict[str, Any], entered_by: str) -> _Sheet:
    marks, total = parse_marks(seat.rubric, form)
    by = f"（{entered_by}代录纸质评分表）" if entered_by else ""
    summary = f"{seat.judge_name} 为 {code} 评分 {total} 分{by}"[:500]
    detail = {"marks": marks, "entered_by": entered_by}
    params = {"panel": seat.panel, "judge": seat.judge, "presentation": seat.presentation,
              "marks": dump_json(marks), "total": str(total), "entered_by": entered_by,
              "key": f"{seat.presentation}:{seat.judge}", "now": datetime.now(UTC),
              "event": event_id, "actor": audit.actor(), "summary": summary,
              "detail": dump_json(detail)}  # fmt: skip
    return _Sheet(params, total, summary, detail)


# A kind's rubric is fixed once a sheet of that kind is in (rubric_edit.save checks). On
# PostgreSQL a sheet is read and stored under the event's rubric lock held shared, and a rubric
# is checked and saved under it held exclusively: otherwise a save could pass its check while
# a sheet validated against the old rubric is between its read and its commit (SQLite's one
# writer orders them already).
RUBRIC_LOCK_PG = "SELECT pg_advisory_xact_lock{}(7301, $1::integer)"


async def hold_rubric_lock(event_id: int, *, shared: bool) -> None:
    """Takes the event's rubric lock until the current transaction ends (PostgreSQL only)."""
    engine = ScoreSheet._meta.db
    if isinstance(engine, PostgresEngine):
        async with pg_connection(engine) as connection:  # the transaction's connection
            await connection.execute(RUBRIC_LOCK_PG.format("_shared" if shared else ""), event_id)


LOCKED = ("sheet_locked", "这份评分表已提交并锁定，不能修改")
CLOSED = ("room_closed", "本场评分已结束，不能再提交；如需更正请联系组织者")
CLOSED_PG = "SELECT closed FROM judge_panel WHERE id = $1::integer"


async def _submit(event_id: int, code: str, form: dict[str, Any], entered_by: str, *,
                  token: str | None = None, judge_id: int | None = None) -> Decimal:  # fmt: skip
    engine = ScoreSheet._meta.db
    seat_sql = _seat_sql(token is not None, isinstance(engine, PostgresEngine))
    who = {"who_value": token_key(token) if token is not None else judge_id,
           "code": code, "event": event_id}  # fmt: skip
    if isinstance(engine, PostgresEngine):
        store = _compiled(STORE_PG, True)
        # One transaction on one connection of the pool (each hand-back costs the pool a
        # reset): the rubric lock, the seat with its rubric, the sheet; subscribers write in it.
        async with engine.transaction():
            async with pg_connection(engine) as connection:
                await connection.execute(RUBRIC_LOCK_PG.format("_shared"), event_id)
                seat = _seat(await connection.fetch(seat_sql[0], *_args(seat_sql, who)), token)
                sheet = _sheet(event_id, seat, code, form, entered_by)
                if await connection.fetchval(store[0], *_args(store, sheet.params)) is None:
                    closed = await connection.fetchval(CLOSED_PG, seat.panel)
                    raise Conflict(*(CLOSED if closed else LOCKED))
            await _notify(event_id, sheet)
        return sheet.total
    async with write_transaction(engine):
        connection = engine.current_transaction.get().connection  # type: ignore[union-attr]
        seat = _seat(await _fetch(connection, seat_sql, who), token)
        sheet = _sheet(event_id, seat, code, form, entered_by)
        if not await _fetch(connection, _compiled(SHEET_SQLITE, False), sheet.params):
            raise Conflict(*LOCKED)
        await _fetch(connection, _compiled(AUDIT_SQLITE, False), sheet.params)
        await _notify(event_id, sheet)
    return sheet.total


async def _fetch(connection: Any, compiled: tuple[str, tuple[str, ...]],
                 values: dict[str, Any]) -> list[Any]:  # fmt: skip
    # One hand-off to the connection's thread (execute, fetchall and close would be three).
    return list(await connection.execute_fetchall(compiled[0], _args(compiled, values)))


async def _notify(event_id: int, sheet: _Sheet) -> None:
    """The stored entry's subscribers and listeners (audit.notify: the entry is written above)."""
    await audit.notify(event_id, "score.submit", "score_sheet", sheet.params["key"],
                       sheet.summary, sheet.detail)  # fmt: skip


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
    return [SheetView(r["judge"], r["name"], r["presentation"], marks_of(r["marks"]), r["total"],
                      r["entered_by"]) for r in rows]  # fmt: skip


def marks_of(value: Any) -> dict[str, str]:
    """A sheet's marks as a query returns them (JSON text on SQLite and from raw SQL)."""
    import json

    return json.loads(value) if isinstance(value, str) else dict(value or {})
