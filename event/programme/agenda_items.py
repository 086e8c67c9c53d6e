"""Plenary agenda items the solver does not place: 报到, opening, breaks, awards — with a host.

Each item is public as soon as it is saved (it is its own publication). Its UID never changes;
its SEQUENCE grows by one whenever a change moves or renames it, or cancels or restores it, so
subscribed calendars follow. Items are cancelled, never deleted, so calendars learn of it.

An item is held in a room of the event (chosen by id: renaming the room keeps it there; the
solver leaves that time free and publishing refuses an overlap) or at a place given as text.
An item that leaves a room stays in that room's feed as CANCELLED at its old time
(`AgendaItem.departures`).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from msgspec import Struct

from event import audit
from event.db import write_transaction
from event.errors import InvalidInput, NotFound
from event.programme import uids
from event.programme.feeds import AUDIENCE_CODES, left_room
from event.programme.render.dates import zone
from event.tables import AgendaItem as Row
from event.tables import Room
from event.web.forms import LINE, LINE_OR_EMPTY, LINES, FormStruct, Later, one_of, rule

KINDS = (
    ("checkin", "报到"),
    ("ceremony", "大会"),
    ("plenary", "全体会议"),
    ("meeting", "会议"),
    ("break", "茶歇/用餐"),
    ("other", "其他"),
)
_KIND_CODES = {code for code, _ in KINDS}
_SIGNIFICANT = (
    "title", "starts_at", "ends_at", "room", "location", "host", "cancelled", "audience",
)  # fmt: skip


class PlenaryItem(Struct, kw_only=True):
    id: int
    uid: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    room: int | None  # the room it is held in; None: at `location`, not a room
    location: str  # the place as text (the room's name when it was chosen)
    host: str
    note: str
    sequence: int
    cancelled: bool
    updated_at: datetime
    audience: str = "all"  # all | presenters | judges | organisers


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _item(row: dict[str, Any]) -> PlenaryItem:
    return PlenaryItem(
        id=row["id"], uid=row["uid"], title=row["title"], kind=row["kind"],
        starts_at=_aware(row["starts_at"]), ends_at=_aware(row["ends_at"]), room=row["room"],
        location=row["location"], host=row["host"], note=row["note"],
        sequence=row["sequence"], cancelled=bool(row["cancelled"]),
        updated_at=_aware(row["updated_at"]), audience=row.get("audience") or "all",
    )  # fmt: skip


class ItemForm(FormStruct, kw_only=True):
    """A plenary item as the organiser enters it: a day and two clock times in the event's zone."""

    title: Annotated[
        str, rule("请填写内容", too_long="内容不超过200字", max_length=200, pattern=LINE)
    ]
    kind: Annotated[str, rule("类型不正确", pattern=one_of(_KIND_CODES))] = "plenary"
    day: Annotated[date, rule("请按 2021-08-18 的格式填写日期")]
    start: Annotated[time, rule("请按 08:30 的格式填写开始时间", tz=False)]
    end: Annotated[time, rule("请按 08:30 的格式填写结束时间", tz=False)]
    room: Annotated[int | None, rule("请从列表中选择会场")] = None
    location: Annotated[str, rule("地点不超过100字", max_length=100, pattern=LINE_OR_EMPTY)] = ""
    host: Annotated[str, rule("主持人不超过100字", max_length=100, pattern=LINE_OR_EMPTY)] = ""
    note: Annotated[str, rule("说明不超过2000字", max_length=2000, pattern=LINES)] = ""
    audience: Annotated[str, rule("参加对象不正确", pattern=one_of(AUDIENCE_CODES))] = "all"

    order_rules = (Later("end", "start", "结束时间不能早于开始时间"),)


def _one_line(text: str) -> str:
    return " ".join(text.split())


