"""The soft goals of panel assignment, in priority order, combined lexicographically.

1. short:         seats left empty below the maximum panel size, summed over sessions (a
                  full panel of five lets the trimmed mean drop the highest and lowest);
2. room_changes:  seats taken by a judge who did not sit on the room's previous session that
                  day (a judge stays in one room for a day);
3. spread:        the largest minus the smallest number of sessions of a judge (even
                  workloads; judges who can sit nowhere are left out);
4. same_province: per panel, judges beyond the first of each province (a panel mixes provinces).

solver.py minimises them one after the other, each fixed at its best before the next.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from scheduling.panels.constraints import Vars
from scheduling.panels.model import PanelInstance, eligible

GOALS = ("short", "room_changes", "spread", "same_province")


@dataclass(frozen=True)
class Goal:
    """A goal's linear term and upper bound. A goal's `*_zero` function, where there is one,
    says the goal is 0 directly (a feasibility model proves 0 much faster than minimising)."""

    name: str
    term: Any
    upper: int


def short_goal(model: Any, v: Vars, inst: PanelInstance) -> Goal:
    """Empty seats below the maximum, over all sessions."""
    top = inst.rules.max_judges
    term = sum(top - sum(v.of_session(s.id)) for s in inst.sessions)
    return Goal("short", term, top * len(inst.sessions))


def _consecutive(inst: PanelInstance) -> list[tuple[str, str]]:
    """(earlier, later) session ids that follow each other in one room on one day."""
    rooms: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for s in inst.sessions:
        rooms[s.room, s.day].append(s)
    out = []
    for sessions in rooms.values():
        sessions.sort(key=lambda s: s.start)
        out += [(a.id, b.id) for a, b in pairwise(sessions)]
    return out


def room_changes_goal(model: Any, v: Vars, inst: PanelInstance) -> Goal:
    """Seats of a session taken by a judge who was not on the room's panel just before.

    new[j,a,b] >= x[j,b] - x[j,a] for consecutive sessions a, b of one room and day; the first
    session of a room's day is not counted.
    """
    terms, upper = [], 0
    for a, b in _consecutive(inst):
        for j, _ in v.by_session.get(b, ()):
            if (j, a) not in v.x:
                terms.append(v.x[j, b])
                continue
            new = model.new_bool_var(f"new[j={j},a={a},b={b}]")
            model.add(new >= v.x[j, b] - v.x[j, a])
            terms.append(new)
        upper += inst.rules.max_judges
    return Goal("room_changes", sum(terms), upper)


def room_changes_zero(model: Any, v: Vars, inst: PanelInstance, full: bool = False) -> None:
    """room_changes is 0: x[j,b] implies x[j,a]; when every panel is `full` (short is 0, so a
    and b have as many members), x[j,a] == x[j,b], which presolve turns into one variable."""
    for a, b in _consecutive(inst):
        earlier = {j: v.x[j, s] for j, s in v.by_session.get(a, ())}
        later = {j: v.x[j, s] for j, s in v.by_session.get(b, ())}
        for j, x in later.items():
            if j not in earlier:
                model.add(x == 0)
            elif full:
                model.add(x == earlier[j])
            else:
                model.add_implication(x, earlier[j])
        for j, x in earlier.items():
            if full and j not in later:
                model.add(x == 0)


def spread_goal(model: Any, v: Vars, inst: PanelInstance) -> Goal:
    """load_max - load_min over judges with at least one possible seat."""
    loads: dict[str, list[Any]] = defaultdict(list)
    for (j, _), var in v.x.items():
        loads[j].append(var)
    if not loads:
        return Goal("spread", 0, 0)
    most = max(len(vars_) for vars_ in loads.values())
    high = model.new_int_var(0, most, "load_max")
    low = model.new_int_var(0, most, "load_min")
    for vars_ in loads.values():
        model.add(high >= sum(vars_))
        model.add(low <= sum(vars_))
    return Goal("spread", high - low, most)


def _crowds(v: Vars, inst: PanelInstance) -> list[tuple[str, str, list[Any]]]:
    """(session, province, x of its judges) where a panel could have two of one province."""
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for (j, s), var in v.x.items():
        province = inst.judge(j).province
        if province:
            groups[s, province].append(var)
    return [(s, p, vars_) for (s, p), vars_ in groups.items() if len(vars_) > 1]


def same_province_goal(model: Any, v: Vars, inst: PanelInstance) -> Goal:
    """Per panel and province, the judges beyond the first: dup[s,p] >= sum x - 1."""
    terms = []
    for s, province, vars_ in _crowds(v, inst):
        dup = model.new_int_var(0, len(vars_) - 1, f"dup[s={s},p={province}]")
        model.add(dup >= sum(vars_) - 1)
        terms.append(dup)
    return Goal("same_province", sum(terms), inst.rules.max_judges * len(inst.sessions))


def same_province_zero(model: Any, v: Vars, inst: PanelInstance) -> None:
    """same_province is 0: at most one judge per province and panel."""
    for _, _, vars_ in _crowds(v, inst):
        model.add_at_most_one(vars_)


def measure(inst: PanelInstance, seats: Iterable[tuple[str, str]]) -> dict[str, int]:
    """The four goals of (judge, session) seats, computed without a solver (as the terms are)."""
    members: dict[str, set[str]] = defaultdict(set)
    for judge, session in seats:
        members[session].add(judge)
    top = inst.rules.max_judges
    short = sum(top - len(members[s.id]) for s in inst.sessions)
    changes = sum(len(members[b] - members[a]) for a, b in _consecutive(inst))
    able = {
        j
        for j in (j.id for j in inst.judges)
        if any(eligible(inst.judge(j), s) for s in inst.sessions)
    }
    loads = [sum(j in members[s.id] for s in inst.sessions) for j in sorted(able)]
    spread = max(loads) - min(loads) if loads else 0
    same = 0
    for s in inst.sessions:
        provinces = [inst.judge(j).province for j in members[s.id] if inst.judge(j).province]
        same += len(provinces) - len(set(provinces))
    return {"short": short, "room_changes": changes, "spread": spread, "same_province": same}
