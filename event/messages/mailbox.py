"""What organisers see and do in the outbox: the list, one message, resend, and messages to a
selection of delegates (a category, a unit, those not yet arrived)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from msgspec import Struct

from event import audit
from event.current import EventInfo
from event.db import write_transaction
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, RegistrationStatus
from event.errors import InvalidInput, NotFound
from event.messages import outbox
from event.messages.compose import Recipient, addressed, render
from event.messages.config import load_config
from event.messages.events import event_name, personal_links, registrations
from event.messages.outbox import CHANNEL_LABELS, OPTIONAL, STATUS_LABELS
from event.messages.sms import check_length
from event.programme.publication import latest_version
from event.tables import Assignment, Message, PresentationPresenter, Registration, Room
from event.validators import check_text

PAGE = 100
CHANNELS = {"sms": ("sms",), "email": ("email",), "both": ("sms", "email")}


class MessageView(Struct, kw_only=True):
    id: int
    channel: str
    recipient: str
    recipient_name: str
    topic: str
    kind: str
    subject: str
    text: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    calendars: int = 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)

    @property
    def topic_label(self) -> str:
        return audit.ACTIONS.get(self.topic, self.topic)


_COLUMNS = [c for c in Message.all_columns() if c._meta.name not in {"html", "event", "person",
            "registration", "next_try_at", "claimed_until", "provider_id"}]  # fmt: skip


def _view(row: dict[str, Any]) -> MessageView:
    return MessageView(**{**row, "calendars": len(row["calendars"] or [])})


async def listing(event_id: int, *, status: str | None = None, page: int = 1) -> list[MessageView]:
    """The newest messages of the event, a page at a time, optionally of one status."""
    where: Any = Message.event == event_id
    if status in STATUS_LABELS:
        where &= Message.status == status
    rows = await Message.select(*_COLUMNS).where(where).order_by(Message.id, ascending=False).limit(
        PAGE).offset((max(page, 1) - 1) * PAGE).output(load_json=True)  # fmt: skip
    return [_view(r) for r in rows]


async def status_counts(event_id: int) -> dict[str, int]:
    """How many messages of the event are in each status."""
    rows = await Message.raw(
        "SELECT status, COUNT(*) AS n FROM message WHERE event = {} GROUP BY status", event_id
    )
    return {r["status"]: int(r["n"]) for r in rows}


async def one(event_id: int, message_id: int) -> tuple[MessageView, str]:
    """One message and its HTML body."""
    row = await Message.select(*_COLUMNS, Message.html).where(
        (Message.event == event_id) & (Message.id == message_id)).output(load_json=True).first()  # fmt: skip
    if row is None:
        raise NotFound("没有这条消息")
    html = row.pop("html")
    return _view(row), html


async def resend(event_id: int, message_id: int) -> None:
    """Queue one message again now, audited."""
    async with write_transaction(Message._meta.db):
        exists = await Message.exists().where(
            (Message.event == event_id) & (Message.id == message_id)
        )
        if not exists:
            raise NotFound("没有这条消息")
        await outbox.resend(message_id)
        await audit.record(
            event_id, "message.resend", "message", message_id, f"重发消息 {message_id}"
        )


class Selection(Struct, kw_only=True):
    category: str = ""
    organization: str = ""
    not_arrived: bool = False
    room: int | None = None  # the presenters of this room in the latest published version
    room_name: str = ""


async def rooms(event_id: int) -> list[tuple[str, str]]:
    """The event's rooms as (id, name) choices."""
    rows = await Room.select(Room.id, Room.name).where(Room.event == event_id).order_by(Room.id)
    return [(str(r["id"]), r["name"]) for r in rows]


async def _room_presenters(event_id: int, room_id: int) -> list[int]:
    latest = await latest_version(event_id)
    if latest is None:
        return []
    A, P = Assignment, PresentationPresenter
    placed = await A.select(A.presentation).where(
        (A.schedule == latest["id"]) & (A.room == room_id) & A.cancelled.eq(False))  # fmt: skip
    people = await P.select(P.person).where(
        P.presentation.is_in([r["presentation"] for r in placed] or [0])
    )
    return [r["person"] for r in people]


