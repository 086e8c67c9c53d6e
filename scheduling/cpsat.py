"""Thin helpers around CP-SAT: lazy import, reproducible parameters, progress reports.

ortools costs about 0.9 s to import, so it is imported on first use only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from scheduling.model import ProgressCallback, SolveConfig

DET_PER_SECOND = 0.3  # measured: CP-SAT's deterministic time runs at ~0.38 units per second
DET_MARGIN = 0.67  # session phases stop at 0.2 units per second: on a busy machine the
# deterministic stop (reproducible) still comes before the wall-clock one (the deadline)


def cp_model() -> Any:
    """The ortools.sat.python.cp_model module (imported on first call)."""
    from ortools.sat.python import cp_model as module

    return module


@dataclass
class Clock:
    """One wall-clock deadline for the whole solve (model building included), measured from
    `started`; the progress callback; and whether a solver phase was stopped by its limit
    (`cut`: only then can more time help)."""

    started: float
    progress: ProgressCallback | None = None
    total: float = float("inf")
    cut: bool = False

    def left(self) -> float:
        """Seconds left until the deadline (negative when past it)."""
        return self.total - (time.perf_counter() - self.started)

    def budget(self, limit: float) -> float:
        """`limit`, cut to what is left of the total (at least 50 ms)."""
        return max(0.05, min(limit, self.left()))

    def seconds(self) -> float:
        return round(time.perf_counter() - self.started, 3)

    def report(
        self, phase: str, objective: float | None = None, bound: float | None = None
    ) -> None:
        """Send {"phase", "objective", "bound", "seconds"} to the callback, if any."""
        if self.progress is not None:
            self.progress(
                {"phase": phase, "objective": objective, "bound": bound, "seconds": self.seconds()}
            )


def make_solver(config: SolveConfig, limit: float, workers: int | None = None) -> Any:
    """A CpSolver that gives the same answer for the same input and seed, whatever
    `config.workers` says.

    Every phase runs one worker unless `workers` asks for more: measured on 2 shared cores,
    two interleaved workers (the only deterministic way to use two) found worse schedules in
    the same time and, being another search, flipped instances between complete and
    incomplete; one search for every worker count is what keeps the behaviour one. The stop is on
    deterministic time (about DET_PER_SECOND units per wall second on a 2-core machine), so a
    time-limited solve gives the same answer on every run; the wall-time stop at `limit` keeps
    the solve's deadline on a busy machine.
    """
    solver = cp_model().CpSolver()
    params = solver.parameters
    params.num_workers = max(1, workers or 1)
    if params.num_workers > 1:
        params.interleave_search = True
    params.random_seed = 1  # config.seed is the lot draw's: a new draw keeps the rooms
    params.max_deterministic_time = max(0.05, limit * DET_PER_SECOND * DET_MARGIN)
    params.max_time_in_seconds = max(0.05, limit)
    return solver


def run(model: Any, solver: Any, clock: Clock, phase: str) -> int:
    """Solve, reporting each improving solution to the clock's callback; returns the status.

    Marks the clock `cut` when the solve stopped on its limit without an answer or a proof.
    """
    status = _run(model, solver, clock, phase)
    cp = cp_model()
    if status == cp.UNKNOWN or (status == cp.FEASIBLE and model.has_objective()):
        clock.cut = True
    return status


def _run(model: Any, solver: Any, clock: Clock, phase: str) -> int:
    if clock.progress is None:
        return int(solver.solve(model))
    if not model.has_objective():
        status = int(solver.solve(model))
        clock.report(phase)
        return status
    base = cp_model().CpSolverSolutionCallback

    class _Report(base):  # type: ignore[misc, valid-type]
        def on_solution_callback(self) -> None:
            clock.report(phase, self.objective_value, self.best_objective_bound)

    status = int(solver.solve(model, _Report()))
    if status in (cp_model().OPTIMAL, cp_model().FEASIBLE):
        clock.report(phase, solver.objective_value, solver.best_objective_bound)
    return status


def found(status: int) -> bool:
    """OPTIMAL or FEASIBLE."""
    return status in (cp_model().OPTIMAL, cp_model().FEASIBLE)
