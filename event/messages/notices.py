"""After each published version, each affected person is told what changed for them.

Publishing stays quick: inside its transaction the subscriber queues one `fanout` row (so a
rolled-back publish tells nobody, and a crash loses nothing). A worker expands it: it reads the
version's changelog (publication's diff: moved, added, withdrawn; who is affected), renders one
SMS and one e-mail per person, and queues them in the same transaction that marks the fanout row
done, so a version's notices are queued exactly once. An e-mail carries iTIP calendars: METHOD:
REQUEST for what was moved or added, METHOD:CANCEL for what was withdrawn, with the UID the feeds
use and the SEQUENCE of the new version (one more than the feeds held before), so a mail client
updates the event in place. A presenter the version replaced by another is told the talk is
withdrawn for them (CANCEL, at its old time, as their personal feed keeps it); the new one is
told it is added (REQUEST).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import msgspec
from icalendar import Calendar, Event, vCalAddress, vText

from event import audit
from event.db import write_transaction
from event.enums import RegistrationStatus
from event.messages import outbox
from event.messages.compose import Recipient, addressed, render
from event.messages.config import MessageConfig, load_config
from event.messages.events import event_name, registrations
from event.messages.outbox import Outgoing
from event.programme import uids
from event.programme.publication import ACTION_LABELS, Affected, Change, Changelog
from event.programme.render.dates import zone
from event.programme.service import PRODID, category_label, shown_title
from event.settings import load_settings
from event.tables import Assignment, Message, Registration, Schedule
from event.tables import Event as EventRow

FANOUT = "fanout"


@audit.on("schedule.publish")
async def version_published(entry: audit.AuditView, event_id: int | None) -> None:
    if not load_config().enabled:
        return
    version = entry.detail.get("version", "")
    await outbox.queue(event_id, [Outgoing(
        channel=FANOUT, recipient=f"schedule:{entry.entity_id}", topic="schedule.publish",
        subject=f"第{version}版日程变动通知", text=f"向第{version}版日程涉及的人员逐一发送变动通知",
    )])  # fmt: skip


class Placed(msgspec.Struct, frozen=True):
    uid: str
    sequence: int
    title: str
    room: str
    starts_at: datetime
    ends_at: datetime
    kind: str = ""  # qc | team | story: names the category (QC小组·现场型)


async def _placed(event_id: int, schedule_id: int, codes: set[str]) -> dict[str, Placed]:
    """The new version's place of each changed presentation, with its calendar identity."""
    A = Assignment
    rows = await A.select(
        A.presentation.code.as_alias("code"), A.presentation.title.as_alias("title"),
        A.room.name.as_alias("room"), A.starts_at, A.ends_at, A.sequence,
        A.presentation.kind.as_alias("kind"), A.presentation._.submission._.data.as_alias("data"),
    ).where((A.schedule == schedule_id) & A.presentation.code.is_in(list(codes) or [""]))  # fmt: skip
    key_row = (
        await EventRow.select(EventRow.uid_key, EventRow.timezone)
        .where(EventRow.id == event_id)
        .first()
    )
    key = uids.event_key(key_row["uid_key"]) if key_row else f"e{event_id}"
    domain = uids.calendar_domain(load_settings())
    tz = zone(
        key_row["timezone"] if key_row else None
    )  # times as the feeds give them: the event's zone
    aware = lambda m: (m if m.tzinfo else m.replace(tzinfo=UTC)).astimezone(tz)  # noqa: E731
    return {
        r["code"]: Placed(uid=uids.presentation_uid(key, domain, r["code"]), sequence=r["sequence"],
                          title=shown_title(r["title"], r["data"]), room=r["room"],
                          starts_at=aware(r["starts_at"]), ends_at=aware(r["ends_at"]), kind=r["kind"])
        for r in rows
    }  # fmt: skip


