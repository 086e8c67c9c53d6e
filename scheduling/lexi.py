"""Lexicographic optimisation: one objective after another, each optimum kept as a constraint.

Each phase minimises one term; the value it reaches is then added to the model
(term <= value), the solution found becomes the complete hint of the next phase, and the
next term is minimised. No weights: a later term never buys a worse earlier one, and a phase
that finds nothing better in its time keeps the previous solution (the hint is feasible).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scheduling.cpsat import Clock, cp_model, found, make_solver, run
from scheduling.model import SolveConfig


@dataclass(frozen=True)
class Term:
    name: str
    expr: Any
    floor: int = 0  # a proven lower bound: reaching it proves the phase optimal
    share: float = 1.0  # this phase's part of the time, relative to the others
    start: int | None = None  # the hint's value: at the floor, the phase is fixed unsolved
    decisive: bool = False  # whether its time limit can cost items (then clock.cut is set)


@dataclass
class Outcome:
    """The last solution found (read through `value`), each term's value and proof."""

    values: dict[str, int] = field(default_factory=dict)
    proven: dict[str, bool] = field(default_factory=dict)
    bounds: dict[str, int] = field(default_factory=dict)
    solution: list[int] | None = None

    def value(self, var: Any) -> int:
        """The value of a model variable in the last solution."""
        assert self.solution is not None
        return int(self.solution[var.index])


def _hint_all(model: Any, solution: list[int]) -> None:
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(solution)))
    hint.values.extend(solution)


def solve_in_order(
    model: Any,
    terms: list[Term],
    config: SolveConfig,
    clock: Clock,
    phase: str,
    until: float,
    after: Callable[[str, int], None] | None = None,
    tune: Callable[[Any], None] | None = None,
) -> Outcome:
    """Minimise `terms` one after the other until `until` (a perf_counter instant).

    `after(name, value)` may add constraints once a term is fixed (say, a bound that holds
    only for complete schedules); `tune(solver)` may change its parameters.
    """
    cp = cp_model()
    out = Outcome()
    for i, term in enumerate(terms):
        rest = sum(t.share for t in terms[i:])
        seconds = (until - time.perf_counter()) * term.share / rest
        if out.solution is None:
            seconds = max(seconds, 0.1)  # no answer yet: a short overrun beats none at all
        elif seconds <= 0.02:
            break
        if term.start is not None and term.start <= term.floor:
            # the hint already reaches the bound: keep it (a solve could wander off it)
            model.add(term.expr <= term.start)
            out.values[term.name] = out.bounds[term.name] = term.start
            out.proven[term.name] = True
            if after is not None:
                after(term.name, term.start)
            continue
        if term.floor:
            model.add(term.expr >= term.floor)
        model.minimize(term.expr)
        solver = make_solver(config, clock.budget(seconds))
        if tune is not None:
            tune(solver)
        was_cut = clock.cut
        status = run(model, solver, clock, phase)
        clock.cut = clock.cut if term.decisive else was_cut
        if not found(status):
            if status == cp.INFEASIBLE and out.solution is None:
                return out  # the model itself cannot hold
            break
        out.solution = list(solver.response_proto.solution)
        value = round(solver.objective_value)
        out.values[term.name] = value
        out.bounds[term.name] = max(term.floor, math.ceil(solver.best_objective_bound - 1e-6))
        out.proven[term.name] = status == cp.OPTIMAL or value <= term.floor
        model.add(term.expr <= value)
        _hint_all(model, out.solution)
        if after is not None:
            after(term.name, value)
    return out
