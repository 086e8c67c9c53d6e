"""Placement: each presentation into a block, sessions (room, block, theme) opened for it.

`place_with_plan` keeps the plan of bounds.py fixed (small and fast: one Boolean per item and
block of its plan); `repair` lets the sessions change too (when the plan cannot hold
everything, and for a re-solve with a previous schedule, where moves are counted), hinted
with the plan or the previous schedule and solved lexicographically (lexi.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scheduling.bounds import Plan, plan_keys
from scheduling.constraints import Vars, add_all, new_vars
from scheduling.cpsat import Clock, cp_model, found, make_solver, run
from scheduling.lexi import Term, solve_in_order
from scheduling.model import SolveConfig, Theme
from scheduling.objective import (
    moves_term,
    pins_unplaced_term,
    quality_terms,
    sessions_term,
    unplaced_term,
)
from scheduling.prepare import Prepared


@dataclass(frozen=True)
class Placement:
    blocks: dict[str, str]  # presentation -> block
    sessions: frozenset[tuple[Theme, str, str]]
    stays: frozenset[str]  # presentations kept at their previous room and block
    optimal: bool


def _read(value: Callable[[Any], bool], v: Vars, optimal: bool) -> Placement:
    blocks = {pid: bid for (pid, bid), var in v.x.items() if value(var)}
    sessions = frozenset(k for k, var in v.y.items() if value(var))
    stays = frozenset(p for p, var in v.stay.items() if value(var))
    return Placement(blocks, sessions, stays, optimal)


def _plan_blocks(prep: Prepared, plan: Plan) -> dict[str, tuple[str, ...]]:
    best: dict[tuple[Theme, str], int] = defaultdict(int)
    for t, r, b in plan.sessions:
        best[t, b] = max(best[t, b], prep.instance.room(r).capacity)
    out = {}
    for t, items in prep.items.items():
        for pid in items:
            audience = prep.pres[pid].audience
            out[pid] = tuple(b for b in prep.allowed[pid] if best.get((t, b), -1) >= audience)
    return out


def _balance_caps(model: Any, v: Vars, prep: Prepared, plan: Plan) -> None:
    """Each theme's sessions about equally full: no block above the rounded-up average."""
    count: dict[tuple[Theme, str], int] = defaultdict(int)
    for t, _, b in plan.sessions:
        count[t, b] += 1
    total: dict[Theme, int] = defaultdict(int)
    for (t, _), n in count.items():
        total[t] += n
    by_tb: dict[tuple[Theme, str], list[Any]] = defaultdict(list)
    for (pid, bid), var in v.x.items():
        by_tb[prep.pres[pid].theme, bid].append(var)
    for (t, bid), vars_ in by_tb.items():
        fill = math.ceil(len(prep.items[t]) / total[t])
        model.add(sum(vars_) <= count[t, bid] * fill)


def place_with_plan(
    prep: Prepared, plan: Plan, config: SolveConfig, clock: Clock, limit: float, mode: str
) -> Placement | None:
    """Place every item into the plan's sessions (a feasibility solve: CP-SAT stops at the
    first schedule); None when the plan cannot hold everything (then `repair` runs).

    Mode "balanced": each theme's sessions about equally full, and a person presents one item
    per block (so the room step never has to keep a person's items together); "plain" without
    the balance; "shared" lets a person's items of one theme share a block (and a room).
    """
    cp = cp_model()
    model = cp.CpModel()
    v = new_vars(model, prep, _plan_blocks(prep, plan), sorted(plan.sessions))
    for var in v.y.values():
        model.add(var == 1)
    add_all(model, v, prep, must_place=True, one_item_per_block=mode != "shared")
    if mode == "balanced":
        _balance_caps(model, v, prep, plan)
    solver = make_solver(config, clock.budget(limit))
    status = run(model, solver, clock, "placement")
    if not found(status):
        return None
    return _read(solver.boolean_value, v, status == cp.OPTIMAL)


