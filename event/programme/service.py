"""The public programme: the latest published version plus the plenary items, as plain data.

`load(event)` reads the database once into a `Snapshot` (agenda model items, rooms, who
presents what). `ProgrammeCache` keeps one snapshot per process and checks at most once a
second (one small query) whether a new version was published or a plenary item changed;
calendar bodies are rendered once per snapshot. Drafts are never read here.
"""

from __future__ import annotations

import asyncio
import json
import os
import time as clock
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from event import notice
from event.collation import NameOrder
from event.current import EventInfo, current_event
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, RegistrationStatus
from event.errors import NotFound
from event.programme import uids
from event.programme.feeds import (
    Feed,
    Placement,
    by_category,
    departures,
    for_audience,
    ghost,
    make_feed,
    plenary_departures,
    presenter_departures,
    withdrawn,
)
from event.programme.handbook import HandbookCache
from event.programme.presenters import as_published
from event.programme.render.dates import zone
from event.programme.render.ics import FeedContext, render_calendar
from event.programme.render.model import PRESENTATION, SPEECH, AgendaItem, Delegate, Programme, Room
from event.settings import load_settings
from event.tables import AgendaItem as PlenaryRow
from event.tables import (
    Assignment,
    AuditEntry,
    Block,
    Person,
    Registration,
    Schedule,
)
from event.tables import Event as EventRow
from event.tables import Room as RoomRow
from event.tokens import find_by_token, token_key

PRODID = "-//中国机械工业质量管理协会//qcconf 会议日程//ZH"
KIND_LABELS = {k.code: k.label for k in notice.PRESENTATION_KINDS}
SESSION_TITLES = {k.code: k.session_title for k in notice.PRESENTATION_KINDS}


def category_label(kind: str, category: str) -> str:
    """QC小组·现场型, 班组·管理型, 质量品牌故事: kinds share type names, so both are shown."""
    if kind == "story":
        return "质量品牌故事"
    return f"{'QC小组' if kind == 'qc' else '班组'}·{category}" if category else KIND_LABELS[kind]


PRESENTER_CATEGORIES = frozenset({"presenter", "storyteller"})


