"""The event itself: which edition is current, its settings, its quotas."""

from __future__ import annotations

import time
from datetime import date, datetime

from msgspec import Struct

from event import audit
from event.enums import AttendeeCategory
from event.errors import NotFound
from event.tables import CategoryQuota, Event

HANDBOOK_TEXTS = ("notes", "contacts", "transport", "lodging")  # Event.handbook_* columns


class EventInfo(Struct, kw_only=True):
    id: int
    name: str
    edition: str
    notice_number: str
    organisers: list[str]
    material_deadline: date | None
    starts_on: date | None
    ends_on: date | None
    venue: str
    timezone: str
    registration_closes_at: datetime | None
    quotas: dict[str, int | None]  # category code → quota (None: no limit)
    slot_minutes: dict[str, int]  # presentation kind → minutes (talk + questions + turnover)
    team_types: tuple[str, ...]  # 附件二 班组类型 choices
    handbook_notes: str = ""  # 会议须知, contacts, transport, lodging: printed in the handbook
    handbook_contacts: str = ""
    handbook_transport: str = ""
    handbook_lodging: str = ""


def _info(row: dict, limits: dict[str, int | None]) -> EventInfo:
    return EventInfo(
        id=row["id"],
        name=row["name"],
        edition=row["edition"],
        notice_number=row["notice_number"],
        organisers=[o for o in row["organisers"].splitlines() if o.strip()],
        material_deadline=row["material_deadline"],
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        venue=row["venue"],
        timezone=row["timezone"],
        registration_closes_at=row["registration_closes_at"],
        quotas=limits,
        slot_minutes={k: row[f"slot_minutes_{k}"] for k in ("qc", "team", "story")},
        team_types=tuple(t.strip() for t in row["team_types"].splitlines() if t.strip()),
        **{f"handbook_{k}": row.get(f"handbook_{k}") or "" for k in HANDBOOK_TEXTS},
    )


async def current_event() -> EventInfo:
    """The newest edition in the database, with its quotas."""
    row = await Event.select().order_by(Event.id, ascending=False).first()
    if row is None:
        raise NotFound("尚未创建会议，请先运行 qcconf demo 或由组织者创建会议")
    return _info(row, {c.value: q for c, q in (await quotas(row["id"])).items()})


async def event_info(event_id: int) -> EventInfo:
    """One edition by its id, with its quotas."""
    row = await Event.select().where(Event.id == event_id).first()
    if row is None:
        raise NotFound("未找到该会议")
    return _info(row, {c.value: q for c, q in (await quotas(event_id)).items()})


class EventCache:
    """The current event, read at most once per `ttl` seconds by each server process.

    Registration reads the event (closing time, quotas) on every request; a change an
    organiser saves is seen at once by this process (clear()) and within `ttl` by the others.
    When it is stale, one request re-reads it while the others keep the current copy, so a
    burst does not stall on a crowd of identical reads.
    """

    def __init__(self, ttl: float = 1.0) -> None:
        self.ttl = ttl
        self._value: EventInfo | None = None
        self._read_at = 0.0
        self._refreshing = False

    async def get(self) -> EventInfo:
        stale = self._value is None or time.monotonic() - self._read_at > self.ttl
        if stale and (self._value is None or not self._refreshing):
            self._refreshing = True
            try:
                self._value = await current_event()
                self._read_at = time.monotonic()
            finally:
                self._refreshing = False
        assert self._value is not None
        return self._value

    def clear(self) -> None:
        self._value = None


async def quotas(event_id: int) -> dict[AttendeeCategory, int | None]:
    rows = await CategoryQuota.select(CategoryQuota.category, CategoryQuota.quota).where(
        CategoryQuota.event == event_id
    )
    found = {AttendeeCategory(r["category"]): r["quota"] for r in rows}
    return {c: found.get(c) for c in AttendeeCategory}


async def set_quota(event_id: int, category: AttendeeCategory, quota: int | None) -> None:
    """Set (or lift, with None) the quota of one category; an unchanged quota writes nothing."""
    key = f"{event_id}:{category.value}"
    current = (
        await CategoryQuota.select(CategoryQuota.quota).where(CategoryQuota.key == key).first()
    )
    if (current is not None and current["quota"] == quota) or (current is None and quota is None):
        return
    if current is not None:
        await CategoryQuota.update({CategoryQuota.quota: quota}).where(CategoryQuota.key == key)
    else:
        await CategoryQuota.insert(
            CategoryQuota(event=event_id, category=category.value, quota=quota, key=key)
        )
    await audit.record(event_id, "settings.quota", "event", event_id,
                       f"{category.label}名额：{'不限' if quota is None else quota}",
                       {"category": category.value, "quota": quota})  # fmt: skip


async def update_event(event_id: int, **changes: object) -> None:
    """Change editable fields of the event (dates, venue, closing time, deadline...)."""
    columns = {getattr(Event, k): v for k, v in changes.items()}
    await Event.update(columns).where(Event.id == event_id)
    await audit.record(
        event_id,
        "settings.update",
        "event",
        event_id,
        "、".join(changes),
        {"changes": {k: str(v) for k, v in changes.items()}},
    )
