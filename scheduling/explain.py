"""Why something cannot be scheduled, in plain Chinese.

The rules are grouped (each theme's capacity, room capacities and kinds per theme, each pin,
each theme's unavailable blocks, each person's blocks). A separate CP-SAT feasibility model
(no objective, one worker) that must place everything enforces each group by one assumption
literal; `sufficient_assumptions_for_infeasibility` names a set of groups that cannot hold
together, which is then shrunk by dropping groups one at a time while it stays infeasible.
"""

from __future__ import annotations

import math
import time
from typing import Any

from scheduling.bounds import supply
from scheduling.constraints import Vars, add_all, new_vars
from scheduling.cpsat import DET_PER_SECOND, Clock, cp_model
from scheduling.messages import conflict_for, reason_for, unproven
from scheduling.model import Conflict, SolveConfig, Theme
from scheduling.prepare import Prepared

Key = tuple[Any, ...]


def _all_room_keys(prep: Prepared) -> list[Any]:
    """Sessions in every room, also those that do not take the kind (rule group room_kind)."""
    return [
        (t, r.id, b.id)
        for t in prep.themes
        for b in prep.instance.blocks
        for r in prep.instance.rooms
        if prep.per_room[t, r.id, b.id] >= 1
    ]


def _build(prep: Prepared) -> tuple[Any, dict[Key, Any]]:
    model = cp_model().CpModel()
    literals: dict[Key, Any] = {}

    def guard(key: Key) -> Any:
        if key not in literals:
            name = "rule[" + ",".join(str(k) for k in key) + "]"
            literals[key] = model.new_bool_var(name)
        return literals[key]

    blocks = {
        pid: tuple(b.id for b in prep.instance.blocks if b.length >= prep.pres[pid].minutes)
        for items in prep.items.values()
        for pid in items
    }
    v = new_vars(model, prep, blocks, _all_room_keys(prep))
    add_all(model, v, prep, guard, must_place=True)
    for t in prep.themes:
        _add_implied_counts(model, v, prep, t, guard)
    return model, literals


def _add_implied_counts(model: Any, v: Vars, prep: Prepared, t: Theme, guard: Any) -> None:
    """Per theme: the sessions needed in total, per room level (implied by the model, but
    they let the solver prove a counting conflict at once instead of by search)."""
    blocks = frozenset(b.id for b in prep.instance.blocks)
    for level in range(len(prep.levels[t])):
        need = sum(
            1
            for p in prep.items[t]
            if prep.pres[p].audience > (prep.levels[t][level - 1] if level else -1)
        )
        held, count, most = supply(prep, v, t, blocks, level)
        if need and most:
            rule = "category_capacity" if level == 0 else "room_capacity"
            model.add(held >= need).only_enforce_if(guard((rule, t)))
            model.add(count >= math.ceil(need / most)).only_enforce_if(guard((rule, t)))


def _infeasible(model: Any, literals: list[Any], limit: float) -> tuple[bool | None, list[int]]:
    cp = cp_model()
    model.clear_assumptions()
    model.add_assumptions(literals)
    solver = cp.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = limit * DET_PER_SECOND
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.linearization_level = 2
    status = solver.solve(model)
    if status == cp.INFEASIBLE:
        return True, list(solver.sufficient_assumptions_for_infeasibility())
    return (False, []) if status in (cp.OPTIMAL, cp.FEASIBLE) else (None, [])


def core(prep: Prepared, limit: float = 10.0) -> tuple[bool | None, list[Key]]:
    """(infeasible?, a small set of rule groups that cannot hold together), within `limit`
    seconds in all (building included).

    infeasible is None when the solver ran out of time.
    """
    deadline = time.perf_counter() + limit
    model, literals = _build(prep)
    keys = sorted(literals, key=str)
    by_index = {literals[k].index: k for k in keys}
    left = deadline - time.perf_counter()
    if left <= 0.05:
        return None, []
    verdict, found = _infeasible(model, [literals[k] for k in keys], left)
    if not verdict:
        return verdict, []
    group = [by_index[i] for i in found] or keys
    for key in sorted(group, key=str):
        left = deadline - time.perf_counter()
        if len(group) <= 1 or left <= 0.05:
            break
        trial = [k for k in group if k != key]
        verdict, found = _infeasible(model, [literals[k] for k in trial], min(left, limit / 4))
        if verdict:
            group = [by_index[i] for i in found if by_index[i] in trial] or trial
    return True, sorted(group, key=str)


def explain(
    prep: Prepared, unplaced: list[str], config: SolveConfig, clock: Clock
) -> tuple[list[Conflict], dict[str, str]]:
    """Conflicts (JSON "explanation") and a Chinese reason for every unscheduled item.

    The search for the conflicting rules gets what is left of the solve's time. Longer time
    is advised only when a solver phase was stopped by its limit (clock.cut).
    """
    conflicts = [
        Conflict(ex.rule, f"{pid}：{ex.reason}", prep.pres[pid].category, prep.pres[pid].kind, pid)
        for pid, ex in prep.excluded.items()
    ]
    reasons = {pid: ex.reason for pid, ex in prep.excluded.items()}
    if not unplaced:
        return conflicts, reasons
    seconds = clock.left() - 0.2
    verdict, keys = core(prep, seconds) if prep.themes and seconds > 0.3 else (None, [])
    found = [conflict_for(prep, key, keys) for key in keys]
    if verdict:
        conflicts += list(dict.fromkeys(found))  # the joint capacity conflict once, not per theme
    else:
        conflicts.append(unproven(verdict, clock.cut))
    for pid in unplaced:
        reasons[pid] = reason_for(prep, pid, keys, found, clock.cut)
    return conflicts, reasons