@dataclass(frozen=True, slots=True)
class Naming:
    """The installation's calendar identity (see event.programme.uids) and the organiser."""

    domain: str = "qcconf.invalid"
    site: str | None = None  # QCCONF_PUBLIC_URL; None: the address the request came to
    organizer: str | None = None  # mailto: of the organisers; default noreply@domain

    @classmethod
    def of(cls, settings: Any) -> Naming:
        # The messages wing's From address (QCCONF_MAIL_FROM), read from the environment: the
        # programme wing does not import the wing above it.
        mail = getattr(settings, "mail_from", None) or os.environ.get("QCCONF_MAIL_FROM")
        return cls(
            domain=uids.calendar_domain(settings), site=uids.public_url(settings),
            organizer=f"mailto:{mail}" if mail else None,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Talk:
    """One presentation of the published version, for pages."""

    code: str
    kind: str
    title: str
    category: str  # the label, e.g. QC小组·现场型
    category_key: tuple[str, str]  # (kind, category) as stored
    room_id: int
    room_name: str
    block: str
    start: datetime
    end: datetime
    organization: str
    team: str
    presenters: tuple[str, ...]
    person_ids: tuple[int, ...]
    cancelled: bool
    uid: str


@dataclass(slots=True)
class Snapshot:
    event: EventInfo
    stamp: tuple[Any, ...]
    version: int | None
    published_at: datetime | None
    items: tuple[AgendaItem, ...]  # presentations, plenary items, one session item per room-block
    rooms: tuple[tuple[int, str], ...]  # (id, name) in the room order
    talks: dict[str, Talk]  # by code
    by_person: dict[int, tuple[str, ...]]  # person id → codes presented
    naming: Naming = field(default_factory=Naming)
    ghosts: dict[int, tuple[AgendaItem, ...]] = field(default_factory=dict)  # room → left it
    # (kind, category) → the presentations that left it, with their label then
    category_ghosts: dict[tuple[str, str], tuple[AgendaItem, ...]] = field(default_factory=dict)
    # person → the talks a version took from them (another presenter named), cancelled
    person_ghosts: dict[int, tuple[AgendaItem, ...]] = field(default_factory=dict)
    cancelled: dict[int, datetime] = field(default_factory=dict)  # registration → when
    judges: frozenset[int] = frozenset()  # people registered whose mobile is on the judge roster
    plenary_changed: datetime | None = None  # the latest change of any plenary item
    settings_changed: datetime | None = None  # event name, venue, organisers: in every feed
    renamed: dict[int, datetime] = field(default_factory=dict)  # room → its latest rename
    feeds: dict[str, Feed] = field(default_factory=dict)
    views: dict[str, Any] = field(default_factory=dict)

    @property
    def zone(self) -> tzinfo:
        return zone(self.event.timezone)

    @property
    def plenary(self) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if i.kind not in (PRESENTATION, SPEECH, "session"))

    @property
    def presentations(self) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if i.is_presentation)

    def room_name(self, room_id: int) -> str:
        for rid, name in self.rooms:
            if rid == room_id:
                return name
        raise NotFound("未找到该会场")

    def categories(self) -> list[tuple[str, str, str]]:
        """(kind, category, label) of every category with a presentation, in kind order."""
        found = {t.category_key: t.category for t in self.talks.values()}
        order = list(KIND_LABELS)
        return sorted(((k, c, label) for (k, c), label in found.items()),
                      key=lambda x: (order.index(x[0]) if x[0] in order else 9, x[1]))  # fmt: skip

    def groups(self, attendee: Attendee) -> frozenset[str]:
        """The audiences a person belongs to (plenary items for them reach their feed)."""
        presenter = (
            attendee.person_id in self.by_person or attendee.category in PRESENTER_CATEGORIES
        )
        return frozenset({"presenters"} if presenter else ()) | frozenset(
            {"judges"} if attendee.person_id in self.judges else ()
        )

    def personal_items(self, attendee: Attendee) -> tuple[AgendaItem, ...]:
        """The plenary items for the person's audiences, their own presentations and those
        they presented before (cancelled); all of them cancelled (one SEQUENCE higher) once
        the registration is cancelled."""
        own = {self.talks[c].uid for c in self.by_person.get(attendee.person_id, ())}
        chosen = for_audience(self.plenary, self.groups(attendee))
        chosen += tuple(i for i in self.items if i.uid in own)
        chosen += self.person_ghosts.get(attendee.person_id, ())
        cancelled_at = self.cancelled.get(attendee.registration_id)
        return chosen if cancelled_at is None else withdrawn(chosen, cancelled_at)

    def room_items(self, room_id: int) -> tuple[AgendaItem, ...]:
        """A room's presentations and plenary items (by the room's id), and the items that
        left it (cancelled there, at their old time)."""
        self.room_name(room_id)  # 404 for an unknown room
        here = tuple(i for i in self.items if i.room_id == room_id and i.kind != "session")
        return here + self.ghosts.get(room_id, ())

    def category_items(self, kind: str, category: str) -> tuple[AgendaItem, ...]:
        """A category's presentations (as published) and those that left it."""
        uids = {t.uid for t in self.talks.values() if t.category_key == (kind, category)}
        here = tuple(i for i in self.presentations if i.uid in uids)
        return here + self.category_ghosts.get((kind, category), ())

    def context(self, site: str) -> FeedContext:
        organisers = self.event.organisers
        return FeedContext(
            site=site, venue=self.event.venue, zone=self.zone,
            organizer_name=organisers[0] if organisers else "",
            organizer_address=self.naming.organizer or f"mailto:noreply@{self.naming.domain}",
        )  # fmt: skip

    def feed(
        self, key: str, name: str, items: Callable[[], tuple[AgendaItem, ...]], *, site: str = ""
    ) -> Feed:
        """The calendar body for `key`, rendered once per snapshot (`items` called only then).
        Its Last-Modified is the latest change of an item it holds: every feed keeps what left
        it (CANCELLED, stamped with the change that took it out)."""
        cached = self.feeds.get(f"{site}|{key}")
        if cached is None:
            chosen = items()
            body = render_calendar(name, chosen, prodid=PRODID, context=self.context(site))
            moments = [i.last_modified for i in chosen]
            # A room renamed since: its items' LOCATION changed without a new version.
            moments += [self.renamed[i.room_id] for i in chosen if i.room_id in self.renamed]
            if self.settings_changed is not None:  # the calendar's name, LOCATION, ORGANIZER
                moments.append(self.settings_changed)
            cached = self.feeds[f"{site}|{key}"] = make_feed(
                body, moments or [self.published_at or _EPOCH]
            )
        return cached


