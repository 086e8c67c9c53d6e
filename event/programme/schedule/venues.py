"""Rooms (分会场) and blocks (half days) of an event: list, add, change, delete.

A room or block that something refers to (a pin, an unavailable block, a schedule) is not
deleted: the organiser gets a Chinese message saying what refers to it. Every change is audited
`venue.update` (entity `room` or `block`, detail `{"change": "create"|"update"|"delete", ...}`)
in its transaction; the feeds date a room's rename from these entries.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any

import msgspec
from msgspec import Struct

from event import audit, notice
from event.db import write_transaction
from event.enums import PresentationKind
from event.errors import Conflict, InvalidInput, NotFound
from event.tables import AgendaItem, Assignment, Block, Presentation, Room
from event.web.forms import LINE, LINE_OR_EMPTY, FormStruct, Later, rule

KIND_CHOICES = tuple((k.code, k.short) for k in notice.PRESENTATION_KINDS)
_CODE = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,29}\Z"


class RoomInfo(Struct, kw_only=True):
    id: int
    ref: str  # the id in the solver's instance: R01
    name: str
    capacity: int
    kinds: list[str]


class BlockInfo(Struct, kw_only=True):
    id: int
    code: str
    day: date
    start: str  # HH:MM
    end: str
    label: str

    @property
    def half_day(self) -> str:
        """2月3日下午"""
        hour = int(self.start[:2])
        half = "上午" if hour < 12 else "下午" if hour < 18 else "晚上"
        return f"{self.day.month}月{self.day.day}日{half}"

    @property
    def when(self) -> str:
        """2月3日下午（14:00–17:30）"""
        return f"{self.half_day}（{self.start}–{self.end}）"


def room_ref(room_id: int) -> str:
    """The room's id in the instance file: R01, R02, …"""
    return f"R{room_id:02d}"


def room_id_of(ref: str) -> int | None:
    """R07 → 7; None when the text is not a room reference."""
    return int(ref[1:]) if re.fullmatch(r"R\d+", ref) else None


async def rooms(event_id: int) -> list[RoomInfo]:
    rows = await Room.select().where(Room.event == event_id).order_by(Room.id)
    return [
        RoomInfo(id=r["id"], ref=room_ref(r["id"]), name=r["name"], capacity=r["capacity"],
                 kinds=list(r["kinds"] or []))
        for r in rows
    ]  # fmt: skip


def _block(row: dict[str, Any]) -> BlockInfo:
    return BlockInfo(id=row["id"], code=row["code"], day=row["day"], start=row["start"].strftime("%H:%M"),
                     end=row["end"].strftime("%H:%M"), label=row["label"])  # fmt: skip


async def blocks(event_id: int) -> list[BlockInfo]:
    """The blocks in time order."""
    rows = await Block.select().where(Block.event == event_id)
    return sorted((_block(r) for r in rows), key=lambda b: (b.day, b.start, b.code))


class RoomForm(FormStruct, kw_only=True):
    """A room as the organiser enters it."""

    name: Annotated[str, rule("请填写分会场名称（不超过100字）", max_length=100, pattern=LINE)]
    capacity: Annotated[int, rule("容量应为不小于0的整数", ge=0, le=100_000)]
    kinds: Annotated[list[PresentationKind], rule("请至少选择一种发表类型", min_length=1)]


def _room_values(form: RoomForm) -> dict[str, Any]:
    kinds = [k for k, _ in KIND_CHOICES if k in form.kinds]  # the notice's order, once each
    return {"name": form.name.strip(), "capacity": form.capacity, "kinds": kinds}


async def _audit(event_id: int, entity: str, entity_id: int, summary: str,
                 detail: dict[str, Any]) -> None:  # fmt: skip
    await audit.record(event_id, "venue.update", entity, entity_id, summary, detail)


async def add_room(event_id: int, form: RoomForm) -> int:
    values = _room_values(form)
    async with write_transaction(Room._meta.db):
        room_id = (await Room.insert(Room(event=event_id, **values)).returning(Room.id))[0]["id"]
        await _audit(event_id, "room", room_id, f"新增分会场“{values['name']}”",
                     {"change": "create", "values": values})  # fmt: skip
    return int(room_id)


async def room(event_id: int, room_id: int) -> RoomInfo:
    found = [r for r in await rooms(event_id) if r.id == room_id]
    if not found:
        raise NotFound("未找到该分会场")
    return found[0]


async def update_room(event_id: int, room_id: int, form: RoomForm) -> None:
    """Change a room; a rename shows in every feed holding the room (see service.load)."""
    values = _room_values(form)
    async with write_transaction(Room._meta.db):
        old = await room(event_id, room_id)
        changed = audit.changes(msgspec.structs.asdict(old), values)
        if not changed:
            return
        await Room.update({getattr(Room, k): v for k, v in values.items()}).where(
            Room.id == room_id
        )
        await _audit(event_id, "room", room_id, f"修改分会场“{old.name}”",
                     {"change": "update", "changes": changed})  # fmt: skip


