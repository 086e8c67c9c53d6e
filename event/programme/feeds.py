"""What each calendar feed holds, beyond the current programme: pure functions of plain data.

* a presentation that left a room stays in that room's feed as CANCELLED, at its old time,
  for the rest of the event (merging clients such as khal would otherwise keep it there);
* a cancelled registration's personal feed shows every event CANCELLED, one SEQUENCE higher;
* plenary items reach the personal feeds of their audience only.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import pairwise

from event.programme.render.model import AgendaItem
from event.programme.uids import personal_sequence

AUDIENCES = (
    ("all", "全体参会人员"),
    ("presenters", "发表人"),
    ("judges", "评委"),
    ("organisers", "会务组"),
)
AUDIENCE_CODES = frozenset(code for code, _ in AUDIENCES)
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class Feed:
    """One feed body, its tag and the time its content last changed (for If-Modified-Since)."""

    body: bytes
    etag: str
    last_modified: datetime
    _gzipped: bytes | None = field(default=None, repr=False)

    @property
    def gzipped(self) -> bytes:
        """The body gzip-compressed once (mtime 0, so the bytes, and their tag, never vary)."""
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped

    @property
    def gzip_etag(self) -> str:
        """A representation's strong tag differs from the identity one's (RFC 9110 §8.8.3)."""
        return self.etag[:-1] + '-gz"'


def make_feed(body: bytes, moments: Iterable[datetime]) -> Feed:
    """The feed of `body` whose content last changed at the latest of `moments`."""
    return Feed(
        body=body,
        etag='"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"',
        last_modified=max(moments, default=_EPOCH).replace(microsecond=0),
    )


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one published version put a presentation."""

    version: int
    room_id: int
    start: datetime
    end: datetime
    sequence: int
    published_at: datetime


@dataclass(frozen=True, slots=True)
class Departure:
    """A presentation left `room_id` (its slot there was `start`–`end`) with version `at`."""

    room_id: int
    start: datetime
    end: datetime
    sequence: int  # its SEQUENCE in the version it left with: higher than any it had there
    at: datetime


def departures(history: Iterable[Placement]) -> list[Departure]:
    """Each room a presentation was in and is no longer in, with its last slot there."""
    rows = sorted(history, key=lambda p: p.version)
    if not rows:
        return []
    left: dict[int, Departure] = {}
    for before, after in pairwise(rows):
        if after.room_id != before.room_id:
            left[before.room_id] = Departure(
                before.room_id, before.start, before.end, after.sequence, after.published_at
            )
    left.pop(rows[-1].room_id, None)  # came back: the room's feed shows it as it is now
    return list(left.values())


def ghost(item: AgendaItem, gone: Departure, room_name: str) -> AgendaItem:
    """`item` as the feed of the room it left keeps it: cancelled, at its old slot there."""
    return replace(
        item, start=gone.start.astimezone(item.start.tzinfo), end=gone.end.astimezone(item.start.tzinfo),
        room_id=gone.room_id, room_name=room_name, status="cancelled", sequence=gone.sequence,
        last_modified=gone.at,
    )  # fmt: skip


def for_audience(items: Iterable[AgendaItem], groups: frozenset[str]) -> tuple[AgendaItem, ...]:
    """The plenary items whose audience is everyone or one of `groups`. An item for others
    that has changed since it was made (SEQUENCE > 0) may have been for everyone before, so
    it comes as CANCELLED: a phone that has it drops it."""
    return tuple(
        i if i.audience == "all" or i.audience in groups else replace(i, status="cancelled")
        for i in items
        if i.audience == "all" or i.audience in groups or i.sequence > 0
    )


def withdrawn(items: Iterable[AgendaItem], cancelled_at: datetime) -> tuple[AgendaItem, ...]:
    """A cancelled registration's feed: every event cancelled, one SEQUENCE higher."""
    return tuple(
        replace(
            i, status="cancelled", sequence=personal_sequence(i.sequence, True),
            last_modified=max(i.last_modified, cancelled_at),
        )
        for i in items
    )  # fmt: skip