_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _json(value: Any) -> dict[str, Any]:
    data = json.loads(value) if isinstance(value, str) else value
    return data if isinstance(data, dict) else {}


async def stamp(event_id: int) -> tuple[Any, ...]:
    """Changes whenever what the snapshot shows may have changed."""
    rows = await Schedule.raw(
        "SELECT (SELECT MAX(id) FROM schedule WHERE event = {} AND version IS NOT NULL) AS s, "
        "(SELECT COUNT(*) FROM agenda_item WHERE event = {}) AS n, "
        "(SELECT MAX(updated_at) FROM agenda_item WHERE event = {}) AS u, "
        "(SELECT COUNT(*) FROM registration WHERE event = {} AND status <> 'active') AS c, "
        "(SELECT COUNT(*) FROM judge WHERE event = {}) AS j",
        event_id, event_id, event_id, event_id, event_id,
    )  # fmt: skip
    row = rows[0]
    names = await RoomRow.select(RoomRow.id, RoomRow.name).where(RoomRow.event == event_id)
    rooms = tuple(sorted((r["id"], r["name"]) for r in names))  # a renamed room: new LOCATION
    return (event_id, row["s"], row["n"], str(row["u"]), rooms, row["c"], row["j"])


async def _talk_rows(schedule_id: int) -> list[dict[str, Any]]:
    A = Assignment
    return await A.select(
        A.presentation, A.presentation._.code.as_alias("code"), A.presentation._.kind.as_alias("kind"),
        A.presentation._.title.as_alias("title"), A.presentation._.category.as_alias("category"),
        A.presentation._.organization._.name.as_alias("organization"),
        A.presentation._.submission._.data.as_alias("data"), A.room, A.block, A.position,
        A.starts_at, A.ends_at, A.sequence, A.cancelled, A.category.as_alias("published_category"),
        A.presenters,
    ).where(A.schedule == schedule_id).order_by(A.starts_at).order_by(A.room)  # fmt: skip


async def _history(event_id: int) -> dict[int, list[Placement]]:
    """Every published placement of each presentation, oldest version first."""
    A = Assignment
    rows = await A.select(
        A.presentation, A.room, A.starts_at, A.ends_at, A.sequence, A.category, A.presenters,
        A.presentation.category.as_alias("now_category"),
        A.schedule.version.as_alias("version"), A.schedule.published_at.as_alias("published_at"),
    ).where((A.schedule.event == event_id) & A.schedule.version.is_not_null())  # fmt: skip
    found: dict[int, list[Placement]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: r["version"]):
        found[r["presentation"]].append(Placement(
            r["version"], r["room"], _aware(r["starts_at"]), _aware(r["ends_at"]), r["sequence"],
            _aware(r["published_at"]), r["category"] or r["now_category"],
            None if r["presenters"] is None else tuple(r["presenters"]),
        ))  # fmt: skip
    return found


def _first_with(history: list[Placement], sequence: int, default: datetime) -> datetime:
    """When the version that gave a presentation its `sequence` was published."""
    return min((p.published_at for p in history if p.sequence == sequence), default=default)


async def _presenters(rows: list[dict[str, Any]]) -> dict[int, list[tuple[int, str]]]:
    """Presentation → (person id, name) of its presenters as the version published them."""
    ids = await as_published(rows)
    wanted = sorted({p for people in ids.values() for p in people})
    names = {
        p["id"]: p["name"]
        for p in await Person.select(Person.id, Person.name).where(Person.id.is_in(wanted or [0]))
    }  # fmt: skip
    return {pid: [(p, names[p]) for p in people if p in names] for pid, people in ids.items()}


