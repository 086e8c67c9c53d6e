"""A result sent through the API, placed and published, whose presenter an Excel replace then
changes (the real path: /s/{token}/excel, submission.replace, registration.ensure_active)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from httpx import AsyncClient, Response

from event.current import EventInfo
from event.programme import publication
from event.tables import Assignment, Block, Presentation, Registration, Room, Schedule
from tests.event.programme.programme_data import DAY, at
from tests.event.submissions.test_submission_excel import fill, template
from tests.factories import qc

OLD, NEW = "王发表", "赵新人"
NEW_PRESENTER = {"presenter_name": NEW, "presenter_mobile": "13900139003"}
SLOT = at(9, 45)


@dataclass
class Talk:
    event: EventInfo
    token: str  # the submission's private link
    code: str
    presentation: int
    room: int


async def sent_and_published(client: AsyncClient, event: EventInfo) -> Talk:
    """A 附件一 result presented by 王发表, sent online and published as version 1."""
    response = await client.post("/api/submissions/qc", json=qc())
    assert response.status_code == 201
    receipt = response.json()
    row = await Presentation.select(Presentation.id).where(
        Presentation.code == receipt["presentation"]
    ).first()  # fmt: skip
    room = (await Room.insert(Room(event=event.id, name="第一分会场", capacity=80, kinds=["qc"]))
            .returning(Room.id))[0]["id"]  # fmt: skip
    await Block.insert(Block(event=event.id, code="D1-AM", day=DAY, start=time(9, 45),
                             end=time(12, 0), label="第一天上午", key=f"{event.id}:D1-AM"))  # fmt: skip
    talk = Talk(event, receipt["token"], receipt["presentation"], row["id"], room)
    await publish(client, talk)
    return talk


async def publish(client: AsyncClient, talk: Talk, start: datetime = SLOT) -> None:
    """A draft placing the talk at `start`, published."""
    await draft(talk, start)
    await publication.publish(talk.event.id)
    client._transport.app.state.programme_cache.clear()  # type: ignore[attr-defined]


async def draft(talk: Talk, start: datetime = SLOT) -> None:
    """A draft placing the talk at `start` and the event's other presentations from 11:00, as
    the scheduler stores one."""
    await Schedule.delete().where(Schedule.version.is_null())
    sid = (await Schedule.insert(Schedule(event=talk.event.id, created_at=datetime.now(UTC)))
           .returning(Schedule.id))[0]["id"]  # fmt: skip
    others = await Presentation.select(Presentation.id).where(
        (Presentation.event == talk.event.id) & (Presentation.id != talk.presentation)
    ).order_by(Presentation.id)  # fmt: skip
    slots = [(talk.presentation, start)] + [
        (r["id"], at(11, 0) + timedelta(minutes=18 * n)) for n, r in enumerate(others)
    ]
    await Assignment.insert(*[
        Assignment(
            schedule=sid, presentation=pid, room=talk.room, block="D1-AM", position=n,
            starts_at=moment, ends_at=moment + timedelta(minutes=18),
        )
        for n, (pid, moment) in enumerate(slots)
    ])  # fmt: skip


async def replace_by_excel(client: AsyncClient, talk: Talk, **changes: object) -> Response:
    """The result's private link: 用Excel替换 with a real .xlsx of the template."""
    content = fill(await template(client, "qc"), "qc", [qc(**changes)])
    return await client.post(
        f"/s/{talk.token}/excel",
        files={"file": ("filled.xlsx", content, "application/octet-stream")},
    )


async def personal_token(name: str) -> str:
    R = Registration
    row = await R.select(R.token).where(R.person.name == name).first()
    assert row is not None, name
    return row["token"]
