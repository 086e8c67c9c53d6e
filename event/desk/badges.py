"""Badges from the database: who gets one, in which order, with which number and room lines.

The renderer (`badges`) takes plain data; this module turns registrations into `badges.Badge`
values, sorted by unit and then 按姓氏笔画, and renders them off the event loop.

Numbers are given once, the first time any badge is printed: every active registration without
a number gets the next one, in unit + 姓氏笔画 order, so the first batch is numbered in the order
it prints and later registrations (on-site ones too) continue the series. A number never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from piccolo.engine.postgres import PostgresEngine

from badges import Badge, check_glyphs
from event.collation import name_key, unit_key
from event.current import EventInfo
from event.db import write_transaction
from event.enums import AttendeeCategory, RegistrationStatus
from event.errors import NotFound
from event.printing import meeting_of, palette, render
from event.programme.presenters import as_published
from event.registration.checkin_code import new_checkin_code
from event.tables import Assignment, Registration, Schedule

R = Registration
ACTIVE = RegistrationStatus.active.value
NUMBERING_LOCK = 7_040_001  # pg_advisory_xact_lock key of badge numbering


@dataclass(frozen=True, slots=True)
class BadgeRow:
    """One registration as the badge needs it (read once, then sorted and rendered)."""

    registration_id: int
    person_id: int
    name: str
    unit: str
    category: str
    checkin_token: str
    badge_number: int


def badge_order(row: Any) -> tuple[object, ...]:
    """Sort key of a badge: its unit, then the person's name by 姓氏笔画."""
    return (unit_key(row["unit"]), name_key(row["name"]), row["id"])


_ROW_COLUMNS = (
    R.id, R.person, R.category, R.checkin_token, R.badge_number,
    R.person._.name.as_alias("name"), R.person._.organization._.name.as_alias("unit"),
)  # fmt: skip


async def prepare(event_id: int) -> None:
    """Give every active registration a check-in token and a badge number where it has none."""
    missing = (R.event == event_id) & (R.status == ACTIVE)
    if not await R.exists().where(missing & (R.checkin_token.is_null() | R.badge_number.is_null())):
        return
    async with write_transaction(R._meta.db):
        if isinstance(R._meta.db, PostgresEngine):
            # SQLite's IMMEDIATE transaction already serialises this; PostgreSQL needs a lock,
            # or two first prints at once could read the same highest number.
            await R.raw("SELECT pg_advisory_xact_lock({})", NUMBERING_LOCK)
        for row in await R.select(R.id).where(missing & R.checkin_token.is_null()):
            token = new_checkin_code()
            await R.update({R.checkin_token: token}).where(
                (R.id == row["id"]) & R.checkin_token.is_null()
            )
        rows = await R.select(*_ROW_COLUMNS).where(missing & R.badge_number.is_null())
        if not rows:
            return
        top = await R.select(R.badge_number).where(
            (R.event == event_id) & R.badge_number.is_not_null()
        ).order_by(R.badge_number, ascending=False).first()  # fmt: skip
        number = top["badge_number"] if top else 0
        for row in sorted(rows, key=badge_order):
            number += 1
            await R.update({R.badge_number: number}).where(
                (R.id == row["id"]) & R.badge_number.is_null()
            )


async def rows(
    event_id: int,
    *,
    category: AttendeeCategory | str | None = None,
    unit: str | None = None,
    registration_id: int | None = None,
) -> list[BadgeRow]:
    """The active registrations selected, sorted by unit then 姓氏笔画, numbered."""
    await prepare(event_id)
    where = (R.event == event_id) & (R.status == ACTIVE)
    if category:
        where &= R.category == str(category)
    if unit:
        where &= R.person._.organization._.name == unit
    if registration_id is not None:
        where &= R.id == registration_id
    found = sorted(await R.select(*_ROW_COLUMNS).where(where), key=badge_order)
    return [
        BadgeRow(r["id"], r["person"], r["name"], r["unit"], r["category"], r["checkin_token"],
                 r["badge_number"])
        for r in found
    ]  # fmt: skip


async def room_lines(event: EventInfo, person_ids: set[int] | None = None) -> dict[int, list[str]]:
    """Person id → "第三分会场 8月18日 14:00" for each of their talks in the published schedule
    (the highest version), with its presenters as published, in time order (of `person_ids`
    only, when given); empty when nothing is published."""
    current = await Schedule.select(Schedule.id).where(
        (Schedule.event == event.id) & Schedule.version.is_not_null()
    ).order_by(Schedule.version, ascending=False).first()  # fmt: skip
    if current is None:
        return {}
    A = Assignment
    talks = await A.select(
        A.presentation, A.presenters, A.starts_at, A.room.name.as_alias("room")
    ).where((A.schedule == current["id"]) & (A.cancelled == False))  # noqa: E712  # fmt: skip
    presenters = await as_published(talks)
    zone = ZoneInfo(event.timezone or "Asia/Shanghai")
    lines: dict[int, list[tuple[Any, str]]] = {}
    for talk in talks:
        local = talk["starts_at"].astimezone(zone)
        line = f"{talk['room']} {local.month}月{local.day}日 {local:%H:%M}"
        for person in presenters[talk["presentation"]]:
            if person_ids is None or person in person_ids:
                lines.setdefault(person, []).append((talk["starts_at"], line))
    return {p: [line for _, line in sorted(items)] for p, items in lines.items()}


def to_badge(row: BadgeRow, lines: list[str] | tuple[str, ...] = ()) -> Badge:
    return Badge(f"{row.badge_number:04d}", row.name, row.unit, row.category, "", row.checkin_token,
                 tuple(lines))  # fmt: skip


async def select(
    event: EventInfo,
    *,
    category: AttendeeCategory | str | None = None,
    unit: str | None = None,
    registration_id: int | None = None,
) -> list[Badge]:
    """The badges of a batch (all, one category, one unit) or of one registration, in print
    order, with room lines from the published schedule."""
    found = await rows(event.id, category=category, unit=unit, registration_id=registration_id)
    single = {found[0].person_id} if registration_id is not None and found else None
    lines = await room_lines(event, single)
    return [to_badge(r, lines.get(r.person_id, ())) for r in found]


async def batch_pdf(
    event: EventInfo,
    *,
    layout: str = "a6",
    category: AttendeeCategory | str | None = None,
    unit: str | None = None,
    off_loop: bool = True,
) -> tuple[bytes, int]:
    """One PDF with the selected badges, and how many; rendered in a worker thread (on the
    loop's thread with `off_loop=False`, see `render`). A badge with a character no font has
    is left out (organisers see it listed on /admin/badges), so one record cannot stop the run;
    a meeting name without a font still refuses the run."""
    selected = await select(event, category=category, unit=unit)
    if not selected:
        raise NotFound("没有符合条件的有效登记，无法生成代表证")
    bad = {m.number for m in check_glyphs(selected, meeting_of(event), palette()) if m.number}
    printable = [b for b in selected if b.number not in bad] or selected  # all bad: say why
    return await render(printable, event, layout, off_loop=off_loop), len(printable)


async def single_pdf(event: EventInfo, registration_id: int, layout: str = "a6") -> bytes:
    """One registration's badge (a reprint at the desk)."""
    selected = await select(event, registration_id=registration_id)
    if not selected:
        raise NotFound("未找到该代表的有效登记")
    return await render(selected, event, layout)