def shown_title(stored: str, data: Any) -> str:
    """A presentation's title in the programme, its feeds and its invitations: the 课题 of a
    QC result (the stored title, 攻关组 · 课题, names it in lists; the programme shows the
    group beside it), else the stored title. `data` is its submission's data (JSON or dict)."""
    return str(_json(data).get("topic") or stored)


def _talk(
    r: dict[str, Any], room: str, people: list[tuple[int, str]], uid: str, tz: tzinfo
) -> Talk:
    data = _json(r["data"])
    category = r.get("published_category") or r["category"]  # as published
    return Talk(
        code=r["code"], kind=r["kind"], title=shown_title(r["title"], data),
        category=category_label(r["kind"], category), category_key=(r["kind"], category),
        room_id=r["room"], room_name=room, block=r["block"],
        start=_aware(r["starts_at"]).astimezone(tz), end=_aware(r["ends_at"]).astimezone(tz),
        organization=r["organization"],
        team=str(data.get("group_name") or data.get("team_name") or ""),
        presenters=tuple(n for _, n in people), person_ids=tuple(p for p, _ in people),
        cancelled=bool(r["cancelled"]), uid=uid,
    )  # fmt: skip


def _talk_item(talk: Talk, sequence: int, modified: datetime) -> AgendaItem:
    return AgendaItem(
        uid=talk.uid, title=talk.title, start=talk.start, end=talk.end, last_modified=modified,
        kind=SPEECH if talk.kind == "story" else PRESENTATION, category=talk.category,
        room_name=talk.room_name, room_id=talk.room_id, presenters=talk.presenters,
        organization=talk.organization, team=talk.team, description=f"编号：{talk.code}",
        status="cancelled" if talk.cancelled else "confirmed", sequence=sequence,
        url=f"/programme/p/{talk.code}",
    )  # fmt: skip


async def _sessions(
    event_id: int, talks: list[Talk], published: datetime, uid: Callable[[str, int], str],
    tz: tzinfo,
) -> list[AgendaItem]:  # fmt: skip
    """One 分会场发表 row per room and block, for the day table (never in feeds)."""
    blocks = {
        b["code"]: b
        for b in await Block.select().where(Block.event == event_id)  # few rows
    }
    groups: dict[tuple[int, str], list[Talk]] = defaultdict(list)
    for talk in talks:
        if not talk.cancelled:
            groups[(talk.room_id, talk.block)].append(talk)
    items = []
    for (room_id, code), members in groups.items():
        block = blocks.get(code)
        if block:
            start = datetime.combine(block["day"], block["start"], tzinfo=tz)
            end = datetime.combine(block["day"], block["end"], tzinfo=tz)
        else:
            start, end = min(t.start for t in members), max(t.end for t in members)
        kinds = {t.kind for t in members}
        title = SESSION_TITLES[kinds.pop()] if len(kinds) == 1 else "成果发表"
        items.append(AgendaItem(
            uid=uid(code, room_id), title=title, start=start, end=end, last_modified=published,
            kind="session", room_name=members[0].room_name, room_id=room_id,
        ))  # fmt: skip
    return items


def _plenary(
    row: dict[str, Any], key: str, domain: str, tz: tzinfo, room_names: dict[int, str]
) -> AgendaItem:
    """A plenary item, in its room (by id, under the room's name now) or at its place."""
    uid = uids.plenary_uid(row["uid"], key, domain)
    start = _aware(row["starts_at"]).astimezone(tz)
    room = row.get("room") if row.get("room") in room_names else None
    return AgendaItem(
        uid=uid, title=row["title"], start=start,
        end=max(_aware(row["ends_at"]).astimezone(tz), start),
        last_modified=_aware(row["updated_at"]), kind=row["kind"],
        room_name=room_names[room] if room is not None else row["location"], room_id=room,
        host=row["host"], description=row["note"],
        status="cancelled" if row["cancelled"] else "confirmed", sequence=row["sequence"],
        audience=row.get("audience") or "all",
    )  # fmt: skip


