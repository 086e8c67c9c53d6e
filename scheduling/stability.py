"""The starting point of a re-solve: the previous schedule, kept wherever it is still valid.

Items whose previous place now breaks a rule (withdrawn room, new unavailability, a pin, a
presenter clash) and new items are inserted where they disturb nothing else: first into an
existing session of their theme, else into a free room. The result is a complete hint for the
CP-SAT model, which then lowers the sessions and the moves from there.
"""

from __future__ import annotations

from scheduling.model import Theme
from scheduling.placement import Placement
from scheduling.prepare import Prepared
from scheduling.rooms import Sessions, fits, insert


def _kept(prep: Prepared) -> tuple[Sessions, list[str]]:
    sessions: Sessions = {}
    displaced = []
    placeable = [p for items in prep.items.values() for p in items]
    order = {p.id: i for i, p in enumerate(prep.instance.presentations)}
    pinned = sorted((p for p in placeable if prep.pres[p].pinned), key=order.__getitem__)
    for pid in pinned:
        pin = prep.pres[pid].pinned
        assert pin is not None
        if not fits(prep, sessions, pid, pin.room, pin.block):
            displaced.append(pid)
            continue
        sessions.setdefault((pin.room, pin.block), []).append(pid)
    for pid in sorted(prep.previous, key=order.__getitem__):
        if pid not in prep.allowed or prep.pres[pid].pinned:
            continue
        rid, bid = prep.previous[pid]
        if fits(prep, sessions, pid, rid, bid):
            sessions.setdefault((rid, bid), []).append(pid)
        else:
            displaced.append(pid)
    new = [p for p in placeable if p not in prep.previous and not prep.pres[p].pinned]
    return sessions, displaced + new


def keep_previous(prep: Prepared) -> Placement:
    """Previous places where still valid, the rest inserted; as a complete Placement."""
    sessions, rest = _kept(prep)
    for pid in rest:
        insert(prep, sessions, pid)
    blocks = {p: bid for (_, bid), ps in sessions.items() for p in ps}
    keys: set[tuple[Theme, str, str]] = {
        (prep.pres[ps[0]].theme, rid, bid) for (rid, bid), ps in sessions.items() if ps
    }
    stays = frozenset(
        p for (rid, bid), ps in sessions.items() for p in ps if prep.previous.get(p) == (rid, bid)
    )
    return Placement(blocks, frozenset(keys), stays, False)
