"""Hand changes: pins and unavailable blocks of a presentation, moves and swaps in the draft.

A move or swap is checked by scheduling.edit before anything is saved; a refused one raises
EditRefused naming the broken rules in Chinese. Every change is kept in ScheduleEdit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from event import audit
from event.current import EventInfo
from event.db import write_transaction
from event.errors import Conflict, InvalidInput, NotFound
from event.programme.schedule import drafts, refusals
from event.programme.schedule.runs import event_instance
from event.programme.schedule.venues import blocks, room_ref, rooms
from event.tables import Presentation
from scheduling import edit
from scheduling.model import Instance, Schedule, Violation
from scheduling.validate import validate

RULE_LABELS = {
    "kind_mismatch": "分会场只接收所列类型的发表",
    "capacity_mismatch": "分会场须容纳预计听众",
    "unavailable_block": "发表不能安排在其不能参加的时段",
    "pinned_moved": "已固定的发表必须留在固定的分会场和时段",
    "outside_block_window": "发表时间须在时段之内",
    "over_length_sessions": "一场发表的总时长不能超过时段",
    "mixed_category_sessions": "同一场只能有一个类别",
    "presenter_double_booking": "同一发表人同一时段只能在一个分会场",
    "time_overlap_in_session": "同一场的发表时间不能重叠",
    "duplicate": "每项发表只能安排一次",
    "unknown_ref": "所选发表、分会场或时段必须存在",
    "unscheduled": "每项发表都须安排或说明原因",
    "plenary_overlap": "发表不能与大会议程项目重叠",
}


class EditRefused(Conflict):
    """The hand change would break rules of SCHEDULING.md; nothing was saved."""

    def __init__(self, violations: tuple[Violation, ...], say: Callable[[str], str] = str) -> None:
        self.violations = [
            {"rule": v.rule, "label": RULE_LABELS.get(v.rule, v.rule), "message": say(v.message)}
            for v in violations
        ]
        first = self.violations[0]
        super().__init__(
            "rule_broken", f"不能这样调整：违反规则“{first['label']}”——{first['message']}"
        )


async def _presentation(event_id: int, code: str) -> dict[str, Any]:
    row = (
        await Presentation.select()
        .where((Presentation.event == event_id) & (Presentation.code == code))
        .first()
    )
    if row is None:
        raise NotFound(f"未找到发表 {code}")
    return row


async def _draft(event: EventInfo) -> tuple[dict[str, Any], Instance, Schedule]:
    row = await drafts.draft_row(event.id)
    if row is None:
        raise NotFound("尚无日程草稿，请先排程")
    instance = await event_instance(event)
    known = {p.id for p in instance.presentations}
    placed = [a for a in await drafts.assignment_rows(row["id"]) if a["code"] in known]
    return row, instance, drafts.as_schedule(row, placed)


# What publishing checks beyond the plenary items (publication names those itself): every
# hard rule a draft can break after it was made, when a presentation changed category,
# presenter, audience or unavailable blocks, or a room or block changed. A presentation added
# since is not placed by publishing an older draft; the preview does not list it either.
PUBLISH_RULES = frozenset(RULE_LABELS) - {"plenary_overlap", "unscheduled"}


async def draft_problems(event: EventInfo) -> list[str]:
    """The hard rules the draft breaks for the event as it is now, in an organiser's words."""
    _, instance, schedule = await _draft(event)
    broken = [v for v in validate(instance, schedule) if v.rule in PUBLISH_RULES]
    say = await refusals.translator(event.id)
    return [f"{RULE_LABELS[v.rule]}——{say(v.message)}" for v in broken]


async def _record(event_id: int, action: str, detail: dict[str, Any], author: str) -> None:
    row = await drafts.draft_row(event_id)
    if row is not None:
        await drafts.record_edit(row["id"], action, detail, author)
    await _audit(event_id, action, row["id"] if row else "", detail)


def _where(place: dict[str, str] | None) -> str:
    return f"{place['room']} {place['block']}" if place else "未安排"


def _summary(action: str, detail: dict[str, Any]) -> str:
    """The audit line, in ids that refusals.translator turns into names."""
    if "session" in detail:
        n = len(detail["presentations"])
        return f"整场（{n}项）：{_where(detail['session'])} → {_where(detail['to'])}"
    if action == "move":
        return f"{detail['presentation']}：{_where(detail['from'])} → {_where(detail['to'])}"
    if action == "swap":
        return f"{detail['first']} ↔ {detail['second']}"
    if action == "pin":
        return f"{detail['presentation']} → {detail['room']} {detail['block']}"
    if action == "unavailable":
        return f"{detail['presentation']}：{'、'.join(detail['blocks']) or '无'}"
    return str(detail["presentation"])


async def _audit(event_id: int, action: str, schedule_id: object, detail: dict[str, Any]) -> None:
    summary = (await refusals.translator(event_id))(_summary(action, detail))
    await audit.record(event_id, f"schedule.{action}", "schedule", schedule_id, summary, detail)