async def _cancelled(event_id: int) -> dict[int, datetime]:
    R = Registration
    rows = await R.select(R.id, R.updated_at).where(
        (R.event == event_id) & (R.status != RegistrationStatus.active.value)
    )
    return {r["id"]: _aware(r["updated_at"]) for r in rows}


async def _judges(event_id: int) -> frozenset[int]:
    """People registered for the event whose mobile is on its judge roster (评委): plenary
    items for judges reach their personal feeds."""
    rows = await Registration.raw(
        "SELECT DISTINCT r.person AS p FROM registration r JOIN person pe ON pe.id = r.person "
        "JOIN judge j ON j.event = r.event AND j.mobile = pe.mobile WHERE r.event = {}",
        event_id,
    )
    return frozenset(r["p"] for r in rows)


async def _settings_changed(event_id: int) -> datetime | None:
    """When organisers last changed the event's settings (its name, venue and organisers are
    in every feed): the audit log's latest settings.update."""
    A = AuditEntry
    row = await (
        A.select(A.at).where((A.event == event_id) & (A.action == "settings.update"))
        .order_by(A.at, ascending=False).first()
    )  # fmt: skip
    return _aware(row["at"]) if row else None


async def _renamed(event_id: int) -> dict[int, datetime]:
    """Room → when it was last renamed (the audit log's venue.update entries that changed a
    room's name): its name is the LOCATION of every item held there."""
    A = AuditEntry
    rows = await A.select(A.at, A.entity_id, A.detail).where(
        (A.event == event_id) & (A.action == "venue.update") & (A.entity == "room")
    ).output(load_json=True)  # fmt: skip
    found: dict[int, datetime] = {}
    for r in rows:
        detail = r["detail"] if isinstance(r["detail"], dict) else {}
        if "name" in (detail.get("changes") or {}) and r["entity_id"].isdigit():
            room, at = int(r["entity_id"]), _aware(r["at"])
            found[room] = max(at, found.get(room, at))
    return found


async def _event_key(event_id: int) -> str:
    row = await EventRow.select(EventRow.uid_key).where(EventRow.id == event_id).first()
    return uids.event_key(row["uid_key"]) if row else f"e{event_id}"


def _ghosts(
    talks: Iterable[tuple[int, Talk, AgendaItem]], history: dict[int, list[Placement]],
    plenary: Iterable[tuple[dict[str, Any], AgendaItem]], room_names: dict[int, str],
) -> dict[int, tuple[AgendaItem, ...]]:  # fmt: skip
    """Room → the items that left it: presentations moved by a version, plenary items moved."""
    found: dict[int, list[AgendaItem]] = defaultdict(list)
    for presentation, _, item in talks:
        for gone in departures(history.get(presentation, [])):
            found[gone.room_id].append(ghost(item, gone, room_names.get(gone.room_id, "")))
    for row, item in plenary:
        for gone in plenary_departures(row.get("departures")):
            if gone.room_id in room_names:
                found[gone.room_id].append(ghost(item, gone, room_names[gone.room_id]))
    return {room: tuple(items) for room, items in found.items()}


def _category_ghosts(
    talks: Iterable[tuple[int, Talk, AgendaItem]], history: dict[int, list[Placement]],
    room_names: dict[int, str],
) -> dict[tuple[str, str], tuple[AgendaItem, ...]]:  # fmt: skip
    """(kind, category) → the presentations a version took out of it, with its label."""
    found: dict[tuple[str, str], list[AgendaItem]] = defaultdict(list)
    for presentation, talk, item in talks:
        for gone in departures(history.get(presentation, []), by_category):
            label = category_label(talk.kind, str(gone.place))
            found[(talk.kind, str(gone.place))].append(
                ghost(item, gone, room_names.get(gone.room_id, ""), label)
            )
    return {place: tuple(items) for place, items in found.items()}


