"""Rooms: per (theme, block), the placed items go into the sessions opened for them.

Greedy first (items with the biggest audience first, into the least-full room that holds
them: exact for equal-length items, and it balances the sessions); a small exact CP-SAT
packing when the greedy fails (mixed lengths, a person with two items in one theme and block).
Items that still do not fit are inserted by greedy.py (every session and free room).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from scheduling.cpsat import cp_model, found
from scheduling.model import Theme
from scheduling.placement import Placement
from scheduling.prepare import Prepared
from scheduling.spans import session_fits

Sessions = dict[tuple[str, str], list[str]]  # (room, block) -> presentation ids


def _groups(prep: Prepared, items: list[str], by_unit: bool = False) -> list[list[str]]:
    """Items sharing a presenter (transitively) must share the room; with `by_unit`, the
    items of one organization are kept together too (tried first: a unit's delegation then
    follows its results in one room)."""
    parent = {p: p for p in items}

    def find(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    owner: dict[str, str] = {}
    for p in items:
        keys = list(prep.pres[p].presenters)
        if by_unit and prep.pres[p].organization:
            keys.append("org:" + prep.pres[p].organization)
        for person in keys:
            if person in owner:
                parent[find(p)] = find(owner[person])
            owner[person] = p
    out: dict[str, list[str]] = defaultdict(list)
    for p in items:
        out[find(p)].append(p)
    return list(out.values())


def _anchor_room(prep: Prepared, group: list[str], stays: frozenset[str]) -> str | None:
    for pid in group:
        pin = prep.pres[pid].pinned
        if pin is not None:
            return pin.room
    for pid in group:
        if pid in stays:
            return prep.previous[pid][0]
    return None


def _greedy(
    prep: Prepared, groups: list[list[str]], rooms: list[str], bid: str, stays: frozenset[str]
) -> Sessions | None:
    load: dict[str, list[str]] = {r: [] for r in rooms}
    lengths: dict[str, list[int]] = {r: [] for r in rooms}

    def need(g: list[str]) -> tuple[int, int]:  # (audience, minutes)
        return (max(prep.pres[p].audience for p in g), sum(prep.pres[p].minutes for p in g))

    anchored = [(g, _anchor_room(prep, g, stays)) for g in groups]
    free = sorted(
        (g for g, r in anchored if r is None), key=lambda g: (-need(g)[0], -need(g)[1], g[0])
    )
    for group, room in [(g, r) for g, r in anchored if r is not None] + [(g, None) for g in free]:
        audience = need(group)[0]
        options = (
            [room]
            if room in load
            else [r for r in rooms if prep.instance.room(r).capacity >= audience]
        )
        mins = [prep.pres[p].minutes for p in group]
        options = [r for r in options if session_fits(prep.instance, r, bid, lengths[r] + mins)]
        if not options:
            return None
        best = min(options, key=lambda r: (len(load[r]), rooms.index(r)))
        load[best].extend(group)
        lengths[best].extend(mins)
    return {(r, bid): ps for r, ps in load.items() if ps}


def _exact(
    prep: Prepared, groups: list[list[str]], rooms: list[str], bid: str, stays: frozenset[str]
) -> tuple[Sessions, list[str]]:
    cp = cp_model()
    model = cp.CpModel()
    shortest = min(prep.pres[p].minutes for g in groups for p in g)
    a: dict[tuple[int, str], Any] = {}
    gain = []
    for i, g in enumerate(groups):
        audience = max(prep.pres[p].audience for p in g)
        anchor = _anchor_room(prep, g, stays)
        pinned = any(prep.pres[p].pinned for p in g)
        for r in rooms:
            if prep.instance.room(r).capacity >= audience and (not pinned or r == anchor):
                a[i, r] = model.new_bool_var(f"a[g={g[0]},r={r},b={bid}]")
                gain.append((10 * len(g) + (r == anchor)) * a[i, r])
        model.add_at_most_one(var for (j, _), var in a.items() if j == i)
    for r in rooms:
        mine = [(groups[i], var) for (i, rr), var in a.items() if rr == r]
        minutes = sum(sum(prep.pres[p].minutes for p in g) * var for g, var in mine)
        model.add(minutes <= prep.instance.usable(r, bid))
        model.add(sum(len(g) * var for g, var in mine) <= prep.instance.holds(r, bid, shortest))
    model.maximize(sum(gain))
    solver = cp.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 1.0
    status = solver.solve(model)
    sessions: Sessions = defaultdict(list)
    left = []
    for i, g in enumerate(groups):
        spot = [r for r in rooms if (i, r) in a and found(status) and solver.boolean_value(a[i, r])]
        if spot:
            sessions[spot[0], bid].extend(g)
        else:
            left.extend(g)
    return dict(sessions), left


def _even(sessions: Sessions) -> bool:
    """Sessions of one theme and block within two items of each other (even filling comes
    before keeping a unit together)."""
    sizes = [len(ps) for ps in sessions.values()]
    return not sizes or max(sizes) - min(sizes) <= 2


def assign_rooms(prep: Prepared, placement: Placement) -> tuple[Sessions, list[str]]:
    """Sessions (room, block) -> items, and the items no room could take."""
    by_tb: dict[tuple[Theme, str], list[str]] = defaultdict(list)
    for pid, bid in placement.blocks.items():
        by_tb[prep.pres[pid].theme, bid].append(pid)
    order = {r.id: i for i, r in enumerate(prep.instance.rooms)}
    sessions: Sessions = {}
    left: list[str] = []
    for (t, bid), items in sorted(by_tb.items()):
        rooms = sorted(
            (r for tt, r, b in placement.sessions if tt == t and b == bid), key=order.__getitem__
        )
        groups = _groups(prep, items)
        packed = _greedy(prep, _groups(prep, items, True), rooms, bid, placement.stays)
        if packed is None or not _even(packed):
            packed = _greedy(prep, groups, rooms, bid, placement.stays)
        if packed is None:
            packed, rest = _exact(prep, groups, rooms, bid, placement.stays)
            left.extend(rest)
        sessions.update(packed)
    return sessions, left
