"""A Snapshot → the plain rows the programme pages print (computed once per snapshot)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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
    rows = tuple(_my_row(i, by_uid.get(i.uid, "")) for i in snap.personal_items(attendee))
    own = [snap.talks[c] for c in codes]
    sessions = {(t.room_id, t.block) for t in own}
    around = [t for t in snap.talks.values() if (t.room_id, t.block) in sessions]
    return MySchedule(
        rows=rows, sessions=_sessions(around, frozenset(codes)), presenter=bool(codes)
    )