def _valid_stays(prep: Prepared) -> dict[str, tuple[str, str]]:
    out = {}
    for pid, (rid, bid) in prep.previous.items():
        p = prep.pres[pid]
        usable = pid in prep.allowed and bid in prep.allowed[pid] and rid in prep.rooms[p.theme]
        if usable and (p.pinned is None or (p.pinned.room, p.pinned.block) == (rid, bid)):
            out[pid] = (rid, bid)
    return out


def _hint(model: Any, v: Vars, hint: Placement, prep: Prepared) -> None:
    """Hint every variable the placement decides (placed and w too: CP-SAT prefers full hints)."""
    for (pid, bid), var in v.x.items():
        model.add_hint(var, hint.blocks.get(pid) == bid)
    for pid, var in v.placed.items():
        model.add_hint(var, pid in hint.blocks)
    for key, var in v.y.items():
        model.add_hint(var, key in hint.sessions)
    for pid, var in v.stay.items():
        model.add_hint(var, pid in hint.stays)
    for (person, theme, bid), var in v.w.items():
        model.add_hint(
            var,
            any(
                hint.blocks.get(p) == bid
                for p in prep.items[theme]
                if person in prep.pres[p].presenters
            ),
        )


def _no_more_moves(model: Any, v: Vars, start: Placement) -> None:
    """Unless it places more items or uses fewer sessions than the start point, the answer
    moves no more items than the start point does (lexicographically never worse)."""
    cap = len(v.stay) - len(start.stays & v.stay.keys())
    fewer = model.new_bool_var("fewer_sessions_than_start")
    more = model.new_bool_var("more_placed_than_start")
    model.add(sessions_term(v) <= len(start.sessions) - 1).only_enforce_if(fewer)
    model.add(sum(v.placed.values()) >= len(start.blocks) + 1).only_enforce_if(more)
    model.add(moves_term(v) <= cap + len(v.stay) * (fewer + more))


def _pins(prep: Prepared, pids: list[str]) -> int:
    return sum(1 for p in pids if prep.pres[p].pinned is not None)


@dataclass(frozen=True)
class Repaired:
    placement: Placement
    values: dict[str, int]
    lower_bound: int  # on the sessions of a complete schedule (0 when none was found)


def repair(
    prep: Prepared,
    config: SolveConfig,
    clock: Clock,
    until: float,
    lower: int,
    hint: Placement | None = None,
    keep: Placement | None = None,
) -> Repaired:
    """The sessions free to change: pins placed, then items placed, sessions, moves, and the
    quality terms, one after the other. `keep` is a re-solve's start point (keep_previous):
    the answer is never worse than it (see _no_more_moves), whatever the hint.

    `lower` is a proven bound on the sessions of a complete schedule; it is added once
    every item is placed, so the sessions phase stops as soon as it meets it.
    """
    model = cp_model().CpModel()
    v = new_vars(model, prep, dict(prep.allowed), plan_keys(prep), _valid_stays(prep))
    add_all(model, v, prep)
    if keep is not None and v.stay:
        _no_more_moves(model, v, keep)
    left = [p for p in v.placed if hint is None or p not in hint.blocks]
    terms = [
        Term("pins_unplaced", pins_unplaced_term(v, prep), 0, 2.0, _pins(prep, left), True),
        Term("unplaced", unplaced_term(v), 0, 2.0, len(left), True),
        Term("sessions", sessions_term(v), share=2.0),
    ]
    if v.stay:
        terms.append(Term("moves", moves_term(v)))
    terms += quality_terms(model, v, prep)
    if hint is not None:
        _hint(model, v, hint, prep)

    def after(name: str, value: int) -> None:
        if name == "unplaced" and value == 0:
            model.add(sessions_term(v) >= lower)

    out = solve_in_order(model, terms, config, clock, "repair", until, after)
    if out.solution is None:
        return Repaired(Placement({}, frozenset(), frozenset(), False), {}, 0)
    placement = _read(lambda var: bool(out.value(var)), v, out.proven.get("sessions", False))
    bound = out.bounds.get("sessions", 0) if out.values.get("unplaced") == 0 else 0
    return Repaired(placement, out.values, max(bound, lower if bound else 0))
