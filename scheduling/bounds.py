"""Lower bounds on the number of sessions, and the session plan that meets them.

`naive_bound`: per theme ceil(minutes / longest block) — valid but weak.
`count_bound`: per theme ceil(items / most items one session holds).
`plan_sessions`: a small CP-SAT relaxation over sessions: which room holds which theme in each
block, with the per-session item counts per room-capacity level, the pins and the blocks each
item may use; on request the items of people who present in two themes or more are placed
too (into blocks, with the presenter rule), the others only counted. Its proven optimum is a
lower bound for every complete schedule, and its solution is the plan the placement follows.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scheduling.constraints import (
    Vars,
    add_one_theme_per_session,
    add_placed_once,
    add_presenter_blocks,
    add_session_capacity,
    new_vars,
)
from scheduling.cpsat import Clock, cp_model
from scheduling.lexi import Term, solve_in_order
from scheduling.model import SolveConfig, Theme
from scheduling.objective import quality_terms, sessions_term
from scheduling.prepare import Prepared, level_index


@dataclass(frozen=True)
class Plan:
    sessions: frozenset[tuple[Theme, str, str]]  # (theme, room, block)
    lower_bound: int
    optimal: bool


def naive_bound(prep: Prepared) -> int:
    """Sum over themes of ceil(minutes / longest block)."""
    longest = max((b.length for b in prep.instance.blocks), default=1)
    return sum(
        math.ceil(sum(prep.pres[p].minutes for p in items) / longest)
        for items in prep.items.values()
    )


def count_bound(prep: Prepared) -> int:
    """Sum over themes of ceil(items / the most items one session of the theme can hold)."""
    total = 0
    for t, items in prep.items.items():
        most = max(prep.per_session[t, b.id] for b in prep.instance.blocks)
        total += math.ceil(len(items) / most) if most else len(items)
    return total


def _item_level(prep: Prepared, t: Theme, pid: str) -> int:
    p = prep.pres[pid]
    level = level_index(prep.levels[t], p.audience)
    if p.pinned is not None:
        level = max(level, level_index(prep.levels[t], prep.instance.room(p.pinned.room).capacity))
    return level


def plan_keys(prep: Prepared) -> list[tuple[Theme, str, str]]:
    """Every (theme, room, block) that could hold a session."""
    return [
        (t, r, b.id)
        for t in prep.themes
        for b in prep.instance.blocks
        for r in prep.rooms[t]
        if prep.per_room[t, r, b.id] >= 1
    ]


def supply(
    prep: Prepared, v: Vars, t: Theme, blocks: frozenset[str], level: int
) -> tuple[Any, Any, int]:
    """(items the sessions hold, number of sessions, most items in one session)."""
    floor = prep.levels[t][level]
    keys = [
        (k, var)
        for k, var in v.y.items()
        if k[0] == t and k[2] in blocks and prep.instance.room(k[1]).capacity >= floor
    ]
    most = max((prep.per_room[k] for k, _ in keys), default=0)
    return (
        sum(prep.per_room[k] * var for k, var in keys),
        sum(var for _, var in keys),
        most,
    )


def _add_theme_demand(model: Any, v: Vars, prep: Prepared, t: Theme) -> None:
    """Hall-type counts: the items that can only use blocks A and rooms of at least level i
    fit the sessions there; and, rounded up, they need that many sessions."""
    items = prep.items[t]
    shape = {p: (frozenset(prep.allowed[p]), _item_level(prep, t, p)) for p in items}
    for blocks, level in sorted(set(shape.values()), key=lambda s: (sorted(s[0]), s[1])):
        need = sum(1 for a, lv in shape.values() if a <= blocks and lv >= level)
        held, count, most = supply(prep, v, t, blocks, level)
        model.add(held >= need)
        if most:
            model.add(count >= math.ceil(need / most))
    all_blocks = frozenset(b.id for b in prep.instance.blocks)
    held, count, most = supply(prep, v, t, all_blocks, 0)
    if most:
        model.add(held >= len(items))
        model.add(count >= math.ceil(len(items) / most))
    minutes = sum(prep.pres[p].minutes for p in items)
    model.add(
        sum(prep.instance.usable(r, b) * var for (tt, r, b), var in v.y.items() if tt == t)
        >= minutes
    )


def _add_pins(model: Any, v: Vars, prep: Prepared) -> None:
    """Each pin's session is open. (No order on identical rooms: the later phases count rooms
    per category across blocks, which such an order would distort.)"""
    for items in prep.items.values():
        for pid in items:
            pin = prep.pres[pid].pinned
            if pin is not None:
                model.add(v.y[prep.pres[pid].theme, pin.room, pin.block] == 1)


def linked_items(prep: Prepared) -> dict[str, tuple[str, ...]]:
    """The allowed blocks of each item whose presenter presents in two themes or more: the
    plan that only counts items ignores that such a person's themes need different blocks
    (the plan then cannot be filled; heavy presenter overlap)."""
    themes: dict[str, set[Theme]] = {}
    for t, items in prep.items.items():
        for pid in items:
            for person in prep.pres[pid].presenters:
                themes.setdefault(person, set()).add(t)
    return {
        pid: prep.allowed[pid]
        for items in prep.items.values()
        for pid in items
        if any(len(themes[person]) > 1 for person in prep.pres[pid].presenters)
    }


def _previous_sessions(prep: Prepared) -> set[tuple[Theme, str, str]]:
    """(theme, room, block) of the previous schedule's sessions, for its known items."""
    return {(prep.pres[p].theme, r, b) for p, (r, b) in prep.previous.items() if p in prep.allowed}


def _full_lp(solver: Any) -> None:
    solver.parameters.linearization_level = 2  # the count cuts only bite in the full LP


def plan_sessions(
    prep: Prepared,
    config: SolveConfig,
    clock: Clock,
    limit: float,
    linked: Mapping[str, tuple[str, ...]] | None = None,
) -> Plan | None:
    """Solve the session relaxation, sessions first and then the quality terms, within
    `limit` seconds; None when even it is infeasible (or nothing found). `linked` (from
    linked_items) are items placed into their allowed blocks too (slower; for when the plan by
    counts alone could not be filled)."""
    until = time.perf_counter() + limit
    model = cp_model().CpModel()
    v = new_vars(model, prep, linked or {}, plan_keys(prep))
    add_one_theme_per_session(model, v)
    # the linked items in blocks: placed once, the presenter rule, and (counted alone, a
    # relaxation of the full count) into the sessions of their theme and block
    add_placed_once(model, v, must_place=True)
    add_presenter_blocks(model, v, prep)
    add_session_capacity(model, v, prep)
    for t in prep.themes:
        _add_theme_demand(model, v, prep, t)
    _add_pins(model, v, prep)
    terms = [Term("sessions", sessions_term(v), count_bound(prep), share=3.0)]
    before = _previous_sessions(prep)
    if before:  # a re-solve: keep the previous sessions where the count allows
        kept = [v.y[k] for k in before if k in v.y]
        terms.append(Term("sessions_moved", len(before) - sum(kept), share=2.0))
    terms += quality_terms(model, v, prep)
    out = solve_in_order(model, terms, config, clock, "plan", until, tune=_full_lp)
    if out.solution is None:
        return None
    chosen = frozenset(k for k, var in v.y.items() if out.value(var))
    return Plan(chosen, out.bounds["sessions"], out.proven["sessions"])
