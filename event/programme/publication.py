"""Publishing the programme: the draft schedule becomes version n+1, with its changelog.

A published version holds every presentation the draft places, plus every presentation an
earlier version held that is gone now (withdrawn or no longer placed), copied with
``cancelled=True`` so calendars keep it as STATUS:CANCELLED. ``sequence`` is the iCalendar
SEQUENCE: the previous version's value, plus one when the item's room, time, category or
presenters changed (or it was cancelled or restored). Each row keeps the category and the
presenters (person ids) it was published with, so a category feed keeps what left it and a
personal feed keeps a talk its owner no longer presents. Publishing is one transaction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from typing import Any

import msgspec
from msgspec import Struct
from piccolo.engine.postgres import PostgresEngine

from event import audit
from event.current import event_info
from event.db import write_transaction
from event.errors import Conflict, NotFound
from event.programme.presenters import as_published
from event.programme.render.dates import long_date, time_range, zone
from event.programme.schedule.edits import draft_problems
from event.programme.schedule.plenary import clashes, held_rooms
from event.programme.schedule.venues import rooms
from event.tables import Assignment, Event, Person, Schedule

ACTION_LABELS = {"moved": "调整", "added": "新增", "withdrawn": "取消"}


class Slot(Struct, kw_only=True):
    room: str
    starts_at: datetime
    ends_at: datetime
    category: str = ""  # as published (a change of category alone is a change too)
    presenters: list[str] = []  # names, as published (a change of presenter is a change too)

    @property
    def text(self) -> str:
        start = self.starts_at  # in the event's zone (as _rows reads it)
        return f"{long_date(start.date())} {time_range(self.starts_at, self.ends_at)} {self.room}"


class Change(Struct, kw_only=True):
    action: str  # moved | added | withdrawn
    code: str
    title: str
    old: Slot | None = None
    new: Slot | None = None

    @property
    def label(self) -> str:
        return ACTION_LABELS[self.action]


class Affected(Struct, kw_only=True):
    person: int
    name: str
    organization: str
    reason: str  # 本人发表安排变动 | 所在场次有变动
    codes: list[str]
    left: list[str] = []  # of `codes`: presentations this version no longer has them present
    joined: list[str] = []  # of `codes`: placed before, and theirs from this version on


class Changelog(Struct, kw_only=True):
    changes: list[Change]
    affected: list[Affected]


class VersionInfo(Struct, kw_only=True):
    id: int
    version: int
    published_at: datetime
    placed: int
    cancelled: int
    changelog: Changelog


@dataclass(slots=True)
class _Row:
    presentation: int
    code: str
    title: str
    room: int
    room_name: str
    block: str
    position: int
    starts_at: datetime
    ends_at: datetime
    sequence: int
    cancelled: bool
    category: str = ""  # as published (Assignment.category), or the presentation's for a draft
    # person ids as published (Assignment.presenters), or the presentation's links for a draft
    presenters: tuple[int, ...] = ()
    names: tuple[str, ...] = field(default=(), compare=False)

    @property
    def slot(self) -> Slot:
        return Slot(
            room=self.room_name, starts_at=self.starts_at, ends_at=self.ends_at,
            category=self.category, presenters=list(self.names),
        )  # fmt: skip

    @property
    def session(self) -> tuple[int, str]:
        return (self.room, self.block)

    def same_place(self, other: _Row) -> bool:
        return (self.room, self.starts_at, self.ends_at) == (
            other.room,
            other.starts_at,
            other.ends_at,
        )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _zone(schedule_id: int) -> tzinfo:
    row = await Schedule.select(Schedule.event.timezone.as_alias("tz")).where(
        Schedule.id == schedule_id
    ).first()  # fmt: skip
    return zone(row["tz"] if row else None)


async def _people(ids: set[int]) -> dict[int, dict[str, Any]]:
    """Person id → {name, organization}."""
    rows = await Person.select(
        Person.id, Person.name, Person.organization.name.as_alias("organization")
    ).where(Person.id.is_in(sorted(ids) or [0]))  # fmt: skip
    return {r["id"]: r for r in rows}


async def _rows(schedule_id: int, *, drop_withdrawn: bool) -> dict[int, _Row]:
    """The version's rows by presentation, times in the event's zone (Event.timezone); the
    presenters as the version stored them (a draft, or a version published before they were
    kept, stores none: the presentation's presenters now)."""
    tz = await _zone(schedule_id)
    A = Assignment
    rows = await A.select(
        A.presentation, A.presentation.code.as_alias("code"),
        A.presentation.title.as_alias("title"), A.presentation.withdrawn.as_alias("withdrawn"),
        A.room, A.room.name.as_alias("room_name"), A.block, A.position, A.starts_at, A.ends_at,
        A.sequence, A.cancelled, A.category, A.presentation.category.as_alias("now_category"),
        A.presenters,
    ).where(A.schedule == schedule_id)  # fmt: skip
    if drop_withdrawn:
        rows = [r for r in rows if not r["withdrawn"]]
    presenters = await as_published(rows)
    people = await _people({p for ids in presenters.values() for p in ids})
    found = {}
    for r in rows:
        ids = presenters[r["presentation"]]
        found[r["presentation"]] = _Row(
            presentation=r["presentation"], code=r["code"], title=r["title"], room=r["room"],
            room_name=r["room_name"], block=r["block"], position=r["position"],
            starts_at=_aware(r["starts_at"]).astimezone(tz),
            ends_at=_aware(r["ends_at"]).astimezone(tz),
            sequence=r["sequence"], cancelled=bool(r["cancelled"]),
            category=r["category"] or r["now_category"], presenters=ids,
            names=tuple(people[p]["name"] for p in ids if p in people),
        )  # fmt: skip
    return found


async def draft_id(event_id: int) -> int | None:
    """The stored draft (version null), the newest if several."""
    row = await (
        Schedule.select(Schedule.id)
        .where((Schedule.event == event_id) & Schedule.version.is_null())
        .order_by(Schedule.id, ascending=False)
        .first()
    )
    return row["id"] if row else None


async def latest_version(event_id: int) -> dict[str, Any] | None:
    """The newest published version: {id, version, published_at}, or None."""
    return await (
        Schedule.select(Schedule.id, Schedule.version, Schedule.published_at)
        .where((Schedule.event == event_id) & Schedule.version.is_not_null())
        .order_by(Schedule.version, ascending=False)
        .first()
    )


def _merge(previous: dict[int, _Row], draft: dict[int, _Row]) -> tuple[list[_Row], list[Change]]:
    """The rows of the next version and what changed (the inputs are left as they are)."""
    rows: list[_Row] = []
    changes: list[Change] = []
    for pid, planned in draft.items():
        old = previous.get(pid)
        if old is None or old.cancelled:
            new = replace(planned, cancelled=False, sequence=old.sequence + 1 if old else 0)
            changes.append(Change(action="added", code=new.code, title=new.title, new=new.slot))
        elif (
            not planned.same_place(old)
            or planned.category != old.category
            or set(planned.presenters) != set(old.presenters)
        ):
            new = replace(planned, cancelled=False, sequence=old.sequence + 1)
            changes.append(
                Change(action="moved", code=new.code, title=new.title, old=old.slot, new=new.slot)
            )
        else:
            new = replace(planned, cancelled=False, sequence=old.sequence)
        rows.append(new)
    for pid, old in previous.items():
        if pid in draft:
            continue
        if not old.cancelled:
            changes.append(Change(action="withdrawn", code=old.code, title=old.title, old=old.slot))
            old = replace(old, cancelled=True, sequence=old.sequence + 1)
        rows.append(old)
    changes.sort(key=lambda c: (c.action != "moved", c.action, c.code))
    return rows, changes


def _who(
    changed: set[int], previous: dict[int, _Row], draft: dict[int, _Row]
) -> tuple[dict[int, set[int]], dict[int, set[int]], dict[int, set[int]]]:
    """Person → the changed presentations that are theirs (now, or until this version), those
    this version takes from them, and those it gives them (already placed before)."""
    own: dict[int, set[int]] = defaultdict(set)
    left: dict[int, set[int]] = defaultdict(set)
    joined: dict[int, set[int]] = defaultdict(set)
    for pid in changed:
        old, new = previous.get(pid), draft.get(pid)
        before = set(old.presenters) if old is not None and not old.cancelled else set()
        after = set(new.presenters) if new is not None else set()
        for person in before | after:
            own[person].add(pid)
        if new is not None and before:
            for person in before - after:
                left[person].add(pid)
            for person in after - before:
                joined[person].add(pid)
    return own, left, joined


async def _affected(
    changes: list[Change], previous: dict[int, _Row], draft: dict[int, _Row]
) -> list[Affected]:
    """Presenters of a changed item (those it gained or lost included: each row holds its
    presenters), and presenters of the sessions it left or joined."""
    by_code = {r.code: r for r in (*previous.values(), *draft.values())}
    changed = {by_code[c.code].presentation for c in changes}
    if not changed:
        return []
    sessions = {
        r.session for pid in changed for r in (previous.get(pid), draft.get(pid)) if r is not None
    }
    around: dict[int, set[int]] = defaultdict(set)
    for pid in {
        r.presentation
        for r in (*previous.values(), *draft.values())
        if r.session in sessions and not r.cancelled
    } - changed:
        for person in (draft.get(pid) or previous[pid]).presenters:
            around[person].add(pid)
    own, left, joined = _who(changed, previous, draft)
    code_of = {r.presentation: r.code for r in by_code.values()}
    codes = lambda pids: sorted(code_of[p] for p in pids)  # noqa: E731
    people = await _people(set(own) | set(around))
    found = [
        Affected(
            person=person, name=people[person]["name"],
            organization=people[person]["organization"],
            reason="本人发表安排变动" if person in own else "所在场次有变动",
            codes=codes(own.get(person, set())) + codes(around.get(person, set()) - own.get(person, set())),
            left=codes(left.get(person, set())), joined=codes(joined.get(person, set())),
        )
        for person in sorted(set(own) | set(around))
        if person in people
    ]  # fmt: skip
    return sorted(found, key=lambda a: (a.reason != "本人发表安排变动", a.name))


async def preview(event_id: int) -> Changelog:
    """What publishing the draft now would change, without storing anything."""
    draft = await draft_id(event_id)
    if draft is None:
        raise NotFound("尚无日程草稿，请先运行排程")
    latest = await latest_version(event_id)
    previous = await _rows(latest["id"], drop_withdrawn=False) if latest else {}
    planned = await _rows(draft, drop_withdrawn=True)
    _, changes = _merge(previous, planned)
    return Changelog(changes=changes, affected=await _affected(changes, previous, planned))


async def _refuse_plenary_overlap(event_id: int, planned: dict[int, _Row]) -> None:
    """No presentation may overlap a plenary item held in its room (开幕式 in 主会场...)."""
    event = await Event.select(Event.timezone).where(Event.id == event_id).first()
    timezone = event["timezone"] if event else None
    held = await held_rooms(event_id, await rooms(event_id))
    placed = [
        (r.title, r.room, r.starts_at, r.ends_at) for r in planned.values() if not r.cancelled
    ]
    if found := clashes(held, placed, timezone or ""):
        raise Conflict("plenary_overlap", "不能发布：" + "；".join(found[:5]))


async def publish(event_id: int) -> VersionInfo:
    """Publish the draft as the next version (one transaction); returns the new version."""
    async with write_transaction(Schedule._meta.db):
        draft = await draft_id(event_id)
        if draft is None:
            raise NotFound("尚无日程草稿，请先运行排程")
        if isinstance(Schedule._meta.db, PostgresEngine):  # two organisers at once: one waits
            await Schedule.raw("SELECT id FROM schedule WHERE id = {} FOR UPDATE", draft)
        latest = await latest_version(event_id)
        previous = await _rows(latest["id"], drop_withdrawn=False) if latest else {}
        planned = await _rows(draft, drop_withdrawn=True)
        if not planned:
            raise Conflict("empty_draft", "日程草稿中没有已安排的发表，不能发布")
        await _refuse_plenary_overlap(event_id, planned)
        if broken := await draft_problems(await event_info(event_id)):
            raise Conflict("rule_broken", "不能发布：草稿已不符合规则（排程后发表或会场有变动），"
                           "请在日程编排中调整或重新排程。" + "；".join(broken[:5]))  # fmt: skip
        rows, changes = _merge(previous, planned)
        if latest and not changes:
            raise Conflict("unchanged", f"日程草稿与已发布的第{latest['version']}版相同，无需发布")
        changelog = Changelog(changes=changes, affected=await _affected(changes, previous, planned))
        version = (latest["version"] if latest else 0) + 1
        now = datetime.now(UTC)
        source = await Schedule.select().where(Schedule.id == draft).first()
        assert source is not None  # the draft found above, in this transaction
        new_id = (
            await Schedule.insert(
                Schedule(
                    event=event_id, version=version, seed=source["seed"], stats=source["stats"],
                    explanation=source["explanation"], unscheduled=source["unscheduled"],
                    changelog=_dump(changelog), created_at=now, published_at=now,
                )
            ).returning(Schedule.id)
        )[0]["id"]  # fmt: skip
        await Assignment.insert(
            *[
                Assignment(
                    schedule=new_id, presentation=r.presentation, room=r.room, block=r.block,
                    position=r.position, starts_at=r.starts_at, ends_at=r.ends_at,
                    sequence=r.sequence, cancelled=r.cancelled, category=r.category,
                    presenters=list(r.presenters),
                )
                for r in rows
            ]
        )  # fmt: skip
        await audit.record(
            event_id, "schedule.publish", "schedule", new_id,
            f"发布第{version}版：{len(changes)}处变动，涉及{len(changelog.affected)}人",
            {"version": version},
        )  # fmt: skip
    return VersionInfo(
        id=new_id, version=version, published_at=now, changelog=changelog,
        placed=sum(not r.cancelled for r in rows), cancelled=sum(r.cancelled for r in rows),
    )  # fmt: skip


def _dump(changelog: Changelog) -> str:
    return msgspec.json.encode(changelog).decode()


def _load(value: Any) -> Changelog:
    data = json.loads(value) if isinstance(value, str) else value
    if not isinstance(data, dict):  # an empty list: a version stored without a changelog
        return Changelog(changes=[], affected=[])
    return msgspec.convert(data, Changelog)


async def versions(event_id: int) -> list[VersionInfo]:
    """Every published version, newest first, with its changelog and counts."""
    rows = await (
        Schedule.select(Schedule.id, Schedule.version, Schedule.published_at, Schedule.changelog)
        .where((Schedule.event == event_id) & Schedule.version.is_not_null())
        .order_by(Schedule.version, ascending=False)
    )
    counts = await Assignment.raw(
        "SELECT a.schedule AS s, SUM(CASE WHEN a.cancelled THEN 0 ELSE 1 END) AS placed, "
        "SUM(CASE WHEN a.cancelled THEN 1 ELSE 0 END) AS cancelled FROM assignment a "
        "JOIN schedule s ON s.id = a.schedule WHERE s.event = {} AND s.version IS NOT NULL "
        "GROUP BY a.schedule",
        event_id,
    )
    by_id = {c["s"]: c for c in counts}
    return [
        VersionInfo(
            id=r["id"], version=r["version"], published_at=_aware(r["published_at"]),
            placed=int(by_id.get(r["id"], {}).get("placed") or 0),
            cancelled=int(by_id.get(r["id"], {}).get("cancelled") or 0),
            changelog=_load(r["changelog"]),
        )
        for r in rows
    ]  # fmt: skip
