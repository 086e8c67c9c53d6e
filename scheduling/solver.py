"""solve(instance, config) -> Schedule: the decomposed CP-SAT scheduler.

1. plan (bounds.py): how many sessions of which theme in which room and block, solved
   lexicographically (sessions, then the quality terms); its proven optimum is the lower bound;
   when the plan cannot be filled, a second plan places the items of people who present in
   two themes or more as well (a tighter bound, and a plan that holds them);
2. placement (placement.py): every item into a block of the plan (presenter rule,
   unavailability, pins); when the plan cannot hold everything, or a previous schedule is
   given, `repair` lets the sessions change (pins placed first, then items, sessions, moves,
   quality), hinted with the plan or the previous schedule;
3. rooms (rooms.py): per block, the items into the rooms of their sessions; what does not fit
   is inserted, pins first;
4. spread (spread.py): whole sessions moved between blocks where that lowers the sessions
   of one theme in parallel; then arrange.py: the sessions, as they are, into the cells with
   the fewest in parallel by CP-SAT, with the proven least (parallel_forced);
5. order and times (lots.py): the seeded draw by lot (previous order kept where it can be).
One wall-clock deadline covers everything, model building included: each phase gets a share
of what is left. Unscheduled items get their own Chinese reason from explain.py.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from scheduling.arrange import arrange
from scheduling.bounds import Plan, count_bound, linked_items, plan_sessions
from scheduling.cpsat import Clock
from scheduling.explain import explain
from scheduling.greedy import Board, fill, priority
from scheduling.lots import draw_all
from scheduling.model import Instance, Schedule, SolveConfig, Stats, Unscheduled
from scheduling.placement import Placement, place_with_plan, repair
from scheduling.prepare import Prepared, prepare
from scheduling.quality import forced, quality
from scheduling.rooms import Sessions, assign_rooms
from scheduling.spread import spread
from scheduling.stability import as_placement, keep_previous

RESERVE = 0.08  # share of the limit kept for rooms, order and explanations
SPREAD_UNTIL = 0.97  # share of the limit by which spread.py and arrange.py stop
ARRANGE = 0.5  # arrange.py's deterministic time, as seconds of the limit (at ~0.3 units
# per second it seldom takes it all: 1,000 items ~1 s, 5,000 ~10 s on a quiet machine)
ARRANGE_WALL = 0.05  # share of the limit the repair leaves to arrange.py (on a busy machine
# the repair runs to its wall-clock end, and arrange.py would get the last 5 % only)
BUILD_SECONDS = 1e-4  # building the block model, per item-block variable (~5 s at 50,000)
_Found = tuple[Sessions, list[str]]  # sessions, and the placeable items left out


@dataclass(frozen=True)
class _Outcome:
    sessions: Sessions
    left: list[str]  # placeable items no session took
    lower_bound: int


def _until(clock: Clock, share: float) -> float:
    """The perf_counter instant `share` of the time still usable (before the reserve) ends."""
    usable = clock.left() - RESERVE * clock.total
    return time.perf_counter() + max(0.0, usable) * share


def _rooms_for(prep: Prepared, placement: Placement) -> _Found:
    """Rooms for the placement; what they cannot take is inserted, pinned items first."""
    sessions, left = assign_rooms(prep, placement)
    board = Board(prep)
    board.load(sessions)
    unplaced = [p for ps in prep.items.values() for p in ps if p not in placement.blocks] + left
    left = [p for p in priority(prep, unplaced) if board.insert(p) is None]
    return board.used(), left


def _rank(prep: Prepared, found: _Found) -> tuple[int, int, int, int]:
    """Lexicographic: pins left out, items left out, sessions, moves."""
    sessions, left = found
    where = {p: key for key, ps in sessions.items() for p in ps}
    moves = sum(1 for p, spot in prep.previous.items() if p in where and where[p] != spot)
    pins = sum(1 for p in left if prep.pres[p].pinned is not None)
    return pins, len(left), len(sessions), moves


def _affordable(prep: Prepared, clock: Clock) -> bool:
    """Whether a block-level model can still be built and solved before the deadline
    (building costs about BUILD_SECONDS per item-block variable, measured)."""
    size = sum(len(b) for b in prep.allowed.values())
    return clock.left() - RESERVE * clock.total > 3 * BUILD_SECONDS * size


def _plan_placements(
    prep: Prepared, config: SolveConfig, clock: Clock, plan: Plan
) -> _Found | None:
    """The plan's sessions filled by CP-SAT (when the greedy fill could not), stricter modes
    first; stops at the first mode that runs out of time (the next would too)."""
    for mode, part in (("balanced", 0.1), ("plain", 0.1), ("shared", 0.15)):
        if not _affordable(prep, clock) or clock.cut:
            break
        seconds = _until(clock, part) - time.perf_counter()
        placed = place_with_plan(prep, plan, config, clock, seconds, mode)
        if placed is not None:
            found = _rooms_for(prep, placed)
            if not found[1]:
                return found
    return None


def _start(
    prep: Prepared, config: SolveConfig, clock: Clock, plan: Plan | None
) -> tuple[_Found, bool]:
    """A first schedule without a previous one, and whether it fills the plan: the greedy
    fill into the plan's sessions, with the room step again per block (it balances sessions
    and keeps units together); CP-SAT into the plan's sessions when the greedy fill could
    not; else the fill on its own."""
    found = fill(prep, plan.sessions if plan else ())
    if plan is not None and not found[1] and len(found[0]) <= len(plan.sessions):
        again = _rooms_for(prep, as_placement(prep, found[0]))
        return (again if _rank(prep, again) <= _rank(prep, found) else found), True
    if plan is not None:
        placed = _plan_placements(prep, config, clock, plan)
        if placed is not None:
            return placed, True
    if found[1]:  # the plan misled the fill: the fill on its own may do better
        found = min(found, fill(prep), key=lambda f: _rank(prep, f))
    return found, False


def _place(prep: Prepared, config: SolveConfig, clock: Clock) -> _Outcome:
    if not prep.themes:
        return _Outcome({}, [], 0)
    resolve = prep.instance.previous is not None
    seconds = _until(clock, 0.15 if resolve else 0.6) - time.perf_counter()
    plan = plan_sessions(prep, config, clock, seconds)
    lower = max(plan.lower_bound if plan else 0, count_bound(prep))
    hint = None
    if resolve:
        start = keep_previous(prep)
        done = {p for ps in start.values() for p in ps}
        best = (start, [p for ps in prep.items.values() for p in ps if p not in done])
        if plan is not None:  # the plan kept the previous sessions where it could
            aligned = keep_previous(prep, plan.sessions)
            done = {p for ps in aligned.values() for p in ps}
            left = [p for ps in prep.items.values() for p in ps if p not in done]
            if _rank(prep, (aligned, left)) < _rank(prep, best):
                hint = aligned  # lexicographically better than keeping: start from there
    else:
        best, filled = _start(prep, config, clock, plan)
        linked = linked_items(prep) if not filled and plan is not None else {}
        if linked:
            # the plan by counts could not be filled, often because one person's themes
            # share a block there: plan again with those people's items placed
            seconds = _until(clock, 0.5) - time.perf_counter()
            again = plan_sessions(prep, config, clock, seconds, linked)
            if again is not None:
                lower = max(lower, again.lower_bound)
                best = min(
                    best, _start(prep, config, clock, again)[0], key=lambda f: _rank(prep, f)
                )
        if not best[1] and len(best[0]) <= lower:
            return _Outcome(best[0], best[1], lower)
    if not _affordable(prep, clock):
        clock.cut = clock.cut or bool(best[1])  # more time would let the repair run
        return _Outcome(best[0], best[1], lower)
    keep = as_placement(prep, best[0]) if resolve else None
    start_hint = as_placement(prep, hint if hint is not None else best[0])
    until = _until(clock, 1.0) - ARRANGE_WALL * clock.total  # arrange.py's wall time
    fixed = repair(prep, config, clock, until, lower, start_hint, keep)
    best = min(best, _rooms_for(prep, fixed.placement), key=lambda f: _rank(prep, f))
    return _Outcome(best[0], best[1], max(lower, fixed.lower_bound))


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


def _stats(
    instance: Instance,
    sessions: Sessions,
    unscheduled: tuple[Unscheduled, ...],
    lower_bound: int,
    clock: Clock,
    config: SolveConfig,
    parallel_proven: int = 0,
) -> Stats:
    used = sum(1 for ps in sessions.values() if ps)
    lower = min(lower_bound, used)
    pins_out = sum(1 for u in unscheduled if instance.presentation(u.presentation).pinned)
    return Stats(
        used,
        lower,
        not unscheduled and used == lower,
        _changes(instance, sessions),
        clock.seconds(),
        config.seed,
        placed=sum(len(ps) for ps in sessions.values()),
        pins_unplaced=pins_out,
        workers=config.workers,
        **quality(instance, sessions, parallel_proven),
    )


def solve(instance: Instance, config: SolveConfig | None = None) -> Schedule:
    """Schedule the instance: every rule hard, the goals in the order of SCHEDULING.md.

    Never raises for an infeasible instance: what cannot be placed is listed in `unscheduled`
    with a Chinese reason, and `explanation` names the rules in conflict. The wall time,
    model building included, stays within `config.time_limit` (plus well under a second).
    """
    config = config or SolveConfig()
    clock = Clock(time.perf_counter(), config.progress, config.time_limit)
    prep = prepare(instance)
    outcome = _place(prep, config, clock)
    clock.report("rooms")
    until = clock.started + SPREAD_UNTIL * clock.total
    unplaced = outcome.left
    if unplaced:  # the explanations need their reserve
        until = min(until, clock.started + (1 - RESERVE) * clock.total)
    sessions = spread(prep, outcome.sessions, until)
    floor = forced(instance, sessions)
    arranged = arrange(prep, sessions, config, clock, ARRANGE * config.time_limit, until, floor)
    sessions = arranged.sessions
    clock.report("rooms")
    assignments = draw_all(instance, sessions, config.seed)
    conflicts, reasons = explain(prep, unplaced, config, clock)
    if unplaced or prep.excluded:
        clock.report("explain")
    unscheduled = tuple(
        Unscheduled(p.id, reasons[p.id])
        for p in instance.presentations
        if p.id in reasons and (p.id in prep.excluded or p.id in unplaced)
    )
    stats = _stats(
        instance, sessions, unscheduled, outcome.lower_bound, clock, config, arranged.bound
    )
    clock.report("done", stats.sessions_used, stats.lower_bound)
    return Schedule(tuple(assignments), unscheduled, stats, tuple(conflicts))
