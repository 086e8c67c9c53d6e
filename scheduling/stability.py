"""The starting point of a re-solve: the previous schedule, kept wherever it is still valid.

Items whose previous place now breaks a rule (withdrawn room, new unavailability, a pin, a
presenter clash) and new items are inserted where they disturb nothing else: first into an
existing session of their theme, else into a free room (greedy.py). The result, as a
Placement, is a complete hint for the repair model, which then lowers the sessions and the
moves from there and is never worse than it.
"""

from __future__ import annotations

from collections.abc import Iterable

from scheduling.greedy import Board, Sessions, priority
from scheduling.model import Theme
from scheduling.placement import Placement
from scheduling.prepare import Prepared


def keep_previous(prep: Prepared, reserved: Iterable[tuple[Theme, str, str]] = ()) -> Sessions:
    """Pins, then previous places where still valid, the rest inserted (into the `reserved`
    sessions of a plan first, when one is given)."""
    board = Board(prep, reserved, eject=True)
    order = {p.id: i for i, p in enumerate(prep.instance.presentations)}
    placeable = [p for items in prep.items.values() for p in items]
    rest = []
    for pid in priority(prep, (p for p in placeable if prep.pres[p].pinned)):
        if board.insert(pid) is None:
            rest.append(pid)
    for pid in sorted(prep.previous, key=order.__getitem__):
        if pid not in prep.allowed or prep.pres[pid].pinned:
            continue
        rid, bid = prep.previous[pid]
        if board.fits(pid, rid, bid):
            board.add(pid, rid, bid)
        else:
            rest.append(pid)
    rest += [p for p in placeable if p not in prep.previous and not prep.pres[p].pinned]
    for pid in priority(prep, rest):
        board.insert(pid)
    return board.used()


def as_placement(prep: Prepared, sessions: Sessions) -> Placement:
    """The block-level view of room-level sessions (a complete hint for the repair model)."""
    blocks = {p: bid for (_, bid), ps in sessions.items() for p in ps}
    keys: set[tuple[Theme, str, str]] = {
        (prep.pres[ps[0]].theme, rid, bid) for (rid, bid), ps in sessions.items() if ps
    }
    stays = frozenset(
        p for (rid, bid), ps in sessions.items() for p in ps if prep.previous.get(p) == (rid, bid)
    )
    return Placement(blocks, frozenset(keys), stays, False)
