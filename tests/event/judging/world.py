"""A small published programme with a roster of judges, for the judging tests.

Block D1-AM (2021-08-18 08:30–12:00), 第一分会场 hears QC-0001..3 (甲/乙 units), 第二分会场 hears
QC-0004..6 (丙 unit). Eight judges; 甲机床有限公司's own judge 周敏 may never sit in 第一分会场.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from event.current import EventInfo
from event.judging import roster
from event.judging.roster import JudgeIn
from event.programme.publication import publish
from event.programme.render.dates import BEIJING
from event.tables import Assignment, Block, Organization, Presentation, Room, Schedule, Submission
from event.tokens import token_columns

DAY = date(2021, 8, 18)
UNITS = {"QC-0001": "甲机床有限公司", "QC-0002": "乙重型机械股份有限公司",
         "QC-0003": "甲机床有限公司", "QC-0004": "丙汽车零部件有限公司",
         "QC-0005": "丙汽车零部件有限公司", "QC-0006": "丙汽车零部件有限公司"}  # fmt: skip
ROOMS = {"第一分会场": ("QC-0001", "QC-0002", "QC-0003"),
         "第二分会场": ("QC-0004", "QC-0005", "QC-0006")}  # fmt: skip
JUDGES = (  # name, unit, province, may lead
    ("周敏", "甲机床有限公司", "辽宁", True),
    ("吴刚", "北京市机械工业质量管理协会", "北京", True),
    ("郑红", "上海市机械工业质量管理协会", "上海", True),
    ("王强", "江苏省机械工业质量管理协会", "江苏", False),
    ("冯丽", "浙江省机械工业质量管理协会", "浙江", False),
    ("陈杰", "湖北省机械工业质量管理协会", "湖北", True),
    ("褚云", "四川省机械工业质量管理协会", "四川", False),
    ("卫东", "广东省机械工业质量管理协会", "广东", False),
)


@dataclass
class JudgingWorld:
    event: EventInfo
    rooms: dict[str, int]
    talks: dict[str, int]  # code → presentation id
    judges: dict[str, roster.JudgeView]  # name → judge


async def _org(name: str, orgs: dict[str, int]) -> int:
    if name not in orgs:
        orgs[name] = (await Organization.insert(Organization(name=name, created_at=datetime.now(UTC)))
                      .returning(Organization.id))[0]["id"]  # fmt: skip
    return orgs[name]


async def _talk(event: EventInfo, code: str, org: int) -> int:
    now = datetime.now(UTC)
    sub = (await Submission.insert(Submission(
        event=event.id, kind="qc", organization=org, title=f"成果{code}", category="现场型",
        presented=True, status="received", **token_columns(secrets.token_hex(8)), data={},
        submitted_at=now, updated_at=now,
    )).returning(Submission.id))[0]["id"]  # fmt: skip
    return (await Presentation.insert(Presentation(
        event=event.id, submission=sub, code=code, kind="qc", title=f"提高{code}装配合格率",
        category="现场型", organization=org, minutes=18,
    )).returning(Presentation.id))[0]["id"]  # fmt: skip


async def build(event: EventInfo, with_judges: bool = True) -> JudgingWorld:
    """The programme above, published as version 1, and (by default) the eight judges."""
    await Block.insert(Block(event=event.id, code="D1-AM", day=DAY, start=time(8, 30),
                             end=time(12, 0), label="第一天上午", key=f"{event.id}:D1-AM"))  # fmt: skip
    world = JudgingWorld(event, {}, {}, {})
    orgs: dict[str, int] = {}
    sid = (await Schedule.insert(Schedule(event=event.id, created_at=datetime.now(UTC)))
           .returning(Schedule.id))[0]["id"]  # fmt: skip
    for room, codes in ROOMS.items():
        world.rooms[room] = (await Room.insert(Room(event=event.id, name=room, capacity=80, kinds=["qc"]))
                             .returning(Room.id))[0]["id"]  # fmt: skip
        for n, code in enumerate(codes):
            world.talks[code] = await _talk(event, code, await _org(UNITS[code], orgs))
            start = datetime.combine(DAY, time(8, 30), tzinfo=BEIJING) + timedelta(minutes=18 * n)
            await Assignment.insert(Assignment(
                schedule=sid, presentation=world.talks[code], room=world.rooms[room], block="D1-AM",
                position=n, starts_at=start, ends_at=start + timedelta(minutes=18),
            ))  # fmt: skip
    await publish(event.id)
    if with_judges:
        await add_judges(world)
    return world


async def add_judges(world: JudgingWorld, count: int = len(JUDGES)) -> None:
    people = [
        JudgeIn(name, unit, f"1390000{n:04d}", province, "诊断师", ("qc", "team"), lead)
        for n, (name, unit, province, lead) in enumerate(JUDGES[:count])
    ]
    await roster.add_judges(world.event.id, [roster.checked(p) for p in people])
    world.judges = {j.name: j for j in await roster.judges(world.event.id)}
