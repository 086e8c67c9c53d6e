"""The 报到 desk: find a delegate by the scanned code, a mobile number or a name; mark arrival
once; count arrivals per category.

Arrival is one conditional UPDATE (… WHERE checked_in_at IS NULL): when two desks scan the same
person at once, one wins and the other is told when the person arrived.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, Literal

import msgspec
from piccolo.custom_types import Combinable
from piccolo.query.functions.aggregate import Count

from event import audit
from event.db import write_transaction
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, RegistrationStatus
from event.errors import Conflict, NotFound
from event.tables import Registration as R
from event.validators import masked_mobile

FoundBy = Literal["token", "mobile", "mobile_tail", "name", "none"]
MAX_MATCHES = 50
_SPACES = re.compile(r"[\s\u3000]+")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class DeskPerson(msgspec.Struct, kw_only=True):
    """What the desk sees of one registration (the mobile number masked)."""

    id: int
    name: str
    unit: str
    department: str
    position: str
    category: str
    category_label: str
    active: bool
    mobile_masked: str
    badge_number: str
    checked_in_at: datetime | None
    checked_in_by: str


class Found(msgspec.Struct, kw_only=True):
    query: str
    by: FoundBy
    people: list[DeskPerson]


class Arrival(msgspec.Struct, kw_only=True):
    person: DeskPerson
    first: bool  # False: the person had already arrived (at person.checked_in_at)


class ArrivalCount(msgspec.Struct, kw_only=True):
    category: str
    label: str
    registered: int
    arrived: int

    @property
    def percent(self) -> int:
        return round(100 * self.arrived / self.registered) if self.registered else 0


_COLUMNS = (
    R.id, R.category, R.status, R.badge_number, R.checked_in_at, R.checked_in_by,
    R.person._.name.as_alias("name"), R.person._.mobile.as_alias("mobile"),
    R.person._.department.as_alias("department"), R.person._.position.as_alias("position"),
    R.person._.organization._.name.as_alias("unit"),
)  # fmt: skip


def _label(code: str) -> str:
    try:
        return SHORT_CATEGORY_LABELS[AttendeeCategory(code)]
    except ValueError:
        return code


def _person(row: dict[str, Any]) -> DeskPerson:
    mobile = row["mobile"] or ""
    return DeskPerson(
        id=row["id"], name=row["name"], unit=row["unit"], department=row["department"],
        position=row["position"], category=row["category"], category_label=_label(row["category"]),
        active=row["status"] == RegistrationStatus.active.value,
        mobile_masked=masked_mobile(mobile),
        badge_number=f"{row['badge_number']:04d}" if row["badge_number"] is not None else "",
        checked_in_at=row["checked_in_at"], checked_in_by=row["checked_in_by"] or "",
    )  # fmt: skip


async def _select(where: Combinable) -> list[DeskPerson]:
    rows = await (
        R.select(*_COLUMNS)
        .where(where)
        .order_by(R.status)  # active before cancelled
        .order_by(R.person._.organization._.name)
        .order_by(R.id)
        .limit(MAX_MATCHES)
    )
    return [_person(r) for r in rows]


async def find(event_id: int, query: str) -> Found:
    """The registrations a desk input points to: the check-in token a scanner typed, an
    11-digit mobile number, the last four digits of one (a common desk habit), or a name
    (exact; failing that, containing the input). Homonyms all come back, to choose from."""
    text = _SPACES.sub("", query)
    ours = R.event == event_id
    if not text:
        return Found(query=query, by="none", people=[])
    if _TOKEN.match(text):
        people = await _select(ours & (R.checkin_token == text))
        if people:
            return Found(query=text, by="token", people=people)
    digits = re.sub(r"[^0-9]", "", text)
    if digits == text.replace("-", "").removeprefix("+"):
        if len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]
        if len(digits) == 11:
            people = await _select(ours & (R.person._.mobile == digits))
            return Found(query=text, by="mobile", people=people)
        if len(digits) == 4:
            people = await _select(ours & R.person._.mobile.like(f"%{digits}"))
            return Found(query=text, by="mobile_tail", people=people)
    people = await _select(ours & (R.person._.name == text))
    if not people:
        needle = text.replace("%", "").replace("_", "")
        people = await _select(ours & R.person._.name.like(f"%{needle}%")) if needle else []
    return Found(query=text, by="name" if people else "none", people=people)


async def person(event_id: int, registration_id: int) -> DeskPerson:
    """One registration of this event, as the desk shows it."""
    people = await _select((R.event == event_id) & (R.id == registration_id))
    if not people:
        raise NotFound("未找到该登记")
    return people[0]


async def arrive(event_id: int, registration_id: int, by: str) -> Arrival:
    """Mark the person as arrived, once. A second call (from this desk or another) changes
    nothing and says so; a cancelled registration cannot arrive."""
    current = await person(event_id, registration_id)
    if not current.active:
        raise Conflict("cancelled", "该登记已取消，不能报到；如需参会请重新登记", field="id")
    if current.checked_in_at is not None:
        return Arrival(person=current, first=False)
    async with write_transaction(R._meta.db):
        won = await (
            R.update({R.checked_in_at: datetime.now(UTC), R.checked_in_by: by[:50]})
            .where(
                (R.id == registration_id)
                & (R.event == event_id)
                & R.checked_in_at.is_null()
                & (R.status == RegistrationStatus.active.value)
            )
            .returning(R.id)
        )
        if won:
            await audit.record(event_id, "checkin.arrive", "registration", registration_id,
                               f"{current.name}（{current.unit}）报到，经办：{by[:50]}")  # fmt: skip
    return Arrival(person=await person(event_id, registration_id), first=bool(won))


async def arrival_counts(event_id: int) -> list[ArrivalCount]:
    """Active registrations and arrivals of every category, in the notice's order."""
    rows = await (
        R.select(R.category, Count(alias="registered"), Count(R.checked_in_at, alias="arrived"))
        .where((R.event == event_id) & (R.status == RegistrationStatus.active.value))
        .group_by(R.category)
    )
    counted = {r["category"]: r for r in rows}
    return [
        ArrivalCount(
            category=c.value,
            label=SHORT_CATEGORY_LABELS[c],
            registered=counted.get(c.value, {}).get("registered", 0),
            arrived=counted.get(c.value, {}).get("arrived", 0),
        )
        for c in AttendeeCategory
    ]


async def recent_arrivals(event_id: int, limit: int = 10) -> list[DeskPerson]:
    """The last people to arrive, newest first."""
    rows = await (
        R.select(*_COLUMNS)
        .where((R.event == event_id) & R.checked_in_at.is_not_null())
        .order_by(R.checked_in_at, ascending=False)
        .limit(limit)
    )
    return [_person(r) for r in rows]
