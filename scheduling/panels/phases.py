"""One goal at a time: the phases of solver.py, each on a fresh CP-SAT model.

A phase first looks at the answer so far (a goal already at 0 is done: 0 is every goal's
bound). Then, for a goal that can say "I am 0" directly (objective.*_zero), a feasibility model with
those constraints hard: presolve can then use them (equalities merge variables), which proves
0 much faster than minimising; measured on the full demo, minimising room changes took 3 s and
often stopped short where the feasibility model took 0.2 s. Otherwise the goal is minimised
from the answer so far (a hint). Every phase's model holds the earlier goals at their best.
Phases stop on deterministic time, an even share of what is left, so answers repeat.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scheduling.cpsat import DET_PER_SECOND, cp_model
from scheduling.panels.constraints import Pair, Vars, add_all, new_vars
from scheduling.panels.model import PanelConfig, PanelInstance, eligible
from scheduling.panels.objective import Goal, measure

Values = dict[Pair, tuple[int, int]]  # (x, lead) of every pair in an answer
GoalFn = Callable[[Any, Vars, PanelInstance], Goal]
ZeroFn = Callable[[Any, Vars, PanelInstance], None]
# goal, the instance it counts on, its best, and its zero constraints (added when the best is 0)
Held = list[tuple[GoalFn, PanelInstance, int, "ZeroFn | None"]]


@dataclass
class Run:
    """The answer so far, per goal [value, bound], the time left, whether all was optimal."""

    config: PanelConfig
    left: float  # deterministic time
    solves: int  # solves still planned: each gets an even share of `left`
    values: Values | None = None
    goals: dict[str, list[int]] = field(default_factory=dict)
    proven: bool = True
    failed: str = ""  # CP-SAT's status name of a phase that found nothing

    def record(self, name: str, best: int, bound: int) -> None:
        old = self.goals.get(name, [0, 0])
        self.goals[name] = [old[0] + best, old[1] + bound]

    def solve(self, model: Any, shares: int = 1) -> tuple[Any, bool]:
        """Solve with `shares` even shares of the time left: (solver, found an answer)."""
        solver = make_solver(self.config, self.left * shares / max(shares, self.solves))
        status = solver.solve(model)
        self.left = max(0.0, self.left - solver.response_proto.deterministic_time)
        self.solves -= 1
        found = status in (cp_model().OPTIMAL, cp_model().FEASIBLE)
        if not found:
            self.failed = solver.status_name(status)
        return solver, found


def make_solver(config: PanelConfig, det: float) -> Any:
    """A CpSolver that gives the same answer for the same model and seed."""
    solver = cp_model().CpSolver()
    params = solver.parameters
    params.num_workers = max(1, config.workers)
    if params.num_workers > 1:
        params.interleave_search = True  # keeps several workers deterministic
    params.random_seed = config.seed
    # Measured on 5x the full demo: probing and symmetry detection took 16 s of a day's 17 s
    # presolve, and the search found the optimum at once without them.
    params.cp_model_probing_level = 0
    params.symmetry_level = 0
    params.max_deterministic_time = max(0.05, det)
    params.max_time_in_seconds = max(1.0, 1.5 * det / DET_PER_SECOND)  # safety net only
    return solver


def pairs(inst: PanelInstance) -> list[Pair]:
    """The (judge, session) pairs that can be true: eligible ones and pins."""
    pinned = {(p.judge, p.session) for p in inst.pins}
    return [
        (j.id, s.id)
        for s in inst.sessions
        for j in inst.judges
        if eligible(j, s) or (j.id, s.id) in pinned
    ]


def fresh(inst: PanelInstance, held: Held) -> tuple[Any, Vars]:
    """A model of every hard rule with the held goals at their best."""
    model = cp_model().CpModel()
    found = pairs(inst)
    v = new_vars(model, found, [(j, s) for j, s in found if inst.judge(j).may_lead])
    add_all(model, v, inst)
    for fn, sub, best, zero_fn in held:
        model.add(fn(model, v, sub).term <= best)
        if best == 0 and zero_fn is not None:
            zero_fn(model, v, sub)  # the same, said so that presolve can use it
    return model, v


def _values(solver: Any, v: Vars) -> Values:
    lead = v.lead
    return {p: (solver.value(x), solver.value(lead[p]) if p in lead else 0) for p, x in v.x.items()}


def _hint(model: Any, v: Vars, values: Values | None) -> None:
    for pair, (x, lead) in (values or {}).items():
        if pair in v.x:
            model.add_hint(v.x[pair], x)
        if pair in v.lead:
            model.add_hint(v.lead[pair], lead)


def current(inst: PanelInstance, run: Run, name: str) -> int | None:
    """The goal's value in the answer so far (None when there is none)."""
    if run.values is None:
        return None
    return measure(inst, [p for p, (x, _) in run.values.items() if x])[name]


def zero(inst: PanelInstance, held: Held, zero_fn: ZeroFn, run: Run) -> bool:
    """Look for an answer with a goal at 0 by a feasibility model; it becomes run.values."""
    model, v = fresh(inst, held)
    zero_fn(model, v, inst)
    solver, found = run.solve(model, 2)  # when it succeeds, the minimising is not needed
    if found:
        run.values = _values(solver, v)
    return found


def phase(
    inst: PanelInstance, held: Held, name: str, fn: GoalFn, run: Run, zero_fn: ZeroFn | None = None
) -> int | None:
    """The goal's best (then held), or None when no answer exists yet and none was found."""
    if current(inst, run, name) == 0 or (zero_fn is not None and zero(inst, held, zero_fn, run)):
        run.record(name, 0, 0)
        held.append((fn, inst, 0, zero_fn))
        return 0
    model, v = fresh(inst, held)
    goal = fn(model, v, inst)
    value = model.new_int_var(0, max(0, goal.upper), f"goal[{name}]")  # a bound of 0 at once
    model.add(value == goal.term)
    model.minimize(value)
    _hint(model, v, run.values)
    solver, found = run.solve(model)
    if found:
        best = int(solver.objective_value)
        optimal = solver.status_name(solver.response_proto.status) == "OPTIMAL"
        bound = best if optimal else math.ceil(solver.best_objective_bound)
        run.values = _values(solver, v)
    elif run.values is not None:  # out of time: keep the answer so far
        best, bound, optimal = current(inst, run, name) or 0, 0, False
    else:
        return None
    run.proven = run.proven and optimal
    run.record(name, best, bound)
    held.append((fn, inst, best, zero_fn))
    return best
