"""Placement: each presentation into a block, sessions (room, block, theme) opened for it.

`place_with_plan` keeps the plan of bounds.py fixed (small and fast: one Boolean per item and
block of its plan); `place_free` lets the sessions change too (the repair model, and the
re-solve with a previous schedule, where moves are counted in the objective).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from scheduling.bounds import Plan, plan_keys
from scheduling.constraints import Vars, add_all, new_vars
from scheduling.cpsat import Clock, cp_model, found, make_solver, run
from scheduling.model import SolveConfig, Theme
from scheduling.objective import lexicographic, moves_term, sessions_term, unplaced_term
from scheduling.prepare import Prepared


@dataclass(frozen=True)
class Placement:
    blocks: dict[str, str]  # presentation -> block
    sessions: frozenset[tuple[Theme, str, str]]
    stays: frozenset[str]  # presentations kept at their previous room and block
    optimal: bool


def _read(solver: Any, v: Vars, optimal: bool) -> Placement:
    blocks = {pid: bid for (pid, bid), var in v.x.items() if solver.boolean_value(var)}
    sessions = frozenset(k for k, var in v.y.items() if solver.boolean_value(var))
    stays = frozenset(p for p, var in v.stay.items() if solver.boolean_value(var))
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
    """Place the items into the plan's sessions.

    mode "balanced" and "plain" are feasibility solves (no objective: CP-SAT stops at the first
    schedule) that must place everything, "balanced" with each theme's sessions about equally
    full; they return None when that fails. Mode "max" places as many items as it can.
    """
    cp = cp_model()
    model = cp.CpModel()
    v = new_vars(model, prep, _plan_blocks(prep, plan), sorted(plan.sessions))
    for var in v.y.values():
        model.add(var == 1)
    add_all(model, v, prep, must_place=mode != "max", one_item_per_block=mode != "max")
    if mode == "balanced":
        _balance_caps(model, v, prep, plan)
    if mode == "max":
        model.maximize(sum(v.placed.values()))
    solver = make_solver(config, clock.budget(limit))
    status = run(model, solver, clock, "placement")
    if not found(status):
        return None
    return _read(solver, v, status == cp.OPTIMAL)


def _valid_stays(prep: Prepared) -> dict[str, tuple[str, str]]:
    out = {}
    for pid, (rid, bid) in prep.previous.items():
        p = prep.pres[pid]
        usable = pid in prep.allowed and bid in prep.allowed[pid] and rid in prep.rooms[p.theme]
        if usable and (p.pinned is None or (p.pinned.room, p.pinned.block) == (rid, bid)):
            out[pid] = (rid, bid)
    return out


def _hint(model: Any, v: Vars, hint: Placement | None, prep: Prepared) -> None:
    if hint is None:
        if not prep.previous:
            return
        spots = _valid_stays(prep)
        hint = Placement(
            {p: b for p, (_, b) in spots.items()},
            frozenset((prep.pres[p].theme, r, b) for p, (r, b) in spots.items()),
            frozenset(spots),
            False,
        )
    for (pid, bid), var in v.x.items():
        model.add_hint(var, hint.blocks.get(pid) == bid)
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


def place_free(
    prep: Prepared, config: SolveConfig, clock: Clock, limit: float, hint: Placement | None = None
) -> tuple[Placement, int | None]:
    """Most items, then fewest sessions, then fewest moves; returns (placement, bound).

    The bound is a proven lower bound on the sessions when the model places every item.
    """
    cp = cp_model()
    model = cp.CpModel()
    v = new_vars(model, prep, dict(prep.allowed), plan_keys(prep), _valid_stays(prep))
    add_all(model, v, prep)
    terms = [unplaced_term(v), sessions_term(v), moves_term(v)]
    model.minimize(lexicographic(terms, [len(v.placed), len(v.y), len(v.stay)]))
    _hint(model, v, hint, prep)
    solver = make_solver(config, clock.budget(limit))
    status = run(model, solver, clock, "repair")
    if not found(status):
        return Placement({}, frozenset(), frozenset(), False), None
    placement = _read(solver, v, status == cp.OPTIMAL)
    bound = None
    if len(placement.blocks) == len(v.placed):
        moves_max = len(v.stay)
        bound = math.ceil((solver.best_objective_bound - moves_max - 1e-6) / (moves_max + 1))
    return placement, bound
