"""solve(instance, config) -> Schedule: the decomposed CP-SAT scheduler.

1. plan (bounds.py): how many sessions of which theme in which room and block; its proven
   optimum is the lower bound;
2. placement (placement.py): every item into a block of its theme's plan (presenter rule,
   unavailability, pins), first with balanced caps; if the plan cannot hold everything, or a
   previous schedule is given, the free model chooses the sessions too (moves in the objective);
3. rooms (rooms.py): per block, the items into the rooms of their sessions;
4. order and times (lots.py): the seeded draw by lot.
Unscheduled items get a Chinese reason from explain.py.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from scheduling.bounds import Plan, count_bound, plan_sessions
from scheduling.cpsat import Clock
from scheduling.explain import explain
from scheduling.lots import draw_all
from scheduling.model import Instance, Schedule, SolveConfig, Stats, Unscheduled
from scheduling.placement import Placement, place_free, place_with_plan
from scheduling.prepare import Prepared, prepare
from scheduling.rooms import Sessions, assign_rooms, insert
from scheduling.stability import keep_previous


@dataclass(frozen=True)
class _Outcome:
    placement: Placement
    lower_bound: int


def _place(prep: Prepared, config: SolveConfig, clock: Clock) -> _Outcome:
    budget = config.time_limit
    if not prep.themes:
        return _Outcome(Placement({}, frozenset(), frozenset(), True), 0)
    plan = plan_sessions(prep, config, clock, budget * 0.25)
    lower = plan.lower_bound if plan else count_bound(prep)
    if plan is not None and prep.instance.previous is None:
        for mode, share in (("balanced", 0.1), ("plain", 0.2), ("max", 0.3)):
            placed = place_with_plan(prep, plan, config, clock, budget * share, mode)
            if placed is not None:
                return _Outcome(placed, lower)
    start = keep_previous(prep) if prep.instance.previous is not None else _plan_hint(plan)
    placed, bound = place_free(prep, config, clock, budget * 0.5, start)
    if start is not None and len(start.blocks) > len(placed.blocks):
        placed = start
    return _Outcome(placed, max(lower, bound or 0))


def _plan_hint(plan: Plan | None) -> Placement | None:
    return Placement({}, plan.sessions, frozenset(), False) if plan else None


def _sessions(prep: Prepared, placement: Placement) -> tuple[Sessions, list[str]]:
    sessions, left = assign_rooms(prep, placement)
    unplaced = [
        p for items in prep.items.values() for p in items if p not in placement.blocks
    ] + left
    still = [p for p in unplaced if insert(prep, sessions, p) is None]
    return sessions, still


def _changes(instance: Instance, sessions: Sessions) -> int | None:
    if instance.previous is None:
        return None
    where = {p: key for key, ps in sessions.items() for p in ps}
    known = {p.id for p in instance.presentations}
    return sum(
        1
        for a in instance.previous
        if a.presentation in known and where.get(a.presentation) != (a.room, a.block)
    )


def solve(instance: Instance, config: SolveConfig | None = None) -> Schedule:
    """Schedule the instance: every rule hard, the goals in the order of SCHEDULING.md.

    Never raises for an infeasible instance: what cannot be placed is listed in `unscheduled`
    with a Chinese reason, and `explanation` names the rules in conflict.
    """
    config = config or SolveConfig()
    clock = Clock(time.perf_counter(), config.progress, config.time_limit)
    prep = prepare(instance)
    outcome = _place(prep, config, clock)
    sessions, unplaced = _sessions(prep, outcome.placement)
    clock.report("rooms")
    assignments = draw_all(instance, sessions, config.seed)
    conflicts, reasons = explain(
        prep, unplaced, config, clock.budget(max(2.0, config.time_limit * 0.25))
    )
    if unplaced or prep.excluded:
        clock.report("explain")
    unscheduled = tuple(
        Unscheduled(p.id, reasons[p.id])
        for p in instance.presentations
        if p.id in reasons and (p.id in prep.excluded or p.id in unplaced)
    )
    used = sum(1 for ps in sessions.values() if ps)
    lower = min(outcome.lower_bound, used)
    stats = Stats(
        used,
        lower,
        not unscheduled and used == lower,
        _changes(instance, sessions),
        clock.seconds(),
        config.seed,
    )
    clock.report("done", used, lower)
    return Schedule(tuple(assignments), unscheduled, stats, tuple(conflicts))