def _person_ghosts(
    talks: Iterable[tuple[int, Talk, AgendaItem]], history: dict[int, list[Placement]],
    room_names: dict[int, str],
) -> dict[int, tuple[AgendaItem, ...]]:  # fmt: skip
    """Person → the presentations a version took from them, cancelled at their last slot."""
    found: dict[int, list[AgendaItem]] = defaultdict(list)
    for presentation, _, item in talks:
        for person, gone in presenter_departures(history.get(presentation, [])).items():
            found[person].append(ghost(item, gone, room_names.get(gone.room_id, "")))
    return {person: tuple(items) for person, items in found.items()}


async def load(event: EventInfo, naming: Naming | None = None) -> Snapshot:
    """Read the latest published version and the plenary items into a Snapshot."""
    naming = naming or Naming()
    tz = zone(event.timezone)
    key = await _event_key(event.id)
    current = await stamp(event.id)
    latest = await (
        Schedule.select(Schedule.id, Schedule.version, Schedule.published_at)
        .where((Schedule.event == event.id) & Schedule.version.is_not_null())
        .order_by(Schedule.version, ascending=False)
        .first()
    )
    rooms = await RoomRow.select(RoomRow.id, RoomRow.name).where(RoomRow.event == event.id)
    room_names = {r["id"]: r["name"] for r in sorted(rooms, key=lambda r: r["id"])}
    items: list[AgendaItem] = []
    talks: dict[str, Talk] = {}
    by_person: dict[int, list[str]] = defaultdict(list)
    placed: list[tuple[int, Talk, AgendaItem]] = []
    history: dict[int, list[Placement]] = {}
    if latest:
        published = _aware(latest["published_at"])
        rows = await _talk_rows(latest["id"])
        people = await _presenters(rows)
        history = await _history(event.id)
        for r in rows:
            uid = uids.presentation_uid(key, naming.domain, r["code"])
            talk = _talk(r, room_names.get(r["room"], ""), people[r["presentation"]], uid, tz)
            talks[talk.code] = talk
            for person in talk.person_ids:
                by_person[person].append(talk.code)
            modified = _first_with(history[r["presentation"]], r["sequence"], published)
            items.append(_talk_item(talk, r["sequence"], modified))
            placed.append((r["presentation"], talk, items[-1]))
        session_uid = lambda block, room: uids.session_uid(key, naming.domain, block, room)  # noqa: E731
        items.extend(await _sessions(event.id, list(talks.values()), published, session_uid, tz))
    plenary = await PlenaryRow.select().where(PlenaryRow.event == event.id)
    held = [(r, _plenary(r, key, naming.domain, tz, room_names)) for r in plenary]
    items.extend(item for _, item in held)
    items.sort(key=lambda i: (i.start, i.end, i.uid))
    return Snapshot(
        event=event, stamp=current, version=latest["version"] if latest else None,
        published_at=_aware(latest["published_at"]) if latest else None, items=tuple(items),
        rooms=tuple(room_names.items()), talks=talks,
        by_person={p: tuple(c) for p, c in by_person.items()}, naming=naming,
        ghosts=_ghosts(placed, history, held, room_names),
        category_ghosts=_category_ghosts(placed, history, room_names),
        person_ghosts=_person_ghosts(placed, history, room_names),
        cancelled=await _cancelled(event.id), judges=await _judges(event.id),
        settings_changed=await _settings_changed(event.id), renamed=await _renamed(event.id),
        plenary_changed=max((_aware(r["updated_at"]) for r in plenary), default=None),
    )  # fmt: skip


async def delegates(event_id: int) -> tuple[Delegate, ...]:
    """The 代表名单: active registrations with unit, position and category."""
    R = Registration
    rows = await R.select(
        R.category, R.person._.name.as_alias("name"), R.person._.position.as_alias("position"),
        R.person._.organization._.name.as_alias("organization"),
    ).where((R.event == event_id) & (R.status == RegistrationStatus.active.value))  # fmt: skip
    return tuple(
        Delegate(name=r["name"], organization=r["organization"], position=r["position"],
                 role=SHORT_CATEGORY_LABELS.get(AttendeeCategory(r["category"]), ""))
        for r in rows
    )  # fmt: skip