async def delete_room(event_id: int, room_id: int) -> None:
    """Delete the room unless a pin, a schedule or a plenary item held there refers to it
    (Conflict in Chinese)."""
    async with write_transaction(Room._meta.db):
        found = await room(event_id, room_id)
        pinned = await Presentation.count().where(Presentation.pinned_room == room_id)
        placed = await Assignment.count().where(Assignment.room == room_id)
        if pinned or placed:
            raise Conflict(
                "room_in_use",
                f"分会场“{found.name}”仍被引用（{pinned}项发表固定在此，{placed}项日程安排在此），"
                "不能删除；请先取消固定或调整日程。",
                existing_id=room_id,
            )
        held = await AgendaItem.select(AgendaItem.title).where(AgendaItem.room == room_id)
        if held:
            titles = "、".join(f"“{r['title']}”" for r in held[:3]) + (
                "等" if len(held) > 3 else ""
            )
            raise Conflict(
                "room_in_use",
                f"分会场“{found.name}”仍有{len(held)}项会议安排（{titles}）在此举行，"
                "不能删除；请先在会议安排中改换地点。",
                existing_id=room_id,
            )
        await Room.delete().where(Room.id == room_id)
        await _audit(event_id, "room", room_id, f"删除分会场“{found.name}”",
                     {"change": "delete", "name": found.name})  # fmt: skip


class BlockForm(FormStruct, kw_only=True):
    """A block (half day) as the organiser enters it."""

    code: Annotated[str, rule("时段代码为1–30位字母、数字或连字符，如 D1-AM", pattern=_CODE)]
    day: Annotated[date, rule("请填写日期")]
    start: Annotated[time, rule("开始时间格式应为 时:分，如 08:30", tz=False)]
    end: Annotated[time, rule("结束时间格式应为 时:分，如 12:00", tz=False)]
    label: Annotated[str, rule("名称不超过50字", max_length=50, pattern=LINE_OR_EMPTY)] = ""

    order_rules = (Later("end", "start", "结束时间必须晚于开始时间", strict=True),)


def _block_values(form: BlockForm) -> dict[str, Any]:
    return msgspec.structs.asdict(form) | {"label": form.label.strip()}


async def _block_row(event_id: int, block_id: int) -> dict[str, Any]:
    row = await Block.select().where((Block.id == block_id) & (Block.event == event_id)).first()
    if row is None:
        raise NotFound("未找到该时段")
    return row


async def block(event_id: int, block_id: int) -> BlockInfo:
    return _block(await _block_row(event_id, block_id))


async def _code_taken(event_id: int, code: str, block_id: int | None) -> None:
    row = await Block.select(Block.id).where(Block.key == f"{event_id}:{code}").first()
    if row is not None and row["id"] != block_id:
        raise InvalidInput.one("code", f"时段代码 {code} 已存在")


async def add_block(event_id: int, form: BlockForm) -> int:
    values = _block_values(form)
    async with write_transaction(Block._meta.db):
        await _code_taken(event_id, values["code"], None)
        rows = await Block.insert(
            Block(event=event_id, key=f"{event_id}:{values['code']}", **values)
        ).returning(Block.id)
        await _audit(event_id, "block", rows[0]["id"], f"新增时段 {values['code']}",
                     {"change": "create", "values": audit.changes({}, values)})  # fmt: skip
    return int(rows[0]["id"])


async def block_uses(event_id: int, code: str) -> tuple[int, int]:
    """(presentations pinned to or unavailable in the block, schedule assignments in it)."""
    rows = await Presentation.select(
        Presentation.pinned_block, Presentation.unavailable_blocks
    ).where(Presentation.event == event_id)
    refs = sum(
        1 for r in rows if r["pinned_block"] == code or code in (r["unavailable_blocks"] or [])
    )
    placed = await Assignment.count().where(
        (Assignment.block == code) & (Assignment.schedule.event == event_id)
    )
    return refs, placed


async def update_block(event_id: int, block_id: int, form: BlockForm) -> None:
    """Change a block; its code only while nothing refers to it."""
    values = _block_values(form)
    async with write_transaction(Block._meta.db):
        old = await _block_row(event_id, block_id)
        if values["code"] != old["code"]:
            await _code_taken(event_id, values["code"], block_id)
            if any(await block_uses(event_id, old["code"])):
                raise InvalidInput.one(
                    "code", f"时段 {old['code']} 已被发表或日程引用，不能修改代码"
                )
        changed = audit.changes(old, values)
        if not changed:
            return
        values["key"] = f"{event_id}:{values['code']}"
        await Block.update({getattr(Block, k): v for k, v in values.items()}).where(
            Block.id == block_id
        )
        await _audit(event_id, "block", block_id, f"修改时段 {old['code']}",
                     {"change": "update", "changes": changed})  # fmt: skip


async def delete_block(event_id: int, block_id: int) -> None:
    """Delete the block unless a presentation or a schedule refers to it (Conflict in Chinese)."""
    async with write_transaction(Block._meta.db):
        old = await _block_row(event_id, block_id)
        refs, placed = await block_uses(event_id, old["code"])
        if refs or placed:
            raise Conflict(
                "block_in_use",
                f"时段 {old['code']} 仍被引用（{refs}项发表固定在此或标为不能参加，{placed}项日程安排在此），"
                "不能删除；请先调整这些发表或日程。",
                existing_id=block_id,
            )
        await Block.delete().where(Block.id == block_id)
        await _audit(event_id, "block", block_id, f"删除时段 {old['code']}",
                     {"change": "delete", "code": old["code"]})  # fmt: skip
