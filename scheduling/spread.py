"""Fewer sessions of one category in parallel, by moving whole sessions between blocks.

After the items are in their sessions, a session of a theme that shares its block with
another of the same theme goes, as it is, to a block where its theme has none: into a free
room there, or in exchange with a session of another theme whose own count does not get
worse. Each move keeps every rule (kinds, capacity, the free time around plenary items,
unavailable blocks, presenters) and the items, the sessions and the moves against a previous
schedule as they were (lexi order: only `parallel` changes, and only down). Pinned sessions
and items kept at their previous place do not move. Deterministic: candidates in sorted
order, every improving move taken, pass after pass until none is left.
"""

from __future__ import annotations

import time
from collections import defaultdict

from scheduling.model import Theme
from scheduling.prepare import Prepared
from scheduling.spans import session_fits

Sessions = dict[tuple[str, str], list[str]]  # (room, block) -> presentation ids
Key = tuple[str, str]


class _Grid:
    def __init__(self, prep: Prepared, sessions: Sessions) -> None:
        self.prep = prep
        self.sessions = {k: list(ps) for k, ps in sessions.items() if ps}
        self.theme = {k: prep.pres[ps[0]].theme for k, ps in self.sessions.items()}
        self.count: dict[tuple[Theme, str], int] = defaultdict(int)
        self.busy: dict[tuple[str, str], set[str]] = defaultdict(set)  # (person, block) -> rooms
        for (r, b), ps in self.sessions.items():
            self.count[self.theme[r, b], b] += 1
            for p in ps:
                for person in prep.pres[p].presenters:
                    self.busy[person, b].add(r)

    def movable(self, key: Key) -> bool:
        prep = self.prep
        return all(
            prep.pres[p].pinned is None and prep.previous.get(p) != key for p in self.sessions[key]
        )

    def fits(self, pids: list[str], room: str, block: str) -> bool:
        """Whether the items can be the session (room, block), whatever is there now gone."""
        prep = self.prep
        r = prep.instance.room(room)
        if prep.pres[pids[0]].kind not in r.kinds:
            return False
        if any(prep.pres[p].audience > r.capacity or block not in prep.allowed[p] for p in pids):
            return False
        if not session_fits(prep.instance, room, block, [prep.pres[p].minutes for p in pids]):
            return False
        return all(
            self.busy.get((person, block), set()) <= {room}
            for p in pids
            for person in prep.pres[p].presenters
        )

    def delta(self, t: Theme, src: str, dst: str) -> int:
        """Change of t's parallel sessions when one of its sessions goes from src to dst."""
        return (self.count[t, src] == 1) - (self.count[t, dst] == 0)

    def put(self, key: Key, pids: list[str]) -> None:
        r, b = key
        self.sessions[key] = pids
        self.theme[key] = self.prep.pres[pids[0]].theme
        self.count[self.theme[key], b] += 1
        for p in pids:
            for person in self.prep.pres[p].presenters:
                self.busy[person, b].add(r)

    def take(self, key: Key) -> list[str]:
        r, b = key
        pids = self.sessions.pop(key)
        self.count[self.theme.pop(key), b] -= 1
        for p in pids:
            for person in self.prep.pres[p].presenters:
                self.busy[person, b].discard(r)
        return pids


def _pass(grid: _Grid, until: float) -> int:
    """One pass over the sessions, each moved when that lowers `parallel`; moves made."""
    inst = grid.prep.instance
    moved = 0
    for key in sorted(grid.sessions):
        if time.perf_counter() >= until:
            break
        t, src = grid.theme.get(key), key[1]
        if t is None or grid.count[t, src] < 2 or not grid.movable(key):
            continue
        moved += _move(grid, key, t, src, [b.id for b in inst.blocks if not grid.count[t, b.id]])
    return moved


def _move(grid: _Grid, key: Key, t: Theme, src: str, blocks: list[str]) -> int:
    """Move the session `key` into a block of `blocks` (free room first, else an exchange
    that does not raise the other theme's count); 1 if it moved."""
    pids = grid.sessions[key]
    rooms = [r.id for r in grid.prep.instance.rooms]
    for dst in blocks:
        for room in rooms:
            if (room, dst) not in grid.sessions and grid.fits(pids, room, dst):
                grid.put((room, dst), grid.take(key))
                return 1
    for dst in blocks:
        for room in rooms:
            other = (room, dst)
            u = grid.theme.get(other)
            if u is None or u == t or grid.delta(u, dst, src) > 0 or not grid.movable(other):
                continue
            if grid.fits(pids, room, dst) and grid.fits(grid.sessions[other], *key):
                mine, theirs = grid.take(key), grid.take(other)
                grid.put(other, mine)
                grid.put(key, theirs)
                return 1
    return 0


def spread(prep: Prepared, sessions: Sessions, until: float) -> Sessions:
    """`sessions` with fewer same-theme sessions in parallel (see the module docstring);
    stops early at the perf_counter instant `until`."""
    grid = _Grid(prep, sessions)
    while _pass(grid, until):
        pass
    return grid.sessions