def itip(method: str, items: list[Placed], organizer: str, attendee: Recipient) -> str:
    """One iTIP calendar (RFC 5546) of these items for one attendee."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    now = datetime.now(UTC)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("sequence", item.sequence)
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at)
        event.add("summary", item.title)
        event.add("location", item.room)
        event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
        who = vCalAddress(f"mailto:{organizer}")
        who.params["cn"] = vText("中国机械工业质量管理协会")
        event.add("organizer", who)
        guest = vCalAddress(f"mailto:{attendee.email}")
        guest.params["cn"] = vText(attendee.name)
        guest.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", guest)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def _for(change: Change, person: Affected) -> Change:
    """The change as it is for this person: withdrawn for a presenter the version replaced by
    another, added for the one it named (the talk stays where it was, or moves)."""
    if change.code in person.left:
        return Change(action="withdrawn", code=change.code, title=change.title, old=change.old)
    if change.code in person.joined:
        return Change(action="added", code=change.code, title=change.title, new=change.new)
    return change


def _change_view(change: Change, placed: Placed | None, replaced: bool = False) -> dict[str, Any]:
    """A change as the template shows it: old and new time and room, and, when a version
    changed the category (alone or with the place), old and new category; `replaced`: the
    talk is withdrawn for this person only (another presenter named)."""
    old, new = change.old, change.new
    label = lambda slot: category_label(placed.kind, slot.category) if placed else slot.category  # noqa: E731
    recategorised = bool(old and new and old.category and old.category != new.category)
    return {"action": change.action, "label": ACTION_LABELS[change.action], "code": change.code,
            "title": placed.title if placed else change.title,
            "old": old.text if old else "", "new": new.text if new else "",
            "moved_place": not (old and new) or old.text != new.text, "replaced": replaced,
            "old_category": label(old) if old and recategorised else "",
            "new_category": label(new) if new and recategorised else ""}  # fmt: skip


def _cancelled_at_old_slot(change: Change, placed: Placed) -> Placed:
    """What a replaced presenter's feed keeps: the talk at its old slot, the new SEQUENCE (the
    changelog keeps an offset; the calendar names the event's zone, as the feeds do)."""
    old, tz = change.old, placed.starts_at.tzinfo
    if old is None:
        return placed
    return msgspec.structs.replace(
        placed, room=old.room, starts_at=old.starts_at.astimezone(tz),
        ends_at=old.ends_at.astimezone(tz),
    )  # fmt: skip


def _calendars(
    own: list[Change], placed: dict[str, Placed], config: MessageConfig, to: Recipient
) -> list[str]:
    found = lambda kind: [  # noqa: E731
        _cancelled_at_old_slot(c, placed[c.code]) if c.action == "withdrawn" else placed[c.code]
        for c in own if c.action in kind and c.code in placed
    ]  # fmt: skip
    made = []
    for method, kinds in (("REQUEST", ("moved", "added")), ("CANCEL", ("withdrawn",))):
        if to.email and (items := found(kinds)):
            made.append(itip(method, items, config.mail_from, to))
    return made


async def compose(event_id: int, schedule_id: int, config: MessageConfig) -> list[Outgoing]:
    """Every affected person's notice of this version (see the module's docstring)."""
    row = (
        await Schedule.select(Schedule.version, Schedule.changelog)
        .where(Schedule.id == schedule_id)
        .first()
    )
    if row is None:
        return []
    data = json.loads(row["changelog"]) if isinstance(row["changelog"], str) else row["changelog"]
    changelog = (
        msgspec.convert(data, Changelog)
        if isinstance(data, dict)
        else Changelog(changes=[], affected=[])
    )
    R = Registration
    regs = {r["person"]: r for r in await registrations(
        (R.event == event_id) & (R.status == RegistrationStatus.active.value)
        & R.person.is_in([a.person for a in changelog.affected] or [0]))}  # fmt: skip
    placed = await _placed(event_id, schedule_id, {c.code for c in changelog.changes})
    name, messages = await event_name(event_id), []
    for person in changelog.affected:
        if (reg := regs.get(person.person)) is None:
            continue
        own = [_for(c, person) for c in changelog.changes if c.code in person.codes]
        to = Recipient(reg["name"], reg["mobile"], reg["email"], reg["person"], reg["id"])
        views = [_change_view(c, placed.get(c.code), c.code in person.left) for c in own]
        rendered = render("schedule_change", event_name=name, name=reg["name"], version=row["version"],
                          changes=views, session_only=not own,
                          link=config.link(f"/r/{reg['token']}"))  # fmt: skip
        messages += addressed(
            rendered, to, topic="schedule.publish", calendars=_calendars(own, placed, config, to)
        )
    return messages


async def expand(row: dict[str, Any], config: MessageConfig) -> None:
    """Queue the notices of a fanout row and mark it done, in one transaction (once only: a
    worker whose claim was taken over by another finds the row no longer its own)."""
    schedule_id = int(row["recipient"].partition(":")[2])
    async with write_transaction(Message._meta.db):
        mine = await Message.update({Message.status: "sent", Message.sent_at: datetime.now(UTC),
                                     Message.claimed_until: None}).where(
            (Message.id == row["id"]) & (Message.status == "sending") & (Message.attempts == row["attempts"])
        ).returning(Message.id)  # fmt: skip
        if not mine:
            return
        queued = await outbox.queue(row["event"], await compose(row["event"], schedule_id, config))
        await Message.update({Message.provider_id: f"{queued}条"}).where(Message.id == row["id"])
