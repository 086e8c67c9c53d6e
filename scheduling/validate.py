"""Checks a schedule against an instance with no solver code: rules 1–7 of SCHEDULING.md, and
no presentation overlapping a plenary item of its room ("plenary_overlap").

Each violation has a stable rule code (the counters of tools/check_schedule.py) and a Chinese
message. A presentation listed in `unscheduled` with a reason is not a violation of rule 1.
"""

from __future__ import annotations

from collections import defaultdict

from scheduling.model import (
    KIND_LABELS,
    Assignment,
    Instance,
    Schedule,
    Violation,
    hhmm_to_minutes,
)


def _references(
    instance: Instance, schedule: Schedule
) -> tuple[list[Violation], dict[str, Assignment]]:
    rooms = {r.id for r in instance.rooms}
    blocks = {b.id for b in instance.blocks}
    pres = {p.id for p in instance.presentations}
    out: list[Violation] = []
    placed: dict[str, Assignment] = {}
    for a in schedule.assignments:
        if a.presentation not in pres or a.room not in rooms or a.block not in blocks:
            out.append(
                Violation(
                    "unknown_ref",
                    f"安排引用了不存在的发表、分会场或时段：{a.presentation} {a.room} {a.block}",
                    a.presentation,
                )
            )
        elif a.presentation in placed:
            out.append(
                Violation(
                    "duplicate",
                    f"{a.presentation} 被安排了不止一次",
                    a.presentation,
                    a.room,
                    a.block,
                )
            )
        else:
            placed[a.presentation] = a
    reported = {u.presentation for u in schedule.unscheduled}
    for p in instance.presentations:
        if p.id not in placed and p.id not in reported:
            out.append(Violation("unscheduled", f"{p.id} 既未安排，也未说明原因", p.id))
    return out, placed


def _item_rules(instance: Instance, placed: dict[str, Assignment]) -> list[Violation]:
    out = []
    for pid, a in placed.items():
        p, room = instance.presentation(pid), instance.room(a.room)
        where = (pid, a.room, a.block)
        if p.kind not in room.kinds:
            text = f"{pid} 是「{KIND_LABELS[p.kind]}」类发表，{room.name} 不接收该类"
            out.append(Violation("kind_mismatch", text, *where))
        if p.audience > room.capacity:
            text = f"{pid} 预计听众 {p.audience} 人，超过{room.name} 的容量 {room.capacity} 人"
            out.append(Violation("capacity_mismatch", text, *where))
        if a.block in p.unavailable_blocks:
            out.append(Violation("unavailable_block", f"{pid} 不能安排在时段 {a.block}", *where))
        if p.pinned and (p.pinned.room, p.pinned.block) != (a.room, a.block):
            text = f"{pid} 固定在 {p.pinned.room} {p.pinned.block}，却被安排在 {a.room} {a.block}"
            out.append(Violation("pinned_moved", text, *where))
        out.extend(_window(instance, a, p.minutes))
    return out


def _window(instance: Instance, a: Assignment, minutes: int) -> list[Violation]:
    if not a.start:
        return []
    block = instance.block(a.block)
    start = hhmm_to_minutes(a.start)
    if block.start_minute <= start and start + minutes <= hhmm_to_minutes(block.end):
        return []
    text = f"{a.presentation} 的时间 {a.start} 起 {minutes} 分钟超出时段 {block.start}–{block.end}"
    return [Violation("outside_block_window", text, a.presentation, a.room, a.block)]


def _plenary(instance: Instance, placed: dict[str, Assignment]) -> list[Violation]:
    """No presentation overlaps a plenary item in its room and block."""
    out = []
    for item in instance.plenary:
        held = (hhmm_to_minutes(item.start), hhmm_to_minutes(item.end))
        for pid, a in placed.items():
            if (a.room, a.block) != (item.room, item.block) or not a.start:
                continue
            start = hhmm_to_minutes(a.start)
            if start < held[1] and start + instance.presentation(pid).minutes > held[0]:
                text = (
                    f"{pid} 的时间 {a.start} 起与{instance.room(a.room).name}的"
                    f"「{item.title}」（{item.start}–{item.end}）重叠"
                )
                out.append(Violation("plenary_overlap", text, pid, a.room, a.block))
    return out


def _session_rules(instance: Instance, placed: dict[str, Assignment]) -> list[Violation]:
    sessions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pid, a in placed.items():
        sessions[a.room, a.block].append(pid)
    out = []
    for (rid, bid), pids in sessions.items():
        items = [instance.presentation(p) for p in pids]
        length = instance.usable(rid, bid)
        total = sum(p.minutes for p in items)
        if total > length:
            out.append(
                Violation(
                    "over_length_sessions",
                    f"{rid} {bid} 的发表共 {total} 分钟，超过时段可用的 {length} 分钟",
                    None,
                    rid,
                    bid,
                )
            )
        themes = sorted({f"{p.category}（{KIND_LABELS[p.kind]}）" for p in items})
        if len(themes) > 1:
            out.append(
                Violation(
                    "mixed_category_sessions",
                    f"{rid} {bid} 混排了不同类别：{'、'.join(themes)}",
                    None,
                    rid,
                    bid,
                )
            )
        out.extend(_overlaps(instance, placed, pids, rid, bid))
    return out


def _overlaps(
    instance: Instance, placed: dict[str, Assignment], pids: list[str], rid: str, bid: str
) -> list[Violation]:
    timed = sorted(
        (
            hhmm_to_minutes(placed[p].start),
            hhmm_to_minutes(placed[p].start) + instance.presentation(p).minutes,
            p,
        )
        for p in pids
        if placed[p].start
    )
    return [
        Violation(
            "time_overlap_in_session", f"{rid} {bid} 中 {a[2]} 与 {b[2]} 时间重叠", b[2], rid, bid
        )
        for i, a in enumerate(timed)
        for b in timed[i + 1 :]
        if b[0] < a[1]
    ]


def _presenters(instance: Instance, placed: dict[str, Assignment]) -> list[Violation]:
    rooms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pid, a in placed.items():
        for person in instance.presentation(pid).presenters:
            rooms[person, a.block].add(a.room)
    return [
        Violation(
            "presenter_double_booking",
            f"发表人 {person} 在时段 {bid} 同时出现在 {'、'.join(sorted(rs))}",
            None,
            None,
            bid,
        )
        for (person, bid), rs in sorted(rooms.items())
        if len(rs) > 1
    ]


def validate(instance: Instance, schedule: Schedule) -> list[Violation]:
    """Every broken hard rule of `schedule` for `instance` (empty list: the schedule is valid)."""
    out, placed = _references(instance, schedule)
    out += _item_rules(instance, placed)
    out += _session_rules(instance, placed)
    out += _presenters(instance, placed)
    out += _plenary(instance, placed)
    return out
