"""Plenary agenda items the solver does not place: 报到, opening, breaks, awards — with a host.

Each item is public as soon as it is saved (it is its own publication). Its UID never changes;
its SEQUENCE grows by one whenever a change moves or renames it, or cancels or restores it, so
subscribed calendars follow. Items are cancelled, never deleted, so calendars learn of it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from msgspec import Struct

from event import audit
from event.db import write_transaction
from event.errors import FieldProblem, InvalidInput, NotFound
from event.programme import uids
from event.programme.feeds import AUDIENCE_CODES
from event.programme.render.dates import zone
from event.tables import AgendaItem as Row

KINDS = (
    ("checkin", "报到"),
    ("ceremony", "大会"),
    ("plenary", "全体会议"),
    ("meeting", "会议"),
    ("break", "茶歇/用餐"),
    ("other", "其他"),
)
_KIND_CODES = {code for code, _ in KINDS}
_SIGNIFICANT = ("title", "starts_at", "ends_at", "location", "host", "cancelled", "audience")


class PlenaryItem(Struct, kw_only=True):
    id: int
    uid: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    location: str
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
        starts_at=_aware(row["starts_at"]), ends_at=_aware(row["ends_at"]),
        location=row["location"], host=row["host"], note=row["note"],
        sequence=row["sequence"], cancelled=bool(row["cancelled"]),
        updated_at=_aware(row["updated_at"]), audience=row.get("audience") or "all",
    )  # fmt: skip


def _text(form: dict[str, Any], key: str, limit: int) -> str:
    return " ".join(str(form.get(key) or "").split())[:limit]


def parse(form: dict[str, Any], timezone: str | None = None) -> dict[str, Any]:
    """A form (day, start, end as 2021-08-18 / 08:30) → column values, checked; times in the
    event's zone (`timezone`, Event.timezone)."""
    problems = []
    audience = str(form.get("audience") or "all")
    if audience not in AUDIENCE_CODES:
        problems.append(FieldProblem("audience", "参加对象不正确"))
    title = _text(form, "title", 200)
    if not title:
        problems.append(FieldProblem("title", "请填写内容"))
    kind = str(form.get("kind") or "plenary")
    if kind not in _KIND_CODES:
        problems.append(FieldProblem("kind", "类型不正确"))
    moments = {}
    try:
        day = date.fromisoformat(str(form.get("day") or ""))
    except ValueError:
        day = None
        problems.append(FieldProblem("day", "请按 2021-08-18 的格式填写日期"))
    for key, label in (("start", "开始时间"), ("end", "结束时间")):
        try:
            moments[key] = time.fromisoformat(str(form.get(key) or ""))
        except ValueError:
            problems.append(FieldProblem(key, f"请按 08:30 的格式填写{label}"))
    if day and len(moments) == 2 and moments["end"] < moments["start"]:
        problems.append(FieldProblem("end", "结束时间不能早于开始时间"))
    if problems:
        raise InvalidInput(problems)
    assert day is not None
    return {
        "title": title,
        "kind": kind,
        "starts_at": datetime.combine(day, moments["start"], tzinfo=zone(timezone)),
        "ends_at": datetime.combine(day, moments["end"], tzinfo=zone(timezone)),
        "audience": audience,
        "location": _text(form, "location", 100),
        "host": _text(form, "host", 100),
        "note": str(form.get("note") or "").strip()[:2000],
    }


async def listing(event_id: int) -> list[PlenaryItem]:
    rows = await Row.select().where(Row.event == event_id).order_by(Row.starts_at).order_by(Row.id)
    return [_item(r) for r in rows]


async def get(event_id: int, item_id: int) -> PlenaryItem:
    row = await Row.select().where((Row.event == event_id) & (Row.id == item_id)).first()
    if row is None:
        raise NotFound("未找到该日程项")
    return _item(row)


async def add(event_id: int, values: dict[str, Any]) -> PlenaryItem:
    """A new item (values from `parse`), sequence 0, with a UID it keeps for good."""
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


async def change(event_id: int, item_id: int, values: dict[str, Any]) -> PlenaryItem:
    """Apply changes; the sequence grows when what a calendar shows changes."""
    async with write_transaction(Row._meta.db):
        current = await get(event_id, item_id)
        significant = any(k in values and values[k] != getattr(current, k) for k in _SIGNIFICANT)
        if not any(values[k] != getattr(current, k) for k in values):
            return current
        update = dict(values, updated_at=datetime.now(UTC))
        if significant:
            update["sequence"] = current.sequence + 1
        await Row.update({getattr(Row, k): v for k, v in update.items()}).where(Row.id == item_id)
        diff = audit.changes({k: getattr(current, k) for k in values}, values)
        code = "agenda_item.cancel" if values.get("cancelled") is True else "agenda_item.update"
        await audit.record(event_id, code, "agenda_item", item_id,
                           f"{current.title}：{'、'.join(diff)}", {"changes": diff})  # fmt: skip
    return await get(event_id, item_id)


async def cancel(event_id: int, item_id: int) -> PlenaryItem:
    """Cancelled: stays in every feed as STATUS:CANCELLED."""
    return await change(event_id, item_id, {"cancelled": True})


async def restore(event_id: int, item_id: int) -> PlenaryItem:
    return await change(event_id, item_id, {"cancelled": False})
