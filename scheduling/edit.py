"""Hand edits of a schedule, checked by validate.py: swap two items, move one item.

Both keep the order of every other item, give back-to-back times again, and report the rules
the edit would break (in Chinese) instead of applying it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from scheduling.lots import timed
from scheduling.model import Assignment, Instance, Schedule, Violation
from scheduling.validate import validate


@dataclass(frozen=True)
class EditResult:
    """The edited schedule when no rule breaks, else None and the broken rules."""

    schedule: Schedule | None
    violations: tuple[Violation, ...] = ()


def _sessions(assignments: list[Assignment]) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[Assignment]] = defaultdict(list)
    for a in assignments:
        out[a.room, a.block].append(a)
    return {k: [a.presentation for a in sorted(v, key=lambda a: a.order)] for k, v in out.items()}


def _rebuild(
    instance: Instance, schedule: Schedule, sessions: dict[tuple[str, str], list[str]]
) -> Schedule:
    assignments = tuple(timed(instance, {k: v for k, v in sessions.items() if v}))
    stats = schedule.stats
    if stats is not None:
        stats = replace(stats, sessions_used=sum(1 for v in sessions.values() if v))
    return replace(schedule, assignments=assignments, stats=stats)


def _new_violations(instance: Instance, before: Schedule, after: Schedule) -> list[Violation]:
    old = {(v.rule, v.message) for v in validate(instance, before)}
    return [v for v in validate(instance, after) if (v.rule, v.message) not in old]


def _place_error(pid: str) -> Violation:
    return Violation("unknown_ref", f"{pid} 不在当前日程中", pid)


def swap(instance: Instance, schedule: Schedule, first: str, second: str) -> EditResult:
    """Exchange the places of two scheduled items (in one session: their order by lot)."""
    where = schedule.by_presentation()
    for pid in (first, second):
        if pid not in where:
            return EditResult(None, (_place_error(pid),))
    sessions = _sessions(list(schedule.assignments))
    a, b = where[first], where[second]
    sa, sb = sessions[a.room, a.block], sessions[b.room, b.block]
    ia, ib = sa.index(first), sb.index(second)
    sa[ia], sb[ib] = second, first
    edited = _rebuild(instance, schedule, sessions)
    broken = _new_violations(instance, schedule, edited)
    return EditResult(None, tuple(broken)) if broken else EditResult(edited)


def move(
    instance: Instance, schedule: Schedule, presentation_id: str, room: str, block: str
) -> EditResult:
    """Put one item at the end of the session (room, block), or say which rules that breaks."""
    try:
        instance.presentation(presentation_id)
        instance.room(room)
        instance.block(block)
    except KeyError:
        return EditResult(
            None,
            (
                Violation(
                    "unknown_ref", f"不存在：{presentation_id} {room} {block}", presentation_id
                ),
            ),
        )
    sessions = _sessions([a for a in schedule.assignments if a.presentation != presentation_id])
    sessions.setdefault((room, block), []).append(presentation_id)
    unscheduled = tuple(u for u in schedule.unscheduled if u.presentation != presentation_id)
    edited = _rebuild(instance, replace(schedule, unscheduled=unscheduled), sessions)
    broken = _new_violations(instance, schedule, edited)
    return EditResult(None, tuple(broken)) if broken else EditResult(edited)


def move_session(
    instance: Instance, schedule: Schedule, source: tuple[str, str], target: tuple[str, str]
) -> EditResult:
    """Move the whole session at (room, block) `source` to `target`, in its order; when
    `target` holds a session, the two exchange places. A presenter's items stay together, so
    this is the cross-room change that rule 4 allows where swapping single items does not."""
    sessions = _sessions(list(schedule.assignments))
    if not sessions.get(source):
        where = f"{source[0]} {source[1]}"
        return EditResult(None, (Violation("unknown_ref", f"{where} 没有安排发表", None),))
    try:
        instance.room(target[0])
        instance.block(target[1])
    except KeyError:
        where = f"{target[0]} {target[1]}"
        return EditResult(None, (Violation("unknown_ref", f"不存在：{where}", None),))
    sessions[source], sessions[target] = sessions.get(target, []), sessions[source]
    edited = _rebuild(instance, schedule, sessions)
    broken = _new_violations(instance, schedule, edited)
    return EditResult(None, tuple(broken)) if broken else EditResult(edited)


def check_move(
    instance: Instance, schedule: Schedule, presentation_id: str, room: str, block: str
) -> list[Violation]:
    """The rules (Chinese messages) that moving the item to (room, block) would break."""
    return list(move(instance, schedule, presentation_id, room, block).violations)
