"""Reading registrations: one by its token, and the organisers' filtered list with counts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec

from event import audit
from event.current import EventInfo, quotas
from event.db import write_transaction
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, RegistrationStatus
from event.errors import InvalidInput, NotFound
from event.registration.people import clean_org_name, clean_person, organization_id, person_values
from event.registration.schemas import (
    CategoryCount,
    Registration,
    RegistrationCreate,
    RegistrationList,
    RegistrationUpdate,
)
from event.registration.service import check_quota_for_change, registration_values
from event.tables import Person
from event.tables import Registration as R
from event.tokens import find_by_token

_COLUMNS = (
    R.id, R.category, R.status, R.arrival_date, R.arrival_transport, R.needs_room, R.room_type,
    R.check_in, R.check_out, R.dietary, R.remarks, R.created_at, R.updated_at, R.event, R.person,
    R.person.name.as_alias("name"), R.person.gender.as_alias("gender"),
    R.person.department.as_alias("department"), R.person.position.as_alias("position"),
    R.person.mobile.as_alias("mobile"), R.person.email.as_alias("email"),
    R.person.wechat.as_alias("wechat"),
    R.person.organization.name.as_alias("organization"),
)  # fmt: skip


def _to_struct(row: dict[str, Any]) -> Registration:
    category = AttendeeCategory(row["category"])
    return msgspec.convert(
        {**row, "category_label": SHORT_CATEGORY_LABELS[category]}, Registration, strict=False
    )


async def by_token(token: str) -> tuple[Registration, int]:
    """The registration behind a personal token, and its event id."""
    row = await find_by_token(R, token, *_COLUMNS)
    if row is None:
        raise NotFound("未找到该登记，请检查个人链接是否完整")
    return _to_struct(row), row["event"]


async def update(event: EventInfo, token: str, changes: RegistrationUpdate) -> Registration:
    """Apply a partial change, checked exactly like a new registration."""
    current, _ = await by_token(token)
    if current.status is RegistrationStatus.cancelled:
        raise InvalidInput.one("status", "该登记已取消，不能修改")
    merged = {
        f: getattr(current, f) for f in RegistrationCreate.__struct_fields__ if hasattr(current, f)
    }
    merged |= {k: v for k, v in msgspec.structs.asdict(changes).items() if v is not msgspec.UNSET}
    fields = msgspec.convert(merged, RegistrationCreate, from_attributes=True)
    data = clean_person(fields)
    org_name = clean_org_name(fields.organization)
    async with write_transaction(R._meta.db):
        if data["category"] is not current.category:
            await check_quota_for_change(event, data["category"].value)
        org_id = await organization_id(org_name)
        other = await Person.select(Person.id).where(Person.mobile == data["mobile"]).first()
        row = await R.select(R.person).where(R.id == current.id).first()
        if other and other["id"] != row["person"]:
            raise InvalidInput.one("mobile", "该手机号码已被其他代表使用")
        await Person.update({**person_values(data), "organization": org_id}).where(
            Person.id == row["person"]
        )
        await R.update({**registration_values(data), "updated_at": datetime.now(UTC)}).where(
            R.id == current.id
        )
        before = msgspec.structs.asdict(current)
        diff = audit.changes(
            before, {**{k: data[k] for k in data if k in before}, "organization": org_name}
        )
        if diff:
            await audit.record(event.id, "registration.update", "registration", current.id,
                               f"{data['name']}修改了：{'、'.join(diff)}", {"changes": diff})  # fmt: skip
    return (await by_token(token))[0]


async def cancel(token: str) -> Registration:
    """Cancel a registration; its place in the quota is freed. Cancelling twice is harmless."""
    current, event_id = await by_token(token)
    async with write_transaction(R._meta.db):
        if current.status is RegistrationStatus.active:
            await audit.record(
                event_id,
                "registration.cancel",
                "registration",
                current.id,
                f"{current.name}（{current.organization}）取消登记",
            )
        await R.update(
            {R.status: RegistrationStatus.cancelled.value, R.active_key: None,
             R.updated_at: datetime.now(UTC)}
        ).where(R.id == current.id)  # fmt: skip
    return (await by_token(token))[0]


async def listing(
    event_id: int,
    *,
    category: AttendeeCategory | None = None,
    organization: str | None = None,
    status: RegistrationStatus | None = None,
    limit: int | None = 200,
    offset: int = 0,
) -> RegistrationList:
    """The organisers' list, filtered, with the active count and quota of every category."""
    where = R.event == event_id
    if category:
        where &= R.category == category.value
    if status:
        where &= R.status == status.value
    if organization:
        needle = organization.replace("%", "").replace("_", "")
        where &= R.person.organization.name.like(f"%{needle}%")
    total = await R.count().where(where)
    query = R.select(*_COLUMNS).where(where).order_by(R.person.organization.name, R.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = await query
    return RegistrationList(
        total=total, items=[_to_struct(r) for r in rows], counts=await category_counts(event_id)
    )


async def category_counts(event_id: int) -> list[CategoryCount]:
    rows = await R.raw(
        "SELECT category, COUNT(*) AS n FROM registration WHERE event = {} AND status = {} "
        "GROUP BY category",
        event_id,
        RegistrationStatus.active.value,
    )
    counted = {r["category"]: r["n"] for r in rows}
    limits = await quotas(event_id)
    return [
        CategoryCount(
            category=c,
            label=SHORT_CATEGORY_LABELS[c],
            active=counted.get(c.value, 0),
            quota=limits[c],
        )
        for c in AttendeeCategory
    ]


async def unit_counts(event_id: int) -> list[dict[str, Any]]:
    """Active registrations per unit, largest delegation first."""
    rows = await R.raw(
        "SELECT o.name AS organization, COUNT(*) AS n FROM registration r "
        "JOIN person p ON p.id = r.person JOIN organization o ON o.id = p.organization "
        "WHERE r.event = {} AND r.status = {} GROUP BY o.name ORDER BY n DESC, o.name",
        event_id,
        RegistrationStatus.active.value,
    )
    return list(rows)
