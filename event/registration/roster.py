"""Reading registrations: one by its token, and the organisers' filtered list with counts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
from piccolo.columns.combination import Where
from piccolo.custom_types import Combinable
from piccolo.query.functions.aggregate import Count

from event import audit
from event.current import EventInfo, quotas
from event.db import by_name, existing_row, write_transaction
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, RegistrationStatus
from event.errors import Conflict, InvalidInput, NotFound
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
    R.person._.name.as_alias("name"), R.person._.gender.as_alias("gender"),
    R.person._.department.as_alias("department"), R.person._.position.as_alias("position"),
    R.person._.mobile.as_alias("mobile"), R.person._.email.as_alias("email"),
    R.person._.wechat.as_alias("wechat"),
    R.person._.organization._.name.as_alias("organization"),
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


class DeskState(msgspec.Struct, kw_only=True):
    """What the organisers see beside a registration: its link, badge and arrival."""

    token: str
    badge_number: int | None
    checked_in_at: datetime | None
    checked_in_by: str


async def by_id(event_id: int, registration_id: int) -> tuple[Registration, DeskState]:
    """One registration of this event by its id (organisers only: an id is no credential)."""
    row = await R.select(
        *_COLUMNS, R.token, R.badge_number, R.checked_in_at, R.checked_in_by
    ).where((R.id == registration_id) & (R.event == event_id)).first()  # fmt: skip
    if row is None:
        raise NotFound("未找到该登记")
    return _to_struct(row), msgspec.convert(row, DeskState, strict=False)


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
        row = await existing_row(R.select(R.person).where(R.id == current.id).first())
        if other and other["id"] != row["person"]:
            raise InvalidInput.one("mobile", "该手机号码已被其他代表使用")
        await Person.update(by_name({**person_values(data), "organization": org_id})).where(
            Person.id == row["person"]
        )
        await R.update(
            by_name({**registration_values(data), "updated_at": datetime.now(UTC)})
        ).where(R.id == current.id)
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


async def reinstate(event: EventInfo, token: str) -> Registration:
    """Make a cancelled registration active again, under the rules of a new one (the quota,
    one active registration per person). Reinstating an active one is harmless."""
    current, _ = await by_token(token)
    if current.status is RegistrationStatus.active:
        return current
    async with write_transaction(R._meta.db):
        await check_quota_for_change(event, current.category.value)
        row = await existing_row(R.select(R.person).where(R.id == current.id).first())
        key = f"{event.id}:{row['person']}"
        if await R.exists().where(R.active_key == key):
            raise Conflict("duplicate", "该代表已有另一条有效登记，不能恢复本条", field="status")
        await R.update(
            {R.status: RegistrationStatus.active.value, R.active_key: key,
             R.updated_at: datetime.now(UTC)}
        ).where(R.id == current.id)  # fmt: skip
        await audit.record(event.id, "registration.reinstate", "registration", current.id,
                           f"{current.name}（{current.organization}）恢复登记")  # fmt: skip
    return (await by_token(token))[0]


def _search(text: str) -> Where:
    """A name (a part of it), a mobile number, or its last four digits."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) >= len(text.replace(" ", "").replace("-", "").lstrip("+")):
        if len(digits) == 4:
            return R.person._.mobile.like(f"%{digits}")
        return R.person._.mobile == digits[-11:]
    needle = text.replace("%", "").replace("_", "")
    return R.person._.name.like(f"%{needle}%")


async def listing(
    event_id: int,
    *,
    category: AttendeeCategory | None = None,
    organization: str | None = None,
    status: RegistrationStatus | None = None,
    query: str | None = None,
    limit: int | None = 200,
    offset: int = 0,
) -> RegistrationList:
    """The organisers' list, filtered (`query`: a name, a mobile or its last four digits),
    with the active count and quota of every category."""
    where: Combinable = R.event == event_id
    if query and query.strip():
        where &= _search(query.strip())
    if category:
        where &= R.category == category.value
    if status:
        where &= R.status == status.value
    if organization:
        needle = organization.replace("%", "").replace("_", "")
        where &= R.person._.organization._.name.like(f"%{needle}%")
    total = await R.count().where(where)
    select = R.select(*_COLUMNS).where(where).order_by(R.person._.organization._.name, R.id)
    if limit is not None:
        select = select.limit(limit).offset(offset)
    rows = await select
    return RegistrationList(
        total=total, items=[_to_struct(r) for r in rows], counts=await category_counts(event_id)
    )


async def category_counts(event_id: int) -> list[CategoryCount]:
    rows = await (
        R.select(R.category, Count(alias="n"))
        .where((R.event == event_id) & (R.status == RegistrationStatus.active.value))
        .group_by(R.category)
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
    unit = R.person._.organization._.name
    return await (
        R.select(unit.as_alias("organization"), Count(alias="n"))
        .where((R.event == event_id) & (R.status == RegistrationStatus.active.value))
        .group_by(unit)
        .order_by(Count(), ascending=False)
        .order_by(unit)
    )