async def _where(event_id: int, selection: Selection) -> Any:
    R: Any = Registration  # Piccolo types a foreign key's columns as Column | Any
    where = (R.event == event_id) & (R.status == RegistrationStatus.active.value)
    if selection.room is not None:
        where &= R.person.is_in(await _room_presenters(event_id, selection.room) or [0])
    if selection.category:
        where &= R.category == selection.category
    if selection.organization:
        where &= R.person.organization.name == selection.organization
    if selection.not_arrived:
        where &= R.checked_in_at.is_null()
    return where


async def _clean(
    event_id: int, form: dict[str, Any]
) -> tuple[Selection, str, str, tuple[str, ...]]:
    try:
        subject = check_text(form.get("subject", ""), label="标题", max_length=100, required=True)
        body = check_text(
            form.get("body", ""), label="内容", max_length=1000, required=True, multiline=True
        )
    except ValueError as exc:
        raise InvalidInput.one("subject" if "标题" in str(exc) else "body", str(exc)) from None
    channels = CHANNELS.get(form.get("channel", ""))
    if channels is None:
        raise InvalidInput.one("channel", "请选择发送方式")
    if "sms" in channels:
        try:
            check_length(body)
        except ValueError as exc:
            raise InvalidInput.one("body", str(exc)) from None
    category = form.get("category", "")
    if category and category not in {c.value for c in AttendeeCategory}:
        raise InvalidInput.one("category", "参会类别不存在")
    room_id, room_name = None, ""
    if form.get("room"):
        room_name = dict(await rooms(event_id)).get(str(form["room"]), "")
        if not room_name:
            raise InvalidInput.one("room", "分会场不存在")
        room_id = int(form["room"])
    selection = Selection(category=category, organization=str(form.get("organization", "")).strip(),
                          not_arrived=form.get("not_arrived") in {"on", "1", "true"},
                          room=room_id, room_name=room_name)  # fmt: skip
    if selection.organization and not await Registration.exists().where(
        await _where(event_id, Selection(organization=selection.organization))
    ):  # a unit's name typed short or mistyped must not send nothing in silence
        raise InvalidInput.one(
            "organization", f"没有“{selection.organization}”的有效登记，请填写登记时的单位全称"
        )
    return selection, subject, body, channels


def describe(selection: Selection) -> str:
    """The selection in words, for the audit log and the page."""
    parts = [
        SHORT_CATEGORY_LABELS[AttendeeCategory(selection.category)]
        if selection.category
        else "全部类别"
    ]
    if selection.organization:
        parts.append(selection.organization)
    if selection.room_name:
        parts.append(f"{selection.room_name}发表人")
    if selection.not_arrived:
        parts.append("尚未报到")
    return "、".join(parts)


async def broadcast(event: EventInfo, form: dict[str, Any]) -> int:
    """Queue an organisers' message to each delegate of the selection (optional: those who
    declined are left out). Returns how many messages were queued."""
    selection, subject, body, channels = await _clean(event.id, form)
    config = load_config()
    async with write_transaction(Message._meta.db):
        name = await event_name(event.id)
        messages = []
        for reg in await registrations(await _where(event.id, selection)):
            rendered = render("broadcast", event_name=name, subject=subject, body=body,
                              name=reg["name"], **(await personal_links(config, reg["token"])))  # fmt: skip
            to = Recipient(reg["name"], reg["mobile"], reg["email"], reg["person"], reg["id"])
            messages += addressed(
                rendered, to, topic="message.broadcast", kind=OPTIONAL, channels=channels
            )
        queued = await outbox.queue(event.id, messages)
        if not queued:  # nothing sent must not read as sent (the transaction stores nothing)
            raise InvalidInput.one(
                "category", f"所选范围（{describe(selection)}）没有可以发送的代表："
                "没有有效登记、都已选择不接收，或没有所选方式的联系地址",
            )  # fmt: skip
        await audit.record(event.id, "message.broadcast", "message", "",
                           f"群发《{subject}》给{describe(selection)}：{queued}条")  # fmt: skip
    return queued
