"""A complete start point without a solver: items inserted one by one into sessions.

Used as the hint of the repair model (CP-SAT finds a complete schedule from scratch badly,
but improves a complete hint well), as the re-solve's start point, and to insert what the
room step could not take. Pinned items go first, then the items with the fewest usable
blocks, then the biggest audiences; each goes into the least-full open session of its theme
(a plan's reserved sessions count as open), else opens the free room that fits it most
closely in the block where its theme has the fewest sessions. Presenters are indexed per
block, so each check is constant time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from scheduling.model import Theme
from scheduling.prepare import Prepared
from scheduling.spans import session_fits

Sessions = dict[tuple[str, str], list[str]]  # (room, block) -> presentation ids


class Board:
    """Sessions being filled, with what each check needs."""

    def __init__(
        self, prep: Prepared, reserved: Iterable[tuple[Theme, str, str]] = (), eject: bool = False
    ) -> None:
        self.prep = prep
        self.eject = eject  # try _eject before opening a session (a re-solve's few items)
        self.sessions: Sessions = {}
        self.theme: dict[tuple[str, str], Theme] = {}
        self.minutes: dict[tuple[str, str], int] = defaultdict(int)
        self.busy: dict[tuple[str, str], str] = {}  # (person, block) -> room
        self.per_theme: dict[Theme, list[tuple[str, str]]] = defaultdict(list)
        self.count: dict[tuple[Theme, str], int] = defaultdict(int)
        for t, rid, bid in sorted(reserved):
            self._open(t, rid, bid)

    def _open(self, t: Theme, rid: str, bid: str) -> None:
        if (rid, bid) not in self.theme:
            self.theme[rid, bid] = t
            self.sessions[rid, bid] = []
            self.per_theme[t].append((rid, bid))
            self.count[t, bid] += 1

    def fits(self, pid: str, rid: str, bid: str) -> bool:
        """Whether pid can join (or open) the session (rid, bid) without breaking a rule."""
        prep, p = self.prep, self.prep.pres[pid]
        room = prep.instance.room(rid)
        if bid not in prep.allowed.get(pid, ()) or p.kind not in room.kinds:
            return False
        if room.capacity < p.audience or (
            p.pinned and (p.pinned.room, p.pinned.block) != (rid, bid)
        ):
            return False
        if self.theme.get((rid, bid), p.theme) != p.theme and self.sessions[rid, bid]:
            return False
        if self.minutes[rid, bid] + p.minutes > prep.instance.usable(rid, bid):
            return False
        if prep.instance.held(rid, bid):
            lengths = [prep.pres[q].minutes for q in self.sessions.get((rid, bid), [])]
            if not session_fits(prep.instance, rid, bid, [*lengths, p.minutes]):
                return False
        return all(self.busy.get((person, bid), rid) == rid for person in p.presenters)

    def add(self, pid: str, rid: str, bid: str) -> None:
        """Put pid into (rid, bid) without checking (an empty session may change theme)."""
        p = self.prep.pres[pid]
        old = self.theme.get((rid, bid))
        if old is not None and old != p.theme and not self.sessions[rid, bid]:
            self.per_theme[old].remove((rid, bid))
            self.count[old, bid] -= 1
            del self.theme[rid, bid]
        self._open(p.theme, rid, bid)
        self.sessions[rid, bid].append(pid)
        self.minutes[rid, bid] += p.minutes
        for person in p.presenters:
            self.busy[person, bid] = rid

    def _remove(self, pid: str, rid: str, bid: str) -> None:
        p = self.prep.pres[pid]
        self.sessions[rid, bid].remove(pid)
        self.minutes[rid, bid] -= p.minutes
        rest = {person for q in self.sessions[rid, bid] for person in self.prep.pres[q].presenters}
        for person in p.presenters:
            if person not in rest:
                del self.busy[person, bid]

    def _eject(self, pid: str) -> tuple[str, str] | None:
        """Make room in a full session of pid's theme by moving one of its items to another
        session of the theme (one step of an ejection chain, before opening a new session)."""
        prep, p = self.prep, self.prep.pres[pid]
        keys = sorted(self.per_theme[p.theme], key=lambda k: (self.minutes[k], k))
        for rid, bid in keys:
            if (
                bid not in prep.allowed.get(pid, ())
                or prep.instance.room(rid).capacity < p.audience
            ):
                continue
            for q in [q for q in self.sessions[rid, bid] if prep.pres[q].pinned is None]:
                self._remove(q, rid, bid)
                if self.fits(pid, rid, bid):
                    other = next((k for k in keys if k != (rid, bid) and self.fits(q, *k)), None)
                    if other is not None:
                        self.add(q, *other)
                        self.add(pid, rid, bid)
                        return rid, bid
                self.add(q, rid, bid)
        return None

    def _free_slots(self, pid: str) -> list[tuple[str, str]]:
        p = self.prep.pres[pid]
        slots = [
            (r.id, bid)
            for bid in self.prep.allowed.get(pid, ())
            for r in self.prep.instance.rooms
            if (r.id, bid) not in self.theme or not self.sessions[r.id, bid]
        ]
        cap = {r.id: r.capacity for r in self.prep.instance.rooms}

        def rank(
            s: tuple[str, str],
        ) -> tuple[bool, int, int, tuple[str, str]]:  # free rooms before a plan's reserved ones
            return (s in self.theme, self.count[p.theme, s[1]], cap[s[0]], s)

        return sorted(slots, key=rank)

    def insert(self, pid: str) -> tuple[str, str] | None:
        """Put pid into the least-full session of its theme, else make room in one by moving
        one item to another session of the theme, else open a free room."""
        p = self.prep.pres[pid]
        if p.pinned is not None:
            options = [(p.pinned.room, p.pinned.block)]
        else:
            options = sorted(self.per_theme[p.theme], key=lambda k: (self.minutes[k], k))
        for rid, bid in options:
            if self.fits(pid, rid, bid):
                self.add(pid, rid, bid)
                return rid, bid
        spot = self._eject(pid) if self.eject else None
        if spot is not None or p.pinned is not None:
            return spot
        for rid, bid in self._free_slots(pid):
            if self.fits(pid, rid, bid):
                self.add(pid, rid, bid)
                return rid, bid
        return None

    def load(self, sessions: Sessions) -> None:
        """Take sessions as they are (already checked)."""
        for (rid, bid), pids in sessions.items():
            for pid in pids:
                self.add(pid, rid, bid)

    def used(self) -> Sessions:
        """The sessions holding at least one item."""
        return {k: ps for k, ps in self.sessions.items() if ps}


def priority(prep: Prepared, pids: Iterable[str], first: Iterable[str] = ()) -> list[str]:
    """Pins first, then the items of `first`, then the fewest usable blocks, then the biggest
    audience (stable by id)."""
    early = set(first)
    return sorted(
        pids,
        key=lambda p: (
            prep.pres[p].pinned is None,
            p not in early,
            len(prep.allowed.get(p, ())),
            -prep.pres[p].audience,
            p,
        ),
    )


def fill(
    prep: Prepared, reserved: Iterable[tuple[Theme, str, str]] = (), rounds: int = 3
) -> tuple[Sessions, list[str]]:
    """Every placeable item inserted (plan sessions `reserved`); (sessions, items left out).

    When items are left out, the fill starts again with them first (after the pins), up to
    `rounds` times, and keeps the best round (fewest pins out, items out, sessions).
    """
    reserved = tuple(reserved)
    placeable = [p for ps in prep.items.values() for p in ps]
    best: tuple[Sessions, list[str]] | None = None
    first: list[str] = []
    for _ in range(rounds):
        board = Board(prep, reserved)
        left = [p for p in priority(prep, placeable, first) if board.insert(p) is None]
        found = (board.used(), left)
        if best is None or _worse(prep, best, found):
            best = found
        if not left:
            break
        first = [*left, *(p for p in first if p not in left)]
    assert best is not None
    return best


def _worse(prep: Prepared, a: tuple[Sessions, list[str]], b: tuple[Sessions, list[str]]) -> bool:
    def rank(f: tuple[Sessions, list[str]]) -> tuple[int, int, int]:
        return (sum(1 for p in f[1] if prep.pres[p].pinned), len(f[1]), len(f[0]))

    return rank(b) < rank(a)
