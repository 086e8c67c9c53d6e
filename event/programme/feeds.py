"""What each calendar feed holds, beyond the current programme: pure functions of plain data.

* an item that left a room or a category (a presentation moved or recategorised by a
  published version, a plenary item moved to another place) stays in that feed as CANCELLED,
  at its old time, one SEQUENCE higher, for the rest of the event (merging clients such as
  khal would otherwise keep it there);
* a talk a person presented in a published version and no longer presents (another presenter
  named, by a later version) stays in their personal feed the same way;
* a cancelled registration's personal feed shows every event CANCELLED, one SEQUENCE higher;
* plenary items reach the personal feeds of their audience only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

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
    """Where one published version put a presentation, and in which category."""

    version: int
    room_id: int
    start: datetime
    end: datetime
    sequence: int
    published_at: datetime
    category: str = ""
    presenters: tuple[int, ...] | None = None  # person ids; None: published before they were kept


@dataclass(frozen=True, slots=True)
class Departure:
    """An item left `place` (a room id, or a category) with the change made `at`; its last slot
    there was `start`–`end` in room `room_id`."""

    place: Hashable
    room_id: int
    start: datetime
    end: datetime
    sequence: int  # its SEQUENCE in the change it left with: higher than any it had there
    at: datetime


def by_room(placement: Placement) -> Hashable:
    return placement.room_id


def by_category(placement: Placement) -> Hashable:
    return placement.category


def departures(
    history: Iterable[Placement], place: Callable[[Placement], Hashable] = by_room
) -> list[Departure]:
    """Each place (room, or category) a presentation was in and is no longer in, with its last
    slot there."""
    rows = sorted(history, key=lambda p: p.version)
    if not rows:
        return []
    left: dict[Hashable, Departure] = {}
    for before, after in pairwise(rows):
        if place(after) != place(before):
            left[place(before)] = Departure(
                place(before), before.room_id, before.start, before.end, after.sequence,
                after.published_at,
            )  # fmt: skip
    left.pop(place(rows[-1]), None)  # came back: the feed shows it as it is now
    return list(left.values())


def presenter_departures(history: Iterable[Placement]) -> dict[int, Departure]:
    """Person → the last slot of a presentation they presented in a version and no longer
    present (keyed by person id; versions that kept no presenters are skipped)."""
    rows = sorted((p for p in history if p.presenters is not None), key=lambda p: p.version)
    left: dict[int, Departure] = {}
    for before, after in pairwise(rows):
        for person in set(before.presenters or ()) - set(after.presenters or ()):
            left[person] = Departure(
                person, before.room_id, before.start, before.end, after.sequence,
                after.published_at,
            )  # fmt: skip
    for person in (rows[-1].presenters or ()) if rows else ():
        left.pop(person, None)  # theirs again: the feed shows it as it is now
    return left


def plenary_departures(stored: Any) -> list[Departure]:
    """A plenary item's rooms left, as AgendaItem.departures keeps them (JSON)."""
    rows = json.loads(stored) if isinstance(stored, str) else stored or []
    return [
        Departure(
            r["room"], r["room"], _moment(r["start"]), _moment(r["end"]), r["sequence"],
            _moment(r["at"]),
        )
        for r in rows
    ]  # fmt: skip


def left_room(
    stored: Any, room_id: int | None, start: datetime, end: datetime, sequence: int,
    at: datetime, now_in: int | None,
) -> list[dict[str, Any]]:  # fmt: skip
    """AgendaItem.departures after a change that took the item from `room_id` (its slot there
    `start`–`end`) to `now_in`, with the item's new `sequence`."""
    rows = [
        r for r in (json.loads(stored) if isinstance(stored, str) else stored or [])
        if r["room"] not in (room_id, now_in)
    ]  # fmt: skip
    if room_id is not None and room_id != now_in:
        rows.append({"room": room_id, "start": start.isoformat(), "end": end.isoformat(),
                     "sequence": sequence, "at": at.isoformat()})  # fmt: skip
    return rows


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def ghost(
    item: AgendaItem, gone: Departure, room_name: str, category: str | None = None
) -> AgendaItem:
    """`item` as the feed of the place it left keeps it: cancelled, at its old slot there (and
    with the category it had, for a category feed)."""
    return replace(
        item, start=gone.start.astimezone(item.start.tzinfo), end=gone.end.astimezone(item.start.tzinfo),
        room_id=gone.room_id, room_name=room_name, status="cancelled", sequence=gone.sequence,
        last_modified=gone.at, category=item.category if category is None else category,
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
