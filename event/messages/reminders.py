"""The reminder before the meeting: where and when to 报到, and one's own presentations in the
latest published version. Optional (a person may decline it); sent once a day at most, so a
daily `qcconf remind` run by cron before each meeting day never repeats itself."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from event import audit
from event.db import write_transaction
from event.enums import RegistrationStatus
from event.messages import outbox
from event.messages.compose import Recipient, addressed, render
from event.messages.config import MessageConfig
from event.messages.events import event_name, personal_links, registrations
from event.messages.outbox import OPTIONAL
from event.programme.publication import Slot, latest_version
from event.programme.render.dates import zone
from event.tables import AgendaItem, Assignment, Event, Message, PresentationPresenter, Registration

TOPIC = "message.remind"


async def _zone(event_id: int) -> tzinfo:
    row = await Event.select(Event.timezone).where(Event.id == event_id).first()
    return zone(row["timezone"] if row else None)


def _local(moment: datetime, tz: tzinfo) -> datetime:
    """A stored time in the event's zone (SQLite gives naive UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(tz)


async def _checkin(event_id: int, tz: tzinfo) -> list[str]:
    """The 报到 items as text: date, time and place (a room under its name now: the item's
    place text keeps the name the room had when the item was saved)."""
    A = AgendaItem
    rows = await A.select(A.starts_at, A.ends_at, A.location, A.room.name.as_alias("room_name")).where(
        (A.event == event_id) & (A.kind == "checkin") & A.cancelled.eq(False)
    ).order_by(A.starts_at)  # fmt: skip
    return [Slot(room=r["room_name"] or r["location"] or "会场", starts_at=_local(r["starts_at"], tz),
                 ends_at=_local(r["ends_at"], tz)).text for r in rows]  # fmt: skip


async def _talks(event_id: int, tz: tzinfo) -> dict[int, list[str]]:
    """Person → their presentations in the latest published version, as text."""
    latest = await latest_version(event_id)
    if latest is None:
        return {}
    A, P = Assignment, PresentationPresenter
    placed = await A.select(
        A.presentation, A.presentation.code.as_alias("code"), A.presentation.title.as_alias("title"),
        A.room.name.as_alias("room"), A.starts_at, A.ends_at,
    ).where((A.schedule == latest["id"]) & A.cancelled.eq(False)).order_by(A.starts_at)  # fmt: skip
    of = {r["presentation"]: r for r in placed}
    links = await P.select(P.presentation, P.person).where(P.presentation.is_in(list(of) or [0]))
    talks: dict[int, list[str]] = defaultdict(list)
    for link in sorted(links, key=lambda x: _local(of[x["presentation"]]["starts_at"], tz)):
        r = of[link["presentation"]]
        slot = Slot(
            room=r["room"], starts_at=_local(r["starts_at"], tz), ends_at=_local(r["ends_at"], tz)
        )
        talks[link["person"]].append(f"{r['code']}《{r['title']}》 {slot.text}")
    return talks


async def _reminded_recently(event_id: int) -> set[int]:
    since = datetime.now(UTC) - timedelta(hours=20)
    rows = await Message.select(Message.registration).where(
        (Message.event == event_id) & (Message.topic == TOPIC) & (Message.created_at > since)
    )  # fmt: skip
    return {r["registration"] for r in rows}


async def remind(event_id: int, config: MessageConfig) -> int:
    """Queue the reminder to every active registration not reminded in the last 20 hours;
    returns how many messages were queued."""
    R: Any = Registration
    async with write_transaction(Message._meta.db):
        tz = await _zone(event_id)
        checkin, talks = await _checkin(event_id, tz), await _talks(event_id, tz)
        done = await _reminded_recently(event_id)
        name, messages = await event_name(event_id), []
        active = (R.event == event_id) & (R.status == RegistrationStatus.active.value)
        for reg in await registrations(active):
            if reg["id"] in done:
                continue
            rendered = render("remind", event_name=name, name=reg["name"], checkin=checkin,
                              talks=talks.get(reg["person"], []), **(await personal_links(config, reg["token"])))  # fmt: skip
            to = Recipient(reg["name"], reg["mobile"], reg["email"], reg["person"], reg["id"])
            messages += addressed(rendered, to, topic=TOPIC, kind=OPTIONAL)
        queued = await outbox.queue(event_id, messages)
        await audit.record(event_id, TOPIC, "message", "", f"会前提醒：{queued}条")
    return queued
