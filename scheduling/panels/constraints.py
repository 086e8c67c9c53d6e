"""The panel model: one function per hard-rule family, every variable named.

Variables (see `Vars`):
  x[j=J07,s=R3-D1-AM]      judge j sits on the panel of session s
  lead[j=J07,s=R3-D1-AM]   judge j is that panel's 组长

The solver creates x only for the pairs that can be true (eligible pairs and pins), and lead
only for those of judges who may lead; the explanation model creates every pair so that the
own-unit, qualification and leader rules take part.
Every family takes an optional `guard`, which returns an enforcement literal for a rule group
(used by explain.py), or None to make the rule hard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from scheduling.cpsat import cp_model
from scheduling.panels.model import PanelInstance, concurrent_groups

Guard = Callable[[tuple[Any, ...]], Any]
Pair = tuple[str, str]  # (judge id, session id)


@dataclass
class Vars:
    x: dict[Pair, Any] = field(default_factory=dict)
    lead: dict[Pair, Any] = field(default_factory=dict)
    by_session: dict[str, list[Pair]] = field(default_factory=lambda: defaultdict(list))

    def of_session(self, session_id: str) -> list[Any]:
        """The x variables of one session."""
        return [self.x[p] for p in self.by_session.get(session_id, ())]


def new_vars(model: Any, pairs: Iterable[Pair], leads: Iterable[Pair] | None = None) -> Vars:
    """x for every (judge, session) pair given, lead for `leads` (default: every pair)."""
    v = Vars()
    pairs = list(pairs)
    for j, s in pairs:
        v.x[j, s] = model.new_bool_var(f"x[j={j},s={s}]")
        v.by_session[s].append((j, s))
    for j, s in pairs if leads is None else leads:
        v.lead[j, s] = model.new_bool_var(f"lead[j={j},s={s}]")
    return v


def _enforce(ct: Any, guard: Guard | None, key: tuple[Any, ...]) -> None:
    lit = guard(key) if guard else None
    if lit is not None:
        ct.only_enforce_if(lit)


def add_own_unit(model: Any, v: Vars, inst: PanelInstance, guard: Guard | None = None) -> None:
    """No judge hears a result of their own unit: rule group ("own_unit", session)."""
    for (j, s), var in v.x.items():
        if inst.judge(j).unit in inst.session(s).units:
            _enforce(model.add(var == 0), guard, ("own_unit", s))


def add_qualified(model: Any, v: Vars, inst: PanelInstance, guard: Guard | None = None) -> None:
    """A judge only scores kinds they are qualified for: ("qualified", session)."""
    for (j, s), var in v.x.items():
        if inst.session(s).kind not in inst.judge(j).kinds:
            _enforce(model.add(var == 0), guard, ("qualified", s))


def add_no_overlap(model: Any, v: Vars, inst: PanelInstance, guard: Guard | None = None) -> None:
    """A judge sits in at most one of the sessions running at one moment: ("overlap", moment)."""
    by_judge: dict[str, dict[str, Any]] = defaultdict(dict)
    for (j, s), var in v.x.items():
        by_judge[j][s] = var
    for moment, group in concurrent_groups(inst.sessions):
        for seats in by_judge.values():
            vars_ = [seats[s.id] for s in group if s.id in seats]
            if len(vars_) > 1:
                _enforce(model.add_at_most_one(vars_), guard, ("overlap", moment))


def add_panel_size(model: Any, v: Vars, inst: PanelInstance, guard: Guard | None = None) -> None:
    """Each panel's size is one of the rules' sizes (odd when asked): ("size", session)."""
    domain = cp_model().Domain.from_values(list(inst.rules.sizes()))
    for session in inst.sessions:
        total = sum(v.of_session(session.id))
        _enforce(model.add_linear_expression_in_domain(total, domain), guard, ("size", session.id))


def add_one_leader(model: Any, v: Vars, inst: PanelInstance, guard: Guard | None = None) -> None:
    """Exactly one 组长 per panel, a member who may lead: ("leader", session)."""
    by_session: dict[str, list[Any]] = defaultdict(list)
    for (j, s), lead in v.lead.items():
        model.add_implication(lead, v.x[j, s])
        by_session[s].append(lead)
        if not inst.judge(j).may_lead:
            _enforce(model.add(lead == 0), guard, ("leader", s))
    for session in inst.sessions:
        _enforce(model.add(sum(by_session[session.id]) == 1), guard, ("leader", session.id))


def add_pins(model: Any, v: Vars, inst: PanelInstance, guard: Guard | None = None) -> None:
    """A pinned judge sits on their session (as 组长 when pinned so): ("pin", judge, session)."""
    for pin in inst.pins:
        key = ("pin", pin.judge, pin.session)
        var = v.x.get((pin.judge, pin.session))
        lead = v.lead.get((pin.judge, pin.session))
        if var is None or (pin.leader and lead is None):
            _enforce(model.add_bool_or([]), guard, key)  # a pair the model cannot hold
            continue
        _enforce(model.add(var == 1), guard, key)
        if pin.leader:
            _enforce(model.add(lead == 1), guard, key)


def add_all(model: Any, v: Vars, inst: PanelInstance, guard: Guard | None = None) -> None:
    """Every hard family at once (the order does not matter)."""
    add_own_unit(model, v, inst, guard)
    add_qualified(model, v, inst, guard)
    add_no_overlap(model, v, inst, guard)
    add_panel_size(model, v, inst, guard)
    add_one_leader(model, v, inst, guard)
    add_pins(model, v, inst, guard)
