"""The soft goals as linear terms, and their lexicographic combination.

Goal order (SCHEDULING.md): place everything, then fewest sessions, then fewest moves against
the previous schedule. Balance is handled by caps in placement.py and by rooms.py and lots.py.
"""

from __future__ import annotations

from typing import Any

from scheduling.constraints import Vars


def unplaced_term(v: Vars) -> Any:
    """Number of items left out."""
    return sum(1 - var for var in v.placed.values())


def sessions_term(v: Vars) -> Any:
    """Number of sessions opened."""
    return sum(v.y.values())


def moves_term(v: Vars) -> Any:
    """Items that could keep their previous room and block but do not."""
    return sum(1 - var for var in v.stay.values())


def weights(upper_bounds: list[int]) -> list[int]:
    """Weights making each term worth more than all later terms at their upper bounds."""
    out = []
    weight = 1
    for ub in reversed(upper_bounds):
        out.append(weight)
        weight *= ub + 1
    return out[::-1]


def lexicographic(terms: list[Any], upper_bounds: list[int]) -> Any:
    """sum(weight_i * term_i) with `weights(upper_bounds)`."""
    return sum(w * t for w, t in zip(weights(upper_bounds), terms, strict=True))
