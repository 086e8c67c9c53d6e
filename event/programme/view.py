"""A Snapshot → the plain rows the programme pages print (computed once per snapshot)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from event.errors import NotFound
from event.programme.render.dates import day_heading, local, time_range
from event.programme.render.model import AgendaItem
from event.programme.render.view import AgendaDay, agenda_days, room_rank
from event.programme.service import Attendee, Snapshot, Talk


@dataclass(frozen=True, slots=True)
class TalkRow:
    number: str  # 发表序号 in the room; empty when cancelled
    time: str
    code: str
    title: str
    category: str
    team: str
    organization: str
    presenters: str
    room: str
    room_id: int
    cancelled: bool
    mine: bool = False


@dataclass(frozen=True, slots=True)
class Session:
    heading: str  # 8月18日（星期三） 09:45–12:00
    room: str
    room_id: int
    rows: tuple[TalkRow, ...]


@dataclass(frozen=True, slots=True)
class MyRow:
    day: str
    time: str
    title: str
    location: str
    host: str
    cancelled: bool
    code: str = ""  # set for the attendee's own presentation


@dataclass(frozen=True, slots=True)
class MySchedule:
    rows: tuple[MyRow, ...]
    sessions: tuple[Session, ...]  # the sessions around the attendee's own presentations
    presenter: bool


@dataclass(frozen=True, slots=True)
class GridRow:
    time: str  # 09:45–12:00: from the first talk to the last of the block
    cells: tuple[tuple[TalkRow, ...], ...]  # one per room of the day, in the room order


@dataclass(frozen=True, slots=True)
class GridDay:
    day: str  # 8月18日（星期三）
    rooms: tuple[tuple[int, str], ...]  # the rooms with a talk that day
    rows: tuple[GridRow, ...]


def grid(snap: Snapshot) -> tuple[GridDay, ...]:
    """The programme as rooms × times, a table per day (numbers as on the room pages)."""
    if "grid" not in snap.views:
        numbered = {r.code: r for s in _sessions(snap.talks.values()) for r in s.rows}
        by_day: dict[date, dict[str, list[Talk]]] = defaultdict(lambda: defaultdict(list))
        for talk in sorted(snap.talks.values(), key=lambda t: (t.start, t.code)):
            by_day[local(talk.start).date()][talk.block].append(talk)
        snap.views["grid"] = tuple(
            _grid_day(day, blocks, snap.rooms, numbered) for day, blocks in sorted(by_day.items())
        )
    return snap.views["grid"]


def _grid_day(
    day: date, blocks: dict[str, list[Talk]], all_rooms: tuple[tuple[int, str], ...],
    numbered: dict[str, TalkRow],
) -> GridDay:  # fmt: skip
    used = {t.room_id for talks in blocks.values() for t in talks}
    rooms = tuple(r for r in all_rooms if r[0] in used)
    rows = []
    for talks in sorted(blocks.values(), key=lambda ts: ts[0].start):
        live = [t for t in talks if not t.cancelled] or talks
        cells = tuple(
            tuple(numbered[t.code] for t in talks if t.room_id == rid) for rid, _ in rooms
        )
        rows.append(GridRow(time_range(live[0].start, max(t.end for t in live)), cells))
    return GridDay(day=day_heading(day), rooms=rooms, rows=tuple(rows))


def days(snap: Snapshot) -> tuple[AgendaDay, ...]:
    """日期 | 时间 | 内容 | 地点 | 主持人: plenary items and one row per parallel session."""
    if "days" not in snap.views:
        snap.views["days"] = agenda_days(snap.items, room_rank(snap.rooms))
    return snap.views["days"]


def _row(talk: Talk, number: str, mine: bool = False) -> TalkRow:
    return TalkRow(
        number=number, time=time_range(talk.start, talk.end), code=talk.code, title=talk.title,
        category=talk.category, team=talk.team, organization=talk.organization,
        presenters="、".join(talk.presenters), room=talk.room_name, room_id=talk.room_id,
        cancelled=talk.cancelled, mine=mine,
    )  # fmt: skip


def _sessions(talks: Iterable[Talk], mine: frozenset[str] = frozenset()) -> tuple[Session, ...]:
    """Talks grouped by room and block, numbered through each room (cancelled: no number)."""
    groups: dict[tuple[int, str], list[Talk]] = defaultdict(list)
    for talk in talks:
        groups[(talk.room_id, talk.block)].append(talk)
    numbers: dict[int, int] = defaultdict(int)
    result = []
    for (room_id, _), members in sorted(groups.items(), key=lambda kv: min(t.start for t in kv[1])):
        members.sort(key=lambda t: (t.start, t.code))
        rows = []
        for talk in members:
            if not talk.cancelled:
                numbers[room_id] += 1
            number = "" if talk.cancelled else str(numbers[room_id])
            rows.append(_row(talk, number, talk.code in mine))
        live = [t for t in members if not t.cancelled] or members
        start, end = live[0].start, max(t.end for t in live)
        heading = f"{day_heading(local(start).date())} {time_range(start, end)}"
        result.append(Session(heading, members[0].room_name, room_id, tuple(rows)))
    return tuple(result)


def room(snap: Snapshot, room_id: int) -> tuple[str, tuple[Session, ...]]:
    """The 发表顺序表 of one room: its name and its sessions in time order."""
    name = snap.room_name(room_id)
    key = f"room:{room_id}"
    if key not in snap.views:
        snap.views[key] = _sessions(t for t in snap.talks.values() if t.room_id == room_id)
    return name, snap.views[key]


def category(snap: Snapshot, kind: str, name: str) -> tuple[str, tuple[Session, ...]]:
    """Every presentation of one category, by session (room and half day)."""
    talks = [t for t in snap.talks.values() if t.category_key == (kind, name)]
    if not talks:
        raise NotFound("未找到该类别的发表")
    key = f"category:{kind}:{name}"
    if key not in snap.views:
        snap.views[key] = _sessions(talks)
    return talks[0].category, snap.views[key]


def _my_row(item: AgendaItem, code: str = "") -> MyRow:
    return MyRow(
        day=day_heading(local(item.start).date()), time=time_range(item.start, item.end),
        title=item.title, location=item.room_name, host=item.host,
        cancelled=item.status == "cancelled", code=code,
    )  # fmt: skip


def personal(snap: Snapshot, attendee: Attendee) -> MySchedule:
    """我的日程: the plenary items; a presenter also sees their slot and the session around it."""
    codes = snap.by_person.get(attendee.person_id, ())
    by_uid = {snap.talks[c].uid: c for c in codes}
    in_time = sorted(snap.personal_items(attendee), key=lambda i: (i.start, i.end))
    rows = tuple(_my_row(i, by_uid.get(i.uid, "")) for i in in_time)
    own = [snap.talks[c] for c in codes]
    sessions = {(t.room_id, t.block) for t in own}
    around = [t for t in snap.talks.values() if (t.room_id, t.block) in sessions]
    return MySchedule(
        rows=rows, sessions=_sessions(around, frozenset(codes)), presenter=bool(codes)
    )
