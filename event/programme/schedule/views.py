"""Plain data for the organisers' pages: the draft by block and room, the presentations list."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from msgspec import Struct

from event import notice
from event.programme.schedule import drafts
from event.programme.schedule.venues import BlockInfo, RoomInfo, blocks, room_ref, rooms
from event.tables import Presentation, PresentationPresenter


class Item(Struct, kw_only=True):
    code: str
    title: str
    organization: str
    kind_label: str
    category: str
    minutes: int
    audience: int
    withdrawn: bool = False
    pinned_room: str | None = None  # R01
    pinned_room_name: str = ""
    pinned_block: str | None = None
    unavailable_blocks: list[str] = []
    presenters: str = ""  # names, 、-separated


class Placed(Struct, kw_only=True):
    item: Item
    start: str
    end: str
    position: int


class Session(Struct, kw_only=True):
    room: RoomInfo
    theme: str  # 现场型（QC小组）
    items: list[Placed]
    minutes: int


class BlockSessions(Struct, kw_only=True):
    block: BlockInfo
    sessions: list[Session]
    cells: list[Session | None] = []  # one per room, in room order: the grid's row


class Edit(Struct, kw_only=True):
    action: str
    detail: dict[str, Any]
    author: str
    created_at: datetime


class Draft(Struct, kw_only=True):
    id: int
    seed: int
    created_at: datetime
    stats: dict[str, Any]
    blocks: list[BlockSessions]
    unscheduled: list[dict[str, str]]  # code, title, reason
    explanation: list[str]
    edits: list[Edit]
    placed: int


async def _presenter_names(event_id: int) -> dict[int, str]:
    PP = PresentationPresenter
    rows = await PP.select(PP.id, PP.presentation, PP.person.name.as_alias("name")).where(
        PP.presentation.event == event_id
    )
    names: dict[int, list[str]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: r["id"]):
        names[r["presentation"]].append(r["name"])
    return {k: "、".join(v) for k, v in names.items()}


async def items(event_id: int, *, with_withdrawn: bool = False) -> list[Item]:
    """The event's presentations (by code) as plain data."""
    room_names = {r.ref: r.name for r in await rooms(event_id)}
    presenters = await _presenter_names(event_id)
    query = Presentation.select(
        *Presentation.all_columns(), Presentation.organization._.name.as_alias("org_name")
    ).where(Presentation.event == event_id)
    out = []
    for r in sorted(await query, key=lambda r: r["code"]):
        if r["withdrawn"] and not with_withdrawn:
            continue
        ref = room_ref(r["pinned_room"]) if r["pinned_room"] is not None else None
        out.append(Item(
            code=r["code"], title=r["title"], organization=r["org_name"], kind_label=notice.PRESENTATION_KIND[r["kind"]].short,
            category=r["category"], minutes=r["minutes"], audience=r["audience"], withdrawn=r["withdrawn"],
            pinned_room=ref, pinned_room_name=room_names.get(ref or "", ""), pinned_block=r["pinned_block"],
            unavailable_blocks=list(r["unavailable_blocks"] or []), presenters=presenters.get(r["id"], ""),
        ))  # fmt: skip
    return out


def _sessions(block_list, room_list, assignments, by_code) -> list[BlockSessions]:
    grouped: dict[tuple[str, int], list[Placed]] = defaultdict(list)
    for a in assignments:
        item = by_code[a["code"]]
        start, end = (a[k].strftime("%H:%M") for k in ("starts_at", "ends_at"))
        grouped[a["block"], a["room"]].append(
            Placed(item=item, start=start, end=end, position=a["position"])
        )
    out = []
    for b in block_list:
        sessions = []
        for r in room_list:
            placed = sorted(grouped.get((b.code, r.id), []), key=lambda p: p.position)
            if placed:
                first = placed[0].item
                theme = (
                    first.category
                    if first.category == first.kind_label
                    else f"{first.category}（{first.kind_label}）"
                )
                minutes = sum(p.item.minutes for p in placed)
                sessions.append(Session(room=r, theme=theme, items=placed, minutes=minutes))
        by_room = {s.room.id: s for s in sessions}
        cells = [by_room.get(r.id) for r in room_list]
        out.append(BlockSessions(block=b, sessions=sessions, cells=cells))
    return out


async def draft(event_id: int) -> Draft | None:
    """The draft laid out per block and room, or None when there is none."""
    row = await drafts.draft_row(event_id)
    if row is None:
        return None
    by_code = {i.code: i for i in await items(event_id, with_withdrawn=True)}
    assignments = await drafts.assignment_rows(row["id"])
    layout = _sessions(await blocks(event_id), await rooms(event_id), assignments, by_code)
    unscheduled = [
        {"code": u["presentation"], "reason": u["reason"],
         "title": by_code[u["presentation"]].title if u["presentation"] in by_code else ""}
        for u in row["unscheduled"]
    ]  # fmt: skip
    explanation = [c["message"] for c in row["explanation"] or []]
    edits = [Edit(action=e["action"], detail=e["detail"], author=e["author"], created_at=e["created_at"])
             for e in await drafts.edit_rows(row["id"])]  # fmt: skip
    return Draft(id=row["id"], seed=row["seed"], created_at=row["created_at"], stats=row["stats"],
                 blocks=layout, unscheduled=unscheduled, explanation=explanation, edits=edits,
                 placed=len(assignments))  # fmt: skip


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日"
