"""The soft goals as linear terms over the block model's variables, in priority order.

SCHEDULING.md's goals, refined by issue 18 and solved one after the other (lexi.py): placed
items (pins first) -> sessions used -> moves against the previous schedule -> sessions of one
category in parallel -> rooms per category -> seats the sessions' rooms offer (audience fit).
Even filling and the order inside sessions are left to rooms.py and lots.py, and reported.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from scheduling.constraints import Vars
from scheduling.lexi import Term
from scheduling.model import Theme
from scheduling.prepare import Prepared


def pins_unplaced_term(v: Vars, prep: Prepared) -> Any:
    """Pinned items left out."""
    return sum(1 - var for pid, var in v.placed.items() if prep.pres[pid].pinned is not None)


def unplaced_term(v: Vars) -> Any:
    """Number of items left out."""
    return sum(1 - var for var in v.placed.values())


def sessions_term(v: Vars) -> Any:
    """Number of sessions opened."""
    return sum(v.y.values())


def moves_term(v: Vars) -> Any:
    """Items that could keep their previous room and block but do not."""
    return sum(1 - var for var in v.stay.values())


def parallel_term(model: Any, v: Vars) -> Any:
    """Sessions of a theme beyond its first in each block: sum over themes of (sessions -
    blocks holding the theme). With the sessions fixed, it spreads a theme over the blocks."""
    by_tb: dict[tuple[Theme, str], list[Any]] = defaultdict(list)
    for (t, _, bid), var in v.y.items():
        by_tb[t, bid].append(var)
    spread = []
    for (t, bid), vars_ in sorted(by_tb.items()):
        z = model.new_bool_var(f"z[t={t[0]}:{t[1]},b={bid}]")
        model.add_max_equality(z, vars_)  # exact (not only z <= sum): the solution of an
        spread.append(z)  # earlier phase, hinted, then carries z's true value
    return sum(v.y.values()) - sum(spread)


def rooms_term(model: Any, v: Vars) -> Any:
    """Rooms each theme uses, summed over the themes."""
    by_tr: dict[tuple[Theme, str], list[Any]] = defaultdict(list)
    for (t, rid, _), var in v.y.items():
        by_tr[t, rid].append(var)
    used = []
    for (t, rid), vars_ in sorted(by_tr.items()):
        u = model.new_bool_var(f"u[t={t[0]}:{t[1]},r={rid}]")
        model.add_max_equality(u, vars_)  # exact, like z above
        used.append(u)
    return sum(used)


def seats_term(v: Vars, prep: Prepared) -> Any:
    """Seats of the rooms the sessions use: fewer means rooms fit their audience better."""
    return sum(prep.instance.room(rid).capacity * var for (_, rid, _), var in v.y.items())


def quality_terms(model: Any, v: Vars, prep: Prepared) -> list[Term]:
    """The terms after sessions and moves, in priority order."""
    return [
        Term("parallel", parallel_term(model, v)),
        Term("rooms_per_category", rooms_term(model, v)),
        Term("seats", seats_term(v, prep), share=0.5),
    ]
