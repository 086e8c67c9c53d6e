"""Why panels cannot be filled, in plain Chinese.

`precheck` finds the plain causes by counting, without a solver: rules that admit no size, pins
that break a rule on their own, a session with too few eligible judges (or none who may lead),
sessions at one moment that together need more judges than can sit in any of them. When the
model is infeasible for a subtler reason, `core` builds a CP-SAT feasibility model over every
(judge, session) pair with one assumption literal per rule group, takes the sufficient
assumptions and shrinks them by dropping groups while the rest stays infeasible, and names the
sessions and moments left.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from scheduling.cpsat import DET_PER_SECOND, cp_model
from scheduling.panels import messages
from scheduling.panels.constraints import add_all, new_vars
from scheduling.panels.model import (
    KIND_LABELS,
    PanelConflict,
    PanelInstance,
    concurrent_groups,
    eligible,
)

Key = tuple[Any, ...]


def _pin_conflicts(inst: PanelInstance) -> list[PanelConflict]:
    out: list[PanelConflict] = []
    by_judge: dict[str, list[str]] = defaultdict(list)
    by_session: dict[str, list[Any]] = defaultdict(list)
    for pin in inst.pins:
        if not (inst.has_judge(pin.judge) and inst.has_session(pin.session)):
            out.append(messages.pin_text(inst, pin.judge, pin.session, "评委或场次不存在"))
            continue
        judge, session = inst.judge(pin.judge), inst.session(pin.session)
        if judge.unit in session.units:
            out.append(messages.pin_text(inst, pin.judge, pin.session, "本场有其本单位的成果发表"))
        elif session.kind not in judge.kinds:
            why = f"其未获「{KIND_LABELS.get(session.kind, session.kind)}」类评审资格"
            out.append(messages.pin_text(inst, pin.judge, pin.session, why))
        if pin.leader and not judge.may_lead:
            out.append(messages.pin_text(inst, pin.judge, pin.session, "其不能担任组长"))
        for other in by_judge[pin.judge]:
            if inst.session(other).overlaps(session):
                why = f"同一时间还被固定在 {inst.session(other).label}"
                out.append(messages.pin_text(inst, pin.judge, pin.session, why))
        by_judge[pin.judge].append(pin.session)
        by_session[pin.session].append(pin)
    for sid, pins in by_session.items():
        top = inst.rules.max_judges
        if len(pins) > top:
            why = f"本场固定了 {len(pins)} 名评委，超过上限 {top} 名"
            out.append(messages.pin_text(inst, pins[-1].judge, sid, why))
        if sum(p.leader for p in pins) > 1:
            why = "本场固定了不止一名组长"
            out.append(messages.pin_text(inst, [p for p in pins if p.leader][-1].judge, sid, why))
    return out


def _session_conflicts(inst: PanelInstance) -> list[PanelConflict]:
    need = min(inst.rules.sizes())
    out = []
    for session in inst.sessions:
        able = [j for j in inst.judges if eligible(j, session)]
        if len(able) < need:
            out.append(messages.short_of_judges(inst, session))
        elif not any(j.may_lead for j in able):
            out.append(messages.no_leader(inst, session))
    return out


def _moment_conflicts(inst: PanelInstance) -> list[PanelConflict]:
    need = min(inst.rules.sizes())
    out = []
    for moment, group in concurrent_groups(inst.sessions):
        able = [j for j in inst.judges if any(eligible(j, s) for s in group)]
        if len(able) < need * len(group):
            out.append(messages.concurrent(inst, moment, group, need * len(group), able, "评委"))
            continue
        leaders = [j for j in able if j.may_lead]
        if len(leaders) < len(group):
            out.append(messages.concurrent(inst, moment, group, len(group), leaders, "组长人选"))
    return out


def precheck(inst: PanelInstance) -> list[PanelConflict]:
    """The causes found by counting alone (empty: none found, the solver may still fail)."""
    if not inst.rules.sizes():
        return [messages.no_size(inst.rules)]
    pins = _pin_conflicts(inst)
    if pins:
        return pins
    return _session_conflicts(inst) + _moment_conflicts(inst)


def _build(inst: PanelInstance) -> tuple[Any, dict[Key, Any]]:
    model = cp_model().CpModel()
    literals: dict[Key, Any] = {}

    def guard(key: Key) -> Any:
        if key not in literals:
            literals[key] = model.new_bool_var("rule[" + ",".join(map(str, key)) + "]")
        return literals[key]

    pairs = [(j.id, s.id) for j in inst.judges for s in inst.sessions]
    add_all(model, new_vars(model, pairs), inst, guard)
    return model, literals


def _infeasible(model: Any, lits: list[Any], limit: float) -> tuple[bool | None, list[int]]:
    cp = cp_model()
    model.clear_assumptions()
    model.add_assumptions(lits)
    solver = cp.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = limit * DET_PER_SECOND
    status = solver.solve(model)
    if status == cp.INFEASIBLE:
        return True, list(solver.sufficient_assumptions_for_infeasibility())
    return (False, []) if status in (cp.OPTIMAL, cp.FEASIBLE) else (None, [])


def core(inst: PanelInstance, limit: float = 10.0) -> tuple[bool | None, list[Key]]:
    """(infeasible?, a small set of rule groups that cannot hold together); None: timed out."""
    model, literals = _build(inst)
    keys = sorted(literals, key=str)
    by_index = {literals[k].index: k for k in keys}
    verdict, found = _infeasible(model, [literals[k] for k in keys], limit)
    if not verdict:
        return verdict, []
    group = [by_index[i] for i in found] or keys
    deadline = time.perf_counter() + limit
    for key in sorted(group, key=str):
        if len(group) <= 1 or time.perf_counter() > deadline:
            break
        trial = [k for k in group if k != key]
        verdict, found = _infeasible(model, [literals[k] for k in trial], limit / 4)
        if verdict:
            group = [by_index[i] for i in found if by_index[i] in trial] or trial
    return True, sorted(group, key=str)


def explain(inst: PanelInstance, limit: float = 10.0) -> list[PanelConflict]:
    """Chinese conflicts for an instance the solver found infeasible (or could not solve)."""
    found = precheck(inst)
    if found:
        return found
    verdict, keys = core(inst, limit)
    if verdict is None:
        return [PanelConflict("time_limit", "在求解时间内未能找到评委安排；请延长时间限制后重试")]
    if not verdict:
        return []
    pins = [k for k in keys if k[0] == "pin"]
    out = [messages.pin_text(inst, k[1], k[2], "与其他规则冲突") for k in pins]
    sessions = sorted({k[1] for k in keys if k[0] in ("size", "leader")})
    moments = sorted({k[1] for k in keys if k[0] == "overlap"})
    if sessions or moments or not out:
        out.append(messages.joint(inst, [inst.session(s) for s in sessions], moments))
    return out