def programme(
    snapshot: Snapshot, people: tuple[Delegate, ...], order: NameOrder = "strokes"
) -> Programme:
    """The handbook's input: the snapshot's items (sessions and presentations) and the list."""
    event = snapshot.event
    return Programme(
        name=event.name, items=snapshot.items, edition=event.edition,
        organisers=tuple(event.organisers), start_date=event.starts_on, end_date=event.ends_on,
        venue=event.venue or None,
        rooms=tuple(Room(name=n, id=i) for i, n in snapshot.rooms),
        delegates=people, delegate_order=order, notes=_lines(event, "notes"),
        contacts=_lines(event, "contacts"), transport=_lines(event, "transport"),
        lodging=_lines(event, "lodging"),
    )  # fmt: skip


def _lines(event: EventInfo, what: str) -> tuple[str, ...]:
    """What organisers wrote for the handbook (settings), one paragraph per line."""
    text = getattr(event, f"handbook_{what}", "") or ""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True, slots=True)
class Attendee:
    person_id: int
    name: str
    event_id: int
    registration_id: int = 0
    category: str = ""


class ProgrammeCache:
    """One snapshot per process, re-checked at most every `ttl` seconds; token keys → people."""

    def __init__(self, ttl: float = 1.0, settings: Any = None) -> None:
        self.ttl = ttl
        self.naming = Naming.of(settings if settings is not None else load_settings())
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._lock = asyncio.Lock()
        self._tokens: dict[str, Attendee] = {}
        self.handbooks = HandbookCache()

    async def get(self, event: EventInfo | None = None) -> Snapshot:
        """The snapshot of `event` (by default the current event, read here, so feeds need no
        other cache). One request at a time re-checks the stamp; the others meanwhile get the
        snapshot they would have had a moment ago (no queue of checks behind the lock)."""
        snap = self._snapshot
        usable = snap is not None and (event is None or snap.event == event)
        if usable and (clock.monotonic() - self._checked <= self.ttl or self._lock.locked()):
            assert snap is not None
            return snap
        async with self._lock:
            event = event or await current_event()
            snap = self._snapshot
            if snap is not None and snap.event == event:
                if clock.monotonic() - self._checked <= self.ttl:
                    return snap  # refreshed by the request that held the lock
                if snap.stamp != await stamp(event.id):
                    snap = await load(event, self.naming)
            else:
                snap = await load(event, self.naming)
            self._snapshot, self._checked = snap, clock.monotonic()
            return snap

    def clear(self) -> None:
        self._snapshot = None

    async def attendee(self, token: str) -> Attendee:
        """The person behind a personal token (a token always names the same person). Cached
        by the token's key, not the token: a dict lookup compares the strings it holds."""
        key = token_key(token)
        found = self._tokens.get(key)
        if found is None:
            R = Registration
            row = await find_by_token(
                R, token, R.id, R.person, R.event, R.category, R.person.name.as_alias("name")
            )
            if row is None:
                raise NotFound("未找到该登记，请检查个人链接是否完整")
            if len(self._tokens) > 50_000:
                self._tokens.clear()
            found = self._tokens[key] = Attendee(
                row["person"], row["name"], row["event"], row["id"], row["category"]
            )
        return found

    async def subscriber(self, calendar_token: str) -> Attendee:
        """The person behind a calendar token (read-only: it opens the feed, nothing else). Found
        by its SHA-256 alone: only someone holding the token can compute that key."""
        key = "calendar:" + token_key(calendar_token)
        found = self._tokens.get(key)
        if found is None:
            R = Registration
            row = await (
                R.select(R.id, R.person, R.event, R.category, R.person.name.as_alias("name"))
                .where(R.calendar_key == token_key(calendar_token)).first()
            )  # fmt: skip
            if row is None:
                raise NotFound("未找到该日历订阅，请从个人页面重新订阅")
            if len(self._tokens) > 50_000:
                self._tokens.clear()
            found = self._tokens[key] = Attendee(
                row["person"], row["name"], row["event"], row["id"], row["category"]
            )
        return found
