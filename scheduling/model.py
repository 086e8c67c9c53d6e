"""Solver input and output as frozen dataclasses (no ortools import here).

A *theme* is the pair (kind, category): the spec's "category of a session" also separates
kinds, so a QC 现场型 and a team 现场型 never share a session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

KINDS = ("qc", "team", "story")
KIND_LABELS = {"qc": "QC小组", "team": "质量信得过班组", "story": "品牌故事"}

Theme = tuple[str, str]  # (kind, category)
ProgressCallback = Callable[[dict[str, Any]], None]


def hhmm_to_minutes(text: str) -> int:
    """'08:30' -> 510."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def minutes_to_hhmm(value: int) -> str:
    """510 -> '08:30'."""
    return f"{value // 60:02d}:{value % 60:02d}"


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    capacity: int
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    id: str
    day: str
    start: str
    end: str

    @property
    def start_minute(self) -> int:
        return hhmm_to_minutes(self.start)

    @property
    def length(self) -> int:
        """Length of the block in minutes."""
        return hhmm_to_minutes(self.end) - hhmm_to_minutes(self.start)


@dataclass(frozen=True)
class Pin:
    room: str
    block: str


@dataclass(frozen=True)
class Presentation:
    id: str
    title: str
    kind: str
    category: str
    minutes: int
    presenters: tuple[str, ...]
    organization: str = ""
    audience: int = 0
    unavailable_blocks: tuple[str, ...] = ()
    pinned: Pin | None = None

    @property
    def theme(self) -> Theme:
        return (self.kind, self.category)


@dataclass(frozen=True)
class Plenary:
    """A fixed item (开幕式, a break, 颁奖) holding a room for part of a block: sessions use
    only the time it leaves, and nothing may overlap it."""

    title: str
    room: str
    block: str
    start: str
    end: str


@dataclass(frozen=True)
class Assignment:
    presentation: str
    room: str
    block: str
    start: str = ""
    end: str = ""
    order: int = 0


@dataclass(frozen=True)
class Instance:
    name: str
    rooms: tuple[Room, ...]
    blocks: tuple[Block, ...]
    presentations: tuple[Presentation, ...]
    timezone: str = "Asia/Shanghai"
    previous: tuple[Assignment, ...] | None = None
    plenary: tuple[Plenary, ...] = ()

    @cached_property
    def _rooms(self) -> dict[str, Room]:
        return {r.id: r for r in self.rooms}

    @cached_property
    def _blocks(self) -> dict[str, Block]:
        return {b.id: b for b in self.blocks}

    @cached_property
    def _presentations(self) -> dict[str, Presentation]:
        return {p.id: p for p in self.presentations}

    @cached_property
    def _held(self) -> dict[tuple[str, str], list[tuple[int, int]]]:
        out: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for item in self.plenary:
            span = (hhmm_to_minutes(item.start), hhmm_to_minutes(item.end))
            out.setdefault((item.room, item.block), []).append(span)
        return out

    def held(self, room_id: str, block_id: str) -> list[tuple[int, int]]:
        """The (start, end) minutes plenary items hold in the room during the block."""
        return self._held.get((room_id, block_id), [])

    def free(self, room_id: str, block_id: str) -> tuple[tuple[int, int], ...]:
        """The (start, end) minute spans of the block the room's plenary items leave free."""
        block = self.block(block_id)
        clock, end, out = block.start_minute, block.start_minute + block.length, []
        for start, stop in sorted(self.held(room_id, block_id)):
            if start > clock:
                out.append((clock, min(start, end)))
            clock = max(clock, stop)
        if clock < end:
            out.append((clock, end))
        return tuple(span for span in out if span[1] > span[0])

    def usable(self, room_id: str, block_id: str) -> int:
        """Minutes of the block the room's plenary items leave free."""
        if not self.plenary:
            return self.block(block_id).length
        return sum(b - a for a, b in self.free(room_id, block_id))

    def holds(self, room_id: str, block_id: str, minutes: int) -> int:
        """How many items of `minutes` fit back to back in the free spans."""
        if not self.plenary:
            return self.block(block_id).length // minutes
        return sum((b - a) // minutes for a, b in self.free(room_id, block_id))

    def room(self, room_id: str) -> Room:
        """The room with this id (KeyError when unknown)."""
        return self._rooms[room_id]

    def block(self, block_id: str) -> Block:
        """The block with this id (KeyError when unknown)."""
        return self._blocks[block_id]

    def presentation(self, presentation_id: str) -> Presentation:
        """The presentation with this id (KeyError when unknown)."""
        return self._presentations[presentation_id]


@dataclass(frozen=True)
class Unscheduled:
    presentation: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    """One rule (group) that takes part in making the instance infeasible."""

    rule: str
    message: str
    category: str | None = None
    kind: str | None = None
    presentation: str | None = None
    person: str | None = None
    room: str | None = None
    block: str | None = None


@dataclass(frozen=True)
class Violation:
    """A broken hard rule found by validate.py; message in Chinese."""

    rule: str
    message: str
    presentation: str | None = None
    room: str | None = None
    block: str | None = None


@dataclass(frozen=True)
class Stats:
    """What the schedule achieved, goal by goal (the later fields are quality.py's terms;
    they default to 0 so stats stored before they existed still load)."""

    sessions_used: int
    lower_bound: int
    proven_optimal: bool
    changes_vs_previous: int | None
    seconds: float
    seed: int
    placed: int = 0
    pins_unplaced: int = 0
    parallel: int = 0
    parallel_forced: int = 0
    parallel_bound: int = 0
    rooms_per_category: int = 0
    empty_seats: int = 0
    near_empty: int = 0
    unit_splits: int = 0
    workers: int = 1


@dataclass(frozen=True)
class Schedule:
    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Unscheduled, ...] = ()
    stats: Stats | None = None
    explanation: tuple[Conflict, ...] = ()

    def by_presentation(self) -> dict[str, Assignment]:
        """Assignments keyed by presentation id."""
        return {a.presentation: a for a in self.assignments}


@dataclass(frozen=True)
class SolveConfig:
    """How to solve. `time_limit` is in seconds (deterministic time for CP-SAT phases)."""

    time_limit: float = 30.0
    seed: int = 1
    workers: int = 1
    progress: ProgressCallback | None = field(default=None, compare=False)
