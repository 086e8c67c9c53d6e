"""Panel assignment input and output as frozen dataclasses (no ortools import here).

A *session* is one room in one block of the published programme: the panel sits through all of
it, so it must be free of every unit whose result is heard there. Messages name people by name
and sessions by room and time (`Session.label`), never by internal id.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from scheduling.model import KIND_LABELS, KINDS, hhmm_to_minutes

__all__ = ["KINDS", "KIND_LABELS"]


@dataclass(frozen=True)
class Judge:
    id: str
    name: str
    unit: str
    province: str = ""
    kinds: tuple[str, ...] = KINDS  # the kinds of presentation the judge may score
    may_lead: bool = False  # may be a panel's 组长

    @property
    def label(self) -> str:
        """'张三（某某公司）'."""
        return f"{self.name}（{self.unit}）"


@dataclass(frozen=True)
class Session:
    id: str
    room: str  # the room's name as people see it
    day: str  # YYYY-MM-DD
    start: str  # HH:MM
    end: str
    kind: str
    units: tuple[str, ...]  # units of the presentations heard in this session

    @property
    def label(self) -> str:
        """'第一分会场 2026-07-20 08:30–12:00'."""
        return f"{self.room} {self.day} {self.start}–{self.end}"

    def overlaps(self, other: Session) -> bool:
        """Same day and the times intersect (back to back is no overlap)."""
        return (
            self.day == other.day
            and hhmm_to_minutes(self.start) < hhmm_to_minutes(other.end)
            and hhmm_to_minutes(other.start) < hhmm_to_minutes(self.end)
        )


@dataclass(frozen=True)
class PanelRules:
    """Panel size bounds; `odd` keeps only odd sizes. Every panel has exactly one 组长."""

    min_judges: int = 3
    max_judges: int = 5
    odd: bool = True

    def sizes(self) -> tuple[int, ...]:
        """The allowed panel sizes, ascending (empty when the rules admit none)."""
        low = max(1, self.min_judges)
        return tuple(n for n in range(low, self.max_judges + 1) if not self.odd or n % 2)


@dataclass(frozen=True)
class PanelPin:
    """An organiser's fixed seat: `judge` sits on `session` (as 组长 when `leader`)."""

    judge: str
    session: str
    leader: bool = False


@dataclass(frozen=True)
class PanelInstance:
    judges: tuple[Judge, ...]
    sessions: tuple[Session, ...]
    rules: PanelRules = PanelRules()
    pins: tuple[PanelPin, ...] = ()

    @cached_property
    def _judges(self) -> dict[str, Judge]:
        return {j.id: j for j in self.judges}

    @cached_property
    def _sessions(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    def judge(self, judge_id: str) -> Judge:
        """The judge with this id (KeyError when unknown)."""
        return self._judges[judge_id]

    def session(self, session_id: str) -> Session:
        """The session with this id (KeyError when unknown)."""
        return self._sessions[session_id]

    def has_judge(self, judge_id: str) -> bool:
        return judge_id in self._judges

    def has_session(self, session_id: str) -> bool:
        return session_id in self._sessions


@dataclass(frozen=True)
class Seat:
    session: str
    judge: str
    leader: bool = False


@dataclass(frozen=True)
class PanelConflict:
    """One reason the panels cannot all be filled; message in Chinese."""

    rule: str
    message: str
    session: str | None = None
    judge: str | None = None


@dataclass(frozen=True)
class PanelViolation:
    """A broken hard rule found by validate.py; message in Chinese."""

    rule: str
    message: str
    session: str | None = None
    judge: str | None = None


@dataclass(frozen=True)
class PanelStats:
    """`goals`: (name, value, proven bound) per soft goal in priority order (objective.py).

    `proven_optimal`: every goal reached its bound, each with the earlier ones at their best.
    """

    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN (CP-SAT's names)
    proven_optimal: bool
    goals: tuple[tuple[str, int, int], ...]
    seconds: float
    seed: int


@dataclass(frozen=True)
class Panels:
    seats: tuple[Seat, ...]
    stats: PanelStats | None = None
    explanation: tuple[PanelConflict, ...] = ()

    @property
    def complete(self) -> bool:
        """Every session has a panel (the solver found one for all of them)."""
        return bool(self.seats) and not self.explanation

    def by_session(self) -> dict[str, list[Seat]]:
        """Seats keyed by session id, in seat order."""
        out: dict[str, list[Seat]] = {}
        for seat in self.seats:
            out.setdefault(seat.session, []).append(seat)
        return out


@dataclass(frozen=True)
class PanelConfig:
    """How to solve: `time_limit` in seconds (deterministic time), `seed` for CP-SAT."""

    time_limit: float = 10.0
    seed: int = 1
    workers: int = 1


def eligible(judge: Judge, session: Session) -> bool:
    """The judge may score the session's kind and no result heard there is from their unit."""
    return session.kind in judge.kinds and judge.unit not in session.units


def concurrent_groups(sessions: tuple[Session, ...]) -> list[tuple[str, list[Session]]]:
    """Maximal groups of sessions running at one moment, keyed 'day start'.

    Sessions are intervals, so two overlap exactly when both run at the later one's start:
    one at-most-one per judge and group forbids every overlap.
    """
    groups: list[tuple[str, list[Session]]] = []
    seen: set[frozenset[str]] = set()
    for moment in sorted({(s.day, s.start) for s in sessions}):
        day, start = moment
        at = hhmm_to_minutes(start)
        running = [
            s
            for s in sessions
            if s.day == day and hhmm_to_minutes(s.start) <= at < hhmm_to_minutes(s.end)
        ]
        ids = frozenset(s.id for s in running)
        if len(running) > 1 and ids not in seen:
            seen.add(ids)
            groups.append((f"{day} {start}", running))
    return [(k, g) for k, g in groups if not any(frozenset(s.id for s in g) < o for o in seen)]
