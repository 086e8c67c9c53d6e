"""assign(instance, config) -> Panels: every session's panel, by CP-SAT, goal after goal.

1. precheck (explain.py): the plain reasons a panel cannot be filled, found by counting;
2. per day (days share no hard rule and no room change): the hard rules of constraints.py over
   every eligible (judge, session) pair and every pin, minimising `short`, then `room_changes`
   with `short` held at its best (objective.py), then looking for panels of one province each;
3. all days at once, each day's two goals held at its best, from the days' answers: `spread`,
   then `same_province`.
Each phase (phases.py) is deterministic for a seed. A day that is infeasible gets its
explanation from explain.py; the other days keep their panels.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial

from scheduling.cpsat import DET_PER_SECOND
from scheduling.panels.explain import explain, precheck
from scheduling.panels.model import (
    PanelConfig,
    PanelConflict,
    PanelInstance,
    Panels,
    PanelStats,
    Seat,
)
from scheduling.panels.objective import (
    GOALS,
    room_changes_goal,
    room_changes_zero,
    same_province_goal,
    same_province_zero,
    short_goal,
    spread_goal,
)
from scheduling.panels.phases import Held, Run, Values, phase, zero

TIMEOUT = "在求解时间内未能找到评委安排；请延长时间限制后重试"


def _days(inst: PanelInstance) -> list[PanelInstance]:
    """One sub-instance per day (all judges, that day's sessions and pins)."""
    out = []
    for day in sorted({s.day for s in inst.sessions}):
        ids = {s.id for s in inst.sessions if s.day == day}
        sessions = tuple(s for s in inst.sessions if s.id in ids)
        pins = tuple(p for p in inst.pins if p.session in ids)
        out.append(replace(inst, sessions=sessions, pins=pins))
    return out


def _solve_day(day: PanelInstance, run: Run) -> Held | None:
    """The day's best short and room changes (held), its answer in run.values; None: none."""
    held: Held = []
    run.values = None
    short = phase(day, held, "short", short_goal, run)
    if short is None:
        return None
    stay = partial(room_changes_zero, full=short == 0)
    phase(day, held, "room_changes", room_changes_goal, run, stay)
    if run.values is not None:
        zero(day, held, same_province_zero, run)  # often makes the last phase a mere check
    return held


def _solve_days(
    inst: PanelInstance, run: Run, config: PanelConfig
) -> tuple[Held, Values, list[PanelConflict]]:
    """Every day solved: the goals held, the merged answer, and why some days have none."""
    held: Held = []
    merged: Values = {}
    why: list[PanelConflict] = []
    for day in _days(inst):
        plain = precheck(day)
        found = None if plain else _solve_day(day, run)
        if found is None:
            why += plain or _why(day, run, config)
            continue
        held += found
        merged.update(run.values or {})
    return held, merged, why


def _unfit(inst: PanelInstance) -> bool:
    """Rules that admit no panel size, or pins naming unknown judges or sessions."""
    return not inst.rules.sizes() or any(
        not (inst.has_judge(p.judge) and inst.has_session(p.session)) for p in inst.pins
    )


def _seats(values: Values, inst: PanelInstance) -> tuple[Seat, ...]:
    order = {j.id: i for i, j in enumerate(inst.judges)}
    out = []
    for s in inst.sessions:
        members = [j.id for j in inst.judges if values.get((j.id, s.id), (0, 0))[0]]
        members.sort(key=lambda j: (not values[j, s.id][1], order[j]))
        out += [Seat(s.id, j, bool(values[j, s.id][1])) for j in members]
    return tuple(out)


def _stats(run: Run, started: float, seed: int, complete: bool) -> PanelStats:
    goals = tuple((n, run.goals[n][0], run.goals[n][1]) for n in GOALS if n in run.goals)
    proven = run.proven and complete and len(goals) == len(GOALS)
    status = "OPTIMAL" if proven else ("FEASIBLE" if complete else "INFEASIBLE")
    return PanelStats(status, proven, goals, round(time.perf_counter() - started, 3), seed)


def _why(day: PanelInstance, run: Run, config: PanelConfig) -> list[PanelConflict]:
    if run.failed == "INFEASIBLE":
        return explain(day, max(2.0, config.time_limit / 2))
    return [PanelConflict("time_limit", f"{day.sessions[0].day}：{TIMEOUT}")]


def assign(inst: PanelInstance, config: PanelConfig | None = None) -> Panels:
    """Panels for every session; where a day cannot have them, its sessions get no seats and
    `explanation` says why in Chinese (`Panels.complete` is then False).

    Never raises for an infeasible instance; deterministic for one instance and seed.
    """
    config = config or PanelConfig()
    started = time.perf_counter()
    if _unfit(inst):
        stats = PanelStats("INFEASIBLE", False, (), 0.0, config.seed)
        return Panels((), stats, tuple(precheck(inst)))
    run = Run(config, config.time_limit * DET_PER_SECOND, 4 * len(_days(inst)) + 3)
    held, merged, why = _solve_days(inst, run, config)
    run.values = merged
    if not why and merged:
        phase(inst, held, "spread", spread_goal, run)
        phase(inst, held, "same_province", same_province_goal, run, same_province_zero)
    stats = _stats(run, started, config.seed, not why)
    return Panels(_seats(run.values or {}, inst), stats, tuple(why))
