"""A small event to schedule, inserted straight into the tables: two rooms, two blocks, and
presentations with their presenters as people."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from event.current import EventInfo
from event.programme.schedule import drafts
from event.programme.schedule.runs import event_instance
from event.tables import (
    Block,
    Organization,
    Person,
    Presentation,
    PresentationPresenter,
    Room,
    Submission,
)
from event.tokens import token_columns
from scheduling.lots import timed
from scheduling.model import Schedule, Stats

DAY = date(2021, 8, 18)
AM = "8月18日上午（08:30–10:00）"  # small_event's D1-AM as refusals and the grid name it


@dataclass
class Seeded:
    rooms: dict[str, int]  # name → id
    presentations: dict[str, int]  # code → id
    people: dict[str, int] = field(default_factory=dict)  # mobile → id
    organizations: dict[str, int] = field(default_factory=dict)


async def add_room(
    event: EventInfo, name: str, capacity: int = 100, kinds=("qc", "team", "story")
) -> int:
    rows = await Room.insert(
        Room(event=event.id, name=name, capacity=capacity, kinds=list(kinds))
    ).returning(Room.id)
    return rows[0]["id"]


async def add_block(
    event: EventInfo, code: str, start: str, end: str, label: str = "", day: date = DAY
) -> None:
    await Block.insert(Block(event=event.id, code=code, day=day, start=time.fromisoformat(start),
                             end=time.fromisoformat(end), label=label, key=f"{event.id}:{code}"))  # fmt: skip


async def _org(seeded: Seeded, name: str) -> int:
    if name not in seeded.organizations:
        rows = await Organization.insert(
            Organization(name=name, created_at=datetime.now(UTC))
        ).returning(Organization.id)
        seeded.organizations[name] = rows[0]["id"]
    return seeded.organizations[name]


async def _person(seeded: Seeded, mobile: str, org_id: int) -> int:
    if mobile not in seeded.people:
        rows = await Person.insert(Person(name=f"发表人{mobile[-4:]}", organization=org_id, mobile=mobile,
                                          created_at=datetime.now(UTC))).returning(Person.id)  # fmt: skip
        seeded.people[mobile] = rows[0]["id"]
    return seeded.people[mobile]


async def add_presentation(
    event: EventInfo, seeded: Seeded, code: str, *, kind: str = "qc", category: str = "现场型",
    minutes: int = 18, org: str = "甲机床有限公司", mobile: str | None = None, audience: int = 60,
) -> int:  # fmt: skip
    now = datetime.now(UTC)
    org_id = await _org(seeded, org)
    sub = await Submission.insert(Submission(
        event=event.id, kind=kind, organization=org_id, title=f"成果{code}", category=category,
        presented=True, status="accepted", **token_columns(secrets.token_urlsafe(16)), data={}, submitted_at=now, updated_at=now,
    )).returning(Submission.id)  # fmt: skip
    rows = await Presentation.insert(Presentation(
        event=event.id, submission=sub[0]["id"], code=code, kind=kind, title=f"成果{code}", category=category,
        organization=org_id, minutes=minutes, audience=audience,
    )).returning(Presentation.id)  # fmt: skip
    pid = rows[0]["id"]
    person = await _person(seeded, mobile or f"139{pid:08d}", org_id)
    await PresentationPresenter.insert(
        PresentationPresenter(presentation=pid, person=person, key=f"{pid}:{person}")
    )
    seeded.presentations[code] = pid
    return pid


async def small_event(event: EventInfo, qc: int = 4, team: int = 2) -> Seeded:
    """主会场 (all kinds, 300) and 第二会场 (qc only, 80); D1-AM 08:30–10:00 and D1-PM 13:30–15:00;
    `qc` QC 现场型 results of two organizations and `team` 班组 管理型 results."""
    seeded = Seeded(rooms={}, presentations={})
    seeded.rooms["主会场"] = await add_room(event, "主会场", 300)
    seeded.rooms["第二会场"] = await add_room(event, "第二会场", 80, ("qc",))
    await add_block(event, "D1-AM", "08:30", "10:00", "第一天上午")
    await add_block(event, "D1-PM", "13:30", "15:00", "第一天下午")
    for i in range(1, qc + 1):
        org = "甲机床有限公司" if i % 2 else "乙重型机械股份有限公司"
        await add_presentation(event, seeded, f"QC-{i:04d}", org=org)
    for i in range(1, team + 1):
        await add_presentation(event, seeded, f"TM-{i:04d}", kind="team", category="管理型")
    return seeded


async def busy_event(event: EventInfo, count: int = 60) -> Seeded:
    """Enough work for the solver to take a second or two: 3 rooms, 4 blocks, five categories,
    presenters who give several results."""
    seeded = Seeded(rooms={}, presentations={})
    for name, capacity in (("主会场", 300), ("第二会场", 120), ("第三会场", 90)):
        seeded.rooms[name] = await add_room(event, name, capacity)
    for code, day, start, end in (("D1-AM", DAY, "08:30", "12:00"), ("D1-PM", DAY, "13:30", "17:00"),
                                  ("D2-AM", date(2021, 8, 19), "08:30", "12:00"),
                                  ("D2-PM", date(2021, 8, 19), "13:30", "17:00")):  # fmt: skip
        await add_block(event, code, start, end, day=day)
    categories = ["现场型", "管理型", "服务型", "攻关型", "创新型"]
    for i in range(count):
        await add_presentation(
            event, seeded, f"QC-{i:04d}", category=categories[i % 5], minutes=18 if i % 3 else 25,
            org=f"单位{i % 7}有限公司", mobile=f"1370000{i % 17:04d}", audience=50 + (i % 4) * 40,
        )  # fmt: skip
    return seeded


async def two_sessions(event: EventInfo) -> Seeded:
    """主会场 D1-AM: QC-0001 and QC-0002, both given by 发表人0001 of 甲机床有限公司, then
    QC-0003; 第二会场 D1-AM: QC-0004 and QC-0005 (each its own presenter). Stored as the draft."""
    seeded = await small_event(event, qc=0, team=0)
    for i in range(1, 6):
        mobile = "13900000001" if i <= 2 else None
        await add_presentation(event, seeded, f"QC-{i:04d}", mobile=mobile)
    instance = await event_instance(event)
    main, second = (f"R{seeded.rooms[n]:02d}" for n in ("主会场", "第二会场"))
    sessions = {(main, "D1-AM"): ["QC-0001", "QC-0002", "QC-0003"],
                (second, "D1-AM"): ["QC-0004", "QC-0005"]}  # fmt: skip
    stats = Stats(2, 2, True, None, 0.1, 1)
    await drafts.store_draft(
        event.id, instance, Schedule(tuple(timed(instance, sessions)), (), stats)
    )
    return seeded