async def pin(event: EventInfo, code: str, room_id: int, block: str, author: str) -> None:
    """Fix the presentation at (room, block) for the next solves."""
    await _presentation(event.id, code)
    room = next((r for r in await rooms(event.id) if r.id == room_id), None)
    if room is None:
        raise InvalidInput.one("room", "请选择本次会议的分会场")
    if block not in {b.code for b in await blocks(event.id)}:
        raise InvalidInput.one("block", "请选择本次会议的时段")
    async with write_transaction(Presentation._meta.db):
        await Presentation.update(
            {Presentation.pinned_room: room_id, Presentation.pinned_block: block}
        ).where((Presentation.event == event.id) & (Presentation.code == code))
        await _record(
            event.id, "pin", {"presentation": code, "room": room.name, "block": block}, author
        )


async def unpin(event: EventInfo, code: str, author: str) -> None:
    await _presentation(event.id, code)
    async with write_transaction(Presentation._meta.db):
        await Presentation.update(
            {Presentation.pinned_room: None, Presentation.pinned_block: None}
        ).where((Presentation.event == event.id) & (Presentation.code == code))
        await _record(event.id, "unpin", {"presentation": code}, author)


async def set_unavailable(event: EventInfo, code: str, codes: list[str], author: str) -> None:
    """The blocks the presentation cannot be given in (replacing the earlier list)."""
    await _presentation(event.id, code)
    known = [b.code for b in await blocks(event.id)]
    if unknown := [c for c in codes if c not in known]:
        raise InvalidInput.one("unavailable_blocks", f"未知时段：{'、'.join(unknown)}")
    chosen = [c for c in known if c in codes]
    async with write_transaction(Presentation._meta.db):
        await Presentation.update({Presentation.unavailable_blocks: chosen}).where(
            (Presentation.event == event.id) & (Presentation.code == code)
        )
        await _record(event.id, "unavailable", {"presentation": code, "blocks": chosen}, author)


def _place(schedule: Schedule, code: str) -> dict[str, str] | None:
    found = schedule.by_presentation().get(code)
    return {"room": found.room, "block": found.block} if found else None


async def move(event: EventInfo, code: str, room_id: int, block: str, author: str) -> None:
    """Move one presentation to the end of (room, block) in the draft, if no rule breaks."""
    row, instance, schedule = await _draft(event)
    target = room_ref(room_id)
    if broken := edit.check_move(instance, schedule, code, target, block):
        raise EditRefused(tuple(broken), await refusals.translator(event.id))
    result = edit.move(instance, schedule, code, target, block)
    assert result.schedule is not None
    detail = {
        "presentation": code,
        "from": _place(schedule, code),
        "to": {"room": target, "block": block},
    }
    async with write_transaction(Presentation._meta.db):
        await drafts.replace_assignments(event.id, row["id"], instance, result.schedule)
        await drafts.record_edit(row["id"], "move", detail, author)
        await _audit(event.id, "move", row["id"], detail)


async def swap(event: EventInfo, first: str, second: str, author: str) -> None:
    """Exchange the places of two presentations in the draft, if no rule breaks."""
    if first == second:
        raise InvalidInput.one("second", "请选择两项不同的发表")
    row, instance, schedule = await _draft(event)
    result = edit.swap(instance, schedule, first, second)
    if result.schedule is None:
        raise EditRefused(result.violations, await refusals.translator(event.id))
    detail = {"first": first, "second": second,
              "places": {first: _place(schedule, first), second: _place(schedule, second)}}  # fmt: skip
    async with write_transaction(Presentation._meta.db):
        await drafts.replace_assignments(event.id, row["id"], instance, result.schedule)
        await drafts.record_edit(row["id"], "swap", detail, author)
        await _audit(event.id, "swap", row["id"], detail)


async def move_session(
    event: EventInfo, room_id: int, block: str, to_room: int, to_block: str, author: str
) -> None:
    """Move the session at (room, block) to (to_room, to_block), exchanging it with the session
    there if any, keeping both orders, if no rule breaks."""
    source, target = (room_ref(room_id), block), (room_ref(to_room), to_block)
    if source == target:
        raise InvalidInput.one("to_room", "请选择另一个分会场或时段")
    row, instance, schedule = await _draft(event)
    result = edit.move_session(instance, schedule, source, target)
    if result.schedule is None:
        raise EditRefused(result.violations, await refusals.translator(event.id))
    moved = [a.presentation for a in schedule.assignments if (a.room, a.block) == source]
    detail = {"session": {"room": source[0], "block": block}, "presentations": moved,
              "to": {"room": target[0], "block": to_block}}  # fmt: skip
    async with write_transaction(Presentation._meta.db):
        await drafts.replace_assignments(event.id, row["id"], instance, result.schedule)
        await drafts.record_edit(row["id"], "move_session", detail, author)
        await _audit(event.id, "move", row["id"], detail)
