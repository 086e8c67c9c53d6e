"""assign(instance, config) -> Panels: every session's panel, by CP-SAT, goal after goal.

1. precheck (explain.py): the plain reasons a panel cannot be filled, found by counting;
2. per day (days share no hard rule and no room change): a model with x/lead for every eligible
   (judge, session) pair and every pin and the hard families of constraints.py, minimising
   `short`, then `room_changes` with `short` fixed at its best (objective.py);
3. one model of all days, each day's two goals held at its best, the day answers as a hint:
   minimising `spread`, then `same_province`.
Each phase is deterministic for a seed (one worker, or interleaved workers, and a stop on
deterministic time: the time limit is shared out evenly, unused time carried forward). When a
day is infeasible, explain.py names the rule groups in conflict.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

from scheduling.cpsat import DET_PER_SECOND, cp_model
from scheduling.panels.constraints import Pair, Vars, add_all, new_vars
from scheduling.panels.explain import explain, precheck
from scheduling.panels.model import (
    PanelConfig,
    PanelConflict,
    PanelInstance,
    Panels,
    PanelStats,
    Seat,
    eligible,
)
from scheduling.panels.objective import (
    GOALS,
    Goal,
    measure,
    room_changes_goal,
    same_province_goal,
    short_goal,
    spread_goal,
)

Values = dict[Pair, tuple[int, int]]  # (x, lead) of every pair in an answer


def _pairs(inst: PanelInstance) -> list[tuple[str, str]]:
    pinned = {(p.judge, p.session) for p in inst.pins}
    return [
        (j.id, s.id)
        for s in inst.sessions
        for j in inst.judges
        if eligible(j, s) or (j.id, s.id) in pinned
    ]


def _solver(config: PanelConfig, det: float) -> Any:
    solver = cp_model().CpSolver()
    params = solver.parameters
    params.num_workers = max(1, config.workers)
    if params.num_workers > 1:
        params.interleave_search = True  # keeps several workers deterministic
    params.random_seed = config.seed
    # Measured on 5x the full demo: probing and symmetry detection took most of the presolve
    # (16 s of 17 for a day) and the search found the optimum at once without them.
    params.cp_model_probing_level = 0
    params.symmetry_level = 0
    params.max_deterministic_time = max(0.05, det)
    params.max_time_in_seconds = max(1.0, 1.5 * det / DET_PER_SECOND)  # safety net only
    return solver


@dataclass
class _Budget:
    """Deterministic time left and phases still to run: each phase gets an even share."""

    left: float
    phases: int

    def take(self) -> float:
        return self.left / max(1, self.phases)

    def spend(self, solver: Any) -> None:
        self.left = max(0.0, self.left - solver.response_proto.deterministic_time)
        self.phases -= 1


@dataclass
class _Run:
    """The best answer so far, per goal [value, bound], and whether every phase was optimal."""

    config: PanelConfig
    budget: _Budget
    values: Values | None = None
    goals: dict[str, list[int]] = field(default_factory=dict)
    proven: bool = True
    failed: str = ""  # CP-SAT's status name of a phase that found nothing

    def record(self, name: str, best: int, bound: int) -> None:
        old = self.goals.get(name, [0, 0])
        self.goals[name] = [old[0] + best, old[1] + bound]


def _hint(model: Any, v: Vars, values: Values | None) -> None:
    """Hint the x and lead values of the answer so far."""
    model.clear_hints()
    for pair, (x, lead) in (values or {}).items():
        if pair in v.x:
            model.add_hint(v.x[pair], x)
        if pair in v.lead:
            model.add_hint(v.lead[pair], lead)


def _phases(
    model: Any, v: Vars, inst: PanelInstance, goals: list[Goal], run: _Run
) -> list[int] | None:
    """Minimise the goals one after the other, each then held at its best (the best values);
    each phase starts from the answer so far, and is skipped when that answer already has 0.
    A phase out of time keeps the answer so far; None when there is none."""
    cp, bests = cp_model(), []
    for goal in goals:
        if _reaches_zero(model, v, inst, goal, run):
            run.record(goal.name, 0, 0)
            model.add(goal.term <= 0)
            bests.append(0)
            continue
        value = model.new_int_var(0, max(0, goal.upper), f"goal[{goal.name}]")  # bound 0 at once
        model.add(value == goal.term)
        model.minimize(value)
        _hint(model, v, run.values)
        solver = _solver(run.config, run.budget.take())
        status = solver.solve(model)
        run.budget.spend(solver)
        if status not in (cp.OPTIMAL, cp.FEASIBLE):
            if run.values is None:
                run.failed = solver.status_name(status)
                return None
            best = measure(inst, _chosen(run.values))[goal.name]  # out of time: keep the answer
            run.proven = False
            run.record(goal.name, best, 0)
            model.add(goal.term <= best)
            bests.append(best)
            continue
        best = int(solver.objective_value)
        bound = best if status == cp.OPTIMAL else math.ceil(solver.best_objective_bound)
        run.proven = run.proven and status == cp.OPTIMAL
        run.values = _values(solver, v)
        run.record(goal.name, best, bound)
        model.add(goal.term <= best)
        bests.append(best)
    return bests


def _reaches_zero(model: Any, v: Vars, inst: PanelInstance, goal: Goal, run: _Run) -> bool:
    """The answer so far has the goal at 0, or a feasibility model with goal.zero finds one."""
    if run.values is not None and measure(inst, _chosen(run.values))[goal.name] == 0:
        return True
    return goal.zero is not None and run.values is not None and _try_zero(model, v, goal, run)


def _try_zero(model: Any, v: Vars, goal: Goal, run: _Run) -> bool:
    """Solve with goal.zero enforced (no objective); on success its answer is run.values and
    goal.zero stays on, else it is off."""
    assert goal.zero is not None
    lit = model.new_bool_var(f"zero[{goal.name}]")
    goal.zero(lit)
    model.clear_objective()
    model.add_assumptions([lit])
    model.clear_hints()  # the answer so far misleads more than it helps here
    solver = _solver(run.config, run.budget.take())
    status = solver.solve(model)
    run.budget.left -= solver.response_proto.deterministic_time
    model.clear_assumptions()
    found = status in (cp_model().OPTIMAL, cp_model().FEASIBLE)
    model.add(lit == int(found))
    if found:
        run.values = _values(solver, v)
    return found


def _values(solver: Any, v: Vars) -> Values:
    return {
        p: (solver.value(x), solver.value(v.lead[p]) if p in v.lead else 0) for p, x in v.x.items()
    }


def _chosen(values: Values) -> list[Pair]:
    return [pair for pair, (x, _) in values.items() if x]


def _days(inst: PanelInstance) -> list[PanelInstance]:
    """One sub-instance per day (all judges, that day's sessions and pins)."""
    out = []
    for day in sorted({s.day for s in inst.sessions}):
        ids = {s.id for s in inst.sessions if s.day == day}
        sessions = tuple(s for s in inst.sessions if s.id in ids)
        pins = tuple(p for p in inst.pins if p.session in ids)
        out.append(replace(inst, sessions=sessions, pins=pins))
    return out


def _model(inst: PanelInstance) -> tuple[Any, Vars]:
    model = cp_model().CpModel()
    pairs = _pairs(inst)
    v = new_vars(model, pairs, [(j, s) for j, s in pairs if inst.judge(j).may_lead])
    add_all(model, v, inst)
    return model, v


def _solve_days(inst: PanelInstance, run: _Run) -> list[tuple[PanelInstance, list[int]]] | None:
    """Each day's best `short` and `room_changes`; the days' answers merged into run.values."""
    merged: Values = {}
    out = []
    for day in _days(inst):
        model, v = _model(day)
        run.values = None
        bests = _phases(model, v, day, [short_goal(v, day), room_changes_goal(model, v, day)], run)
        if bests is None:
            return None
        # Panels of one province apart in this day already, so the last phase is likely a check.
        _try_zero(model, v, same_province_goal(model, v, day), run)
        merged.update(run.values or {})
        out.append((day, bests))
    run.values = merged
    return out


def _solve_all(inst: PanelInstance, days: list[tuple[PanelInstance, list[int]]], run: _Run) -> None:
    """spread, then same_province, over all days, every day held at its best."""
    model, v = _model(inst)
    for day, (short, changes) in days:
        model.add(short_goal(v, day).term <= short)
        model.add(room_changes_goal(model, v, day).term <= changes)
    merged = run.values
    if (
        _phases(
            model, v, inst, [spread_goal(model, v, inst), same_province_goal(model, v, inst)], run
        )
        is None
    ):
        run.values = run.values or merged  # the days' answer keeps every rule


def _seats(values: Values, inst: PanelInstance) -> tuple[Seat, ...]:
    order = {j.id: i for i, j in enumerate(inst.judges)}
    out = []
    for s in inst.sessions:
        members = [j.id for j in inst.judges if values.get((j.id, s.id), (0, 0))[0]]
        members.sort(key=lambda j: (not values[j, s.id][1], order[j]))
        out += [Seat(s.id, j, bool(values[j, s.id][1])) for j in members]
    return tuple(out)


def _stats(run: _Run, started: float, seed: int) -> PanelStats:
    goals = tuple(
        (name, run.goals[name][0], run.goals[name][1]) for name in GOALS if name in run.goals
    )
    complete = len(goals) == len(GOALS)
    status = "OPTIMAL" if run.proven and complete else ("FEASIBLE" if run.values else run.failed)
    seconds = round(time.perf_counter() - started, 3)
    return PanelStats(status, run.proven and complete, goals, seconds, seed)


def assign(inst: PanelInstance, config: PanelConfig | None = None) -> Panels:
    """Panels for every session, or no seats and a Chinese explanation of why not.

    Never raises for an infeasible instance; deterministic for one instance and seed.
    """
    config = config or PanelConfig()
    started = time.perf_counter()
    plain = precheck(inst)
    if plain:
        return Panels((), PanelStats("INFEASIBLE", False, (), 0.0, config.seed), tuple(plain))
    run = _Run(config, _Budget(config.time_limit * DET_PER_SECOND, 3 * len(_days(inst)) + 2))
    days = _solve_days(inst, run)
    if days is not None:
        _solve_all(inst, days, run)
        return Panels(_seats(run.values or {}, inst), _stats(run, started, config.seed))
    if run.failed == "INFEASIBLE":
        why = explain(inst, max(2.0, config.time_limit / 2))
    else:
        why = [PanelConflict("time_limit", "在求解时间内未能找到评委安排；请延长时间限制后重试")]
    return Panels((), _stats(run, started, config.seed), tuple(why))
