"""A small published-programme world for the publication, feed and page tests.

Rooms, one block, three presentations with presenters who are registered, and helpers that
store a draft directly in the tables (as the scheduler would) and publish it.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from event.current import EventInfo
from event.programme.render.dates import BEIJING
from event.tables import (
    Assignment,
    Block,
    Organization,
    Person,
    Presentation,
    PresentationPresenter,
    Registration,
    Room,
    Schedule,
    Submission,
)
from event.tokens import token_columns

DAY = date(2021, 8, 18)
NASTY = '降低"焊接"缺陷率; 提高,装配\\合格率\n第二行 <b>&</b>'


@dataclass
class World:
    event: EventInfo
    rooms: dict[str, int]  # name → id
    talks: dict[str, int]  # code → presentation id
    tokens: dict[str, str]  # person name → personal token
    persons: dict[str, int]  # person name → id


def at(hh: int, mm: int, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=BEIJING)


async def _person(
    org: int, name: str, mobile: str, event_id: int, category: str
) -> tuple[int, str]:
    now = datetime.now(UTC)
    pid = (await Person.insert(Person(name=name, organization=org, mobile=mobile, created_at=now))
           .returning(Person.id))[0]["id"]  # fmt: skip
    token = secrets.token_urlsafe(24)
    await Registration.insert(Registration(
        event=event_id, person=pid, category=category, status="active", **token_columns(token),
        active_key=f"{event_id}:{pid}", created_at=now, updated_at=now,
    ))  # fmt: skip
    return pid, token


async def build(event: EventInfo) -> World:
    """Two rooms, block D1-AM (09:45–12:00), QC-0001…QC-0003 presented by 张伟, 李娜, 王芳;
    titles stored as the submission names them (攻关2组 · 缩短齿轮加工周期), as the app does."""
    now = datetime.now(UTC)
    rooms = {}
    for name in ("主会场", "第一分会场"):
        rooms[name] = (await Room.insert(Room(event=event.id, name=name, capacity=80, kinds=["qc"]))
                       .returning(Room.id))[0]["id"]  # fmt: skip
    await Block.insert(Block(event=event.id, code="D1-AM", day=DAY, start=time(9, 45),
                             end=time(12, 0), label="第一天上午", key=f"{event.id}:D1-AM"))  # fmt: skip
    org = (await Organization.insert(Organization(name="某某重型机械股份有限公司", created_at=now))
           .returning(Organization.id))[0]["id"]  # fmt: skip
    titles = {"QC-0001": NASTY, "QC-0002": "缩短齿轮加工周期", "QC-0003": "提高电机装配一次合格率"}
    people = {"QC-0001": "张伟", "QC-0002": "李娜", "QC-0003": "王芳"}
    world = World(event=event, rooms=rooms, talks={}, tokens={}, persons={})
    for n, (code, title) in enumerate(titles.items(), start=1):
        sub = (await Submission.insert(Submission(
            event=event.id, kind="qc", organization=org, title=f"攻关{n}组 · {title}", category="现场型",
            presented=True, status="received", **token_columns(secrets.token_hex(8)),
            data=json.dumps({"group_name": f"攻关{n}组", "topic": title}),
            submitted_at=now, updated_at=now,
        )).returning(Submission.id))[0]["id"]  # fmt: skip
        pres = (await Presentation.insert(Presentation(
            event=event.id, submission=sub, code=code, kind="qc", title=f"攻关{n}组 · {title}", category="现场型",
            organization=org, minutes=18,
        )).returning(Presentation.id))[0]["id"]  # fmt: skip
        pid, token = await _person(org, people[code], f"1380000000{n}", event.id, "presenter")
        await PresentationPresenter.insert(
            PresentationPresenter(presentation=pres, person=pid, key=f"{pres}:{pid}")
        )
        world.talks[code], world.tokens[people[code]] = pres, token
        world.persons[people[code]] = pid
    pid, token = await _person(org, "赵敏", "13800000009", event.id, "observer")
    world.tokens["赵敏"], world.persons["赵敏"] = token, pid
    return world


async def store_draft(world: World, placements: dict[str, tuple[str, datetime]]) -> int:
    """A draft (version null) placing code → (room name, start), 18 minutes each."""
    await Schedule.delete().where(Schedule.version.is_null())
    sid = (await Schedule.insert(Schedule(event=world.event.id, created_at=datetime.now(UTC)))
           .returning(Schedule.id))[0]["id"]  # fmt: skip
    for position, (code, (room, start)) in enumerate(placements.items()):
        await Assignment.insert(Assignment(
            schedule=sid, presentation=world.talks[code], room=world.rooms[room], block="D1-AM",
            position=position, starts_at=start, ends_at=start + timedelta(minutes=18),
        ))  # fmt: skip
    return sid


FIRST = {
    "QC-0001": ("第一分会场", at(9, 45)),
    "QC-0002": ("第一分会场", at(10, 3)),
    "QC-0003": ("第一分会场", at(10, 21)),
}
# Version 2: QC-0001 moves to the 主会场 at 10:00, QC-0003 is no longer placed.
SECOND = {"QC-0001": ("主会场", at(10, 0)), "QC-0002": ("第一分会场", at(10, 3))}


def apart(code: str) -> dict[str, tuple[str, datetime]]:
    """FIRST with `code` alone in the 主会场 at the same time: a session holds one category, so a
    talk that changes category keeps its place only in a session of its own."""
    return FIRST | {code: ("主会场", FIRST[code][1])}