async def _place(event_id: int, form: ItemForm) -> dict[str, Any]:
    """The room chosen (one of the event's) and the place as text: the room's name then, so
    readers of the text (reminders) name it."""
    if form.room is None:
        return {"room": None, "location": _one_line(form.location)}
    found = await Room.select(Room.name).where(
        (Room.id == form.room) & (Room.event == event_id)
    ).first()  # fmt: skip
    if found is None:
        raise InvalidInput.one("room", "请从列表中选择会场")
    if _one_line(form.location) not in ("", found["name"]):
        raise InvalidInput.one("location", "已选择会场，地点请留空（不在会场举行时不选会场）")
    return {"room": form.room, "location": found["name"]}


async def _values(event_id: int, form: ItemForm, timezone: str | None) -> dict[str, Any]:
    """The item's column values; its times on its day in the event's zone (Event.timezone)."""
    tz = zone(timezone)
    return await _place(event_id, form) | {
        "title": _one_line(form.title),
        "kind": form.kind,
        "starts_at": datetime.combine(form.day, form.start, tzinfo=tz),
        "ends_at": datetime.combine(form.day, form.end, tzinfo=tz),
        "audience": form.audience,
        "host": _one_line(form.host),
        "note": form.note.strip(),
    }


async def listing(event_id: int) -> list[PlenaryItem]:
    rows = await Row.select().where(Row.event == event_id).order_by(Row.starts_at).order_by(Row.id)
    return [_item(r) for r in rows]


async def get(event_id: int, item_id: int) -> PlenaryItem:
    row = await Row.select().where((Row.event == event_id) & (Row.id == item_id)).first()
    if row is None:
        raise NotFound("未找到该日程项")
    return _item(row)


async def add(event_id: int, form: ItemForm, timezone: str | None = None) -> PlenaryItem:
    """A new item, sequence 0, with a UID it keeps for good."""
    values = await _values(event_id, form, timezone)
    uid = uids.new_plenary_local()  # the feeds complete it (event key, domain)
    now = datetime.now(UTC)
    async with write_transaction(Row._meta.db):
        item_id = (
            await Row.insert(Row(event=event_id, uid=uid, updated_at=now, **values)).returning(
                Row.id
            )
        )[0]["id"]
        await audit.record(event_id, "agenda_item.create", "agenda_item", item_id, values["title"])
    return await get(event_id, item_id)


async def change(
    event_id: int, item_id: int, form: ItemForm, timezone: str | None = None
) -> PlenaryItem:
    """Apply the form; the sequence grows when what a calendar shows changes."""
    return await _change(event_id, item_id, await _values(event_id, form, timezone))


async def _change(event_id: int, item_id: int, values: dict[str, Any]) -> PlenaryItem:
    async with write_transaction(Row._meta.db):
        current = await get(event_id, item_id)
        significant = any(k in values and values[k] != getattr(current, k) for k in _SIGNIFICANT)
        if not any(values[k] != getattr(current, k) for k in values):
            return current
        now = datetime.now(UTC)
        update = dict(values, updated_at=now)
        if significant:
            update["sequence"] = current.sequence + 1
        if "room" in values and values["room"] != current.room:  # its old room's feed keeps it
            stored = await Row.select(Row.departures).where(Row.id == item_id).first()
            update["departures"] = json.dumps(left_room(
                stored["departures"] if stored else [], current.room, current.starts_at,
                current.ends_at, update.get("sequence", current.sequence), now, values["room"],
            ), ensure_ascii=False)  # fmt: skip
        await Row.update({getattr(Row, k): v for k, v in update.items()}).where(Row.id == item_id)
        diff = audit.changes({k: getattr(current, k) for k in values}, values)
        code = "agenda_item.cancel" if values.get("cancelled") is True else "agenda_item.update"
        await audit.record(event_id, code, "agenda_item", item_id,
                           f"{current.title}：{'、'.join(diff)}", {"changes": diff})  # fmt: skip
    return await get(event_id, item_id)


async def cancel(event_id: int, item_id: int) -> PlenaryItem:
    """Cancelled: stays in every feed as STATUS:CANCELLED."""
    return await _change(event_id, item_id, {"cancelled": True})


async def restore(event_id: int, item_id: int) -> PlenaryItem:
    return await _change(event_id, item_id, {"cancelled": False})
