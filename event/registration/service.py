"""Registering one delegate or a unit's delegation; reading, editing and cancelling by token."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

import asyncpg
from piccolo.engine.postgres import PostgresEngine

from event import audit
from event.current import EventInfo
from event.db import pg_connection, write_transaction
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, RegistrationStatus
from event.errors import Conflict, FieldProblem, InvalidInput
from event.registration import sql as registration_sql
from event.registration.checkin_code import new_checkin_code
from event.registration.people import (
    clean_org_name,
    clean_person,
    organization_id,
    person_values,
    upsert_person,
)
from event.registration.schemas import (
    DelegationCreate,
    DelegationCreated,
    DelegationMember,
    RegistrationCreate,
    RegistrationCreated,
)
from event.tables import Delegation, Person
from event.tables import Registration as RegistrationRow
from event.templating import cn_datetime, zone
from event.tokens import new_token, token_columns
from event.validators import check_email, check_text, normalise_mobile

_UNIQUE_ERRORS = (sqlite3.IntegrityError, asyncpg.exceptions.UniqueViolationError)
REGISTRATION_COLUMNS = (
    "category", "arrival_date", "arrival_transport", "needs_room", "room_type",
    "check_in", "check_out", "dietary", "remarks",
)  # fmt: skip


# A registration's own fields when nobody filled them in (a presenter named on a form, the demo).
_BLANK: dict[str, Any] = {k: None for k in REGISTRATION_COLUMNS} | {
    "needs_room": False, "dietary": "", "remarks": "", "arrival_transport": "",
}  # fmt: skip


def personal_url(token: str) -> str:
    return f"/r/{token}"


def _check_open(event: EventInfo) -> None:
    closes = event.registration_closes_at
    if closes is not None and datetime.now(UTC) >= closes:
        when = cn_datetime(closes, zone(event.timezone))
        raise Conflict("registration_closed", f"报名已于{when}（北京时间）截止")


async def _check_quotas(event: EventInfo, wanted: Counter[str], row_of: dict[str, int]) -> None:
    """Refuse when a category would exceed its quota. Runs inside the write transaction."""
    engine = RegistrationRow._meta.db
    for category, extra in sorted(wanted.items()):
        quota = event.quotas.get(category)
        if quota is None:
            continue
        if isinstance(engine, PostgresEngine):  # SQLite's IMMEDIATE transaction already serialises
            async with pg_connection(engine) as connection:
                key = registration_sql.quota_lock_key(event.id, category)
                await connection.execute(registration_sql.QUOTA_LOCK, *key)
        taken = await _active_count(event.id, category)
        if taken + extra > quota:
            raise _quota_full(category, quota, taken, row_of.get(category))


async def _active_count(event_id: int, category: str) -> int:
    R = RegistrationRow
    active = R.status == RegistrationStatus.active.value
    return await R.count().where((R.event == event_id) & (R.category == category) & active)


def _quota_full(category: str, quota: int, taken: int, row: int | None = None) -> Conflict:
    label = SHORT_CATEGORY_LABELS[AttendeeCategory(category)]
    message = f"“{label}”名额已满（共{quota}个，已登记{taken}人）"
    return Conflict("quota_full", message, field="category", row=row)


async def check_quota_for_change(event: EventInfo, category: str) -> None:
    """Refuse moving a registration into a full category (inside a write transaction)."""
    await _check_quotas(event, Counter([category]), {})


def registration_values(data: dict[str, Any]) -> dict[str, Any]:
    """The Registration columns of cleaned fields (enums as their codes)."""
    values = {k: data[k] for k in REGISTRATION_COLUMNS}
    values["category"] = data["category"].value
    values["room_type"] = data["room_type"].value if data["room_type"] else None
    return values


def _new_registration(
    event_id: int, data: dict[str, Any], delegation_id: int | None, now: datetime
) -> tuple[dict[str, Any], str]:
    """The Registration columns of a new active registration (all but person and active_key)."""
    token = new_token()
    values = {
        **registration_values(data),
        "event": event_id,
        "delegation": delegation_id,
        "status": RegistrationStatus.active.value,
        **token_columns(token),
        "checkin_token": new_checkin_code(),
        "created_at": now,
        "updated_at": now,
    }
    return values, token


async def _duplicate_of(event_id: int, mobile: str) -> Conflict:
    """The refusal of a second active registration, pointing to the first."""
    R = RegistrationRow
    existing = await (
        R.select(R.id)
        .where((R.event == event_id) & (R.person.mobile == mobile))
        .where(R.status == RegistrationStatus.active.value)
        .first()
    )
    return Conflict(
        "duplicate",
        "该手机号已登记本次会议，请通过登记时获得的个人链接查看或修改",
        field="mobile",
        existing_id=existing["id"] if existing else None,
    )


def registration_row(
    event_id: int, person_id: int, values: dict[str, Any], *, active: bool = True
) -> RegistrationRow:
    """The one place a Registration row is made: the token columns, the check-in code and the
    key that keeps one active registration per person and event."""
    return RegistrationRow(
        **values, person=person_id, active_key=f"{event_id}:{person_id}" if active else None
    )


async def _insert(event_id: int, person_id: int, values: dict[str, Any], mobile: str) -> int:
    """Insert the row; the unique active key turns a second active one into a Conflict."""
    created = await (
        RegistrationRow.insert(registration_row(event_id, person_id, values))
        .on_conflict(target=RegistrationRow.active_key, action="DO NOTHING")
        .returning(RegistrationRow.id)
    )
    if not created:
        raise await _duplicate_of(event_id, mobile)
    return created[0]["id"]


async def _store(
    event_id: int, data: dict[str, Any], org_id: int, delegation_id: int | None
) -> tuple[int, str]:
    """Insert one registration for the person of `data` (created, or updated by mobile)."""
    person_id = await upsert_person(data, org_id)
    values, token = _new_registration(event_id, data, delegation_id, datetime.now(UTC))
    return await _insert(event_id, person_id, values, data["mobile"]), token


async def ensure_active(
    event: EventInfo, data: dict[str, Any], org_id: int, *, field: str, why: str
) -> int:
    """The person of `data` (found by mobile and kept as they are, else created) with an active
    registration: an existing one is kept, otherwise one is made under the same rules as any
    other (closing time, quota, audit). Call inside the caller's write transaction; a refusal
    names `field`. Returns the person id."""
    R = RegistrationRow
    found = await Person.select(Person.id).where(Person.mobile == data["mobile"]).first()
    if found and await R.exists().where(
        (R.event == event.id) & (R.person == found["id"])
        & (R.status == RegistrationStatus.active.value)
    ):  # fmt: skip
        return found["id"]
    try:
        _check_open(event)
        await _check_quotas(event, Counter([data["category"].value]), {})
    except Conflict as exc:
        exc.field = field
        raise
    data = _BLANK | data
    person_id = found["id"] if found else await upsert_person(data, org_id)
    values, _ = _new_registration(event.id, data, None, datetime.now(UTC))
    reg_id = await _insert(event.id, person_id, values, data["mobile"])
    label = SHORT_CATEGORY_LABELS[data["category"]]
    await audit.record(event.id, "registration.create", "registration", reg_id,
                       f"{data['name']}登记为{label}（{why}）")  # fmt: skip
    return person_id


async def bulk_insert(event_id: int, rows: list[tuple[int, dict[str, Any], bool]]) -> None:
    """Many registrations at once (the demo): (person id, values, active) each, through the same
    row maker; no rules, no audit, for a database that is being filled from scratch."""
    now = datetime.now(UTC)
    made = []
    for person_id, values, active in rows:
        blank = _BLANK | {"category": AttendeeCategory(values["category"])}
        base, _ = _new_registration(event_id, blank, None, now)
        made.append(registration_row(event_id, person_id, base | values, active=active))
    await RegistrationRow.insert(*made)


async def _register_postgres(
    engine: PostgresEngine, event: EventInfo, data: dict[str, Any], org_name: str, summary: str
) -> tuple[int, str]:
    """One statement (registration_sql), quota included."""
    now = datetime.now(UTC)
    values, token = _new_registration(event.id, data, None, now)
    category = data["category"].value
    quota = event.quotas.get(category)
    # Subscribers (messages) write in the statement's transaction: one more round trip only then.
    subscribed = audit.subscribed("registration.create")
    try:
        async with engine.transaction() if subscribed else nullcontext():
            async with pg_connection(engine) as connection:
                reg_id = await registration_sql.register_one(
                    connection, org_name=org_name, person=person_values(data),
                    registration=values, actor=audit.actor(), action="registration.create",
                    summary=summary[:500], now=now, quota=quota,
                )  # fmt: skip
            if subscribed and reg_id is not None:  # what subscribers need, not stored: no lookups
                known = {k: data[k] for k in ("name", "mobile", "email")}
                known |= {"token": token, "category": category, "event_name": event.name}
                await audit.notify(
                    event.id, "registration.create", "registration", reg_id, summary, known
                )
    except asyncpg.exceptions.UniqueViolationError as exc:
        if exc.constraint_name != registration_sql.ACTIVE_KEY_TAKEN:
            raise
        raise await _duplicate_of(event.id, data["mobile"]) from None
    if reg_id is None:
        assert quota is not None  # register_one refuses only a category that has a quota
        raise _quota_full(category, quota, await _active_count(event.id, category))
    return reg_id, token


async def _retry_on_race(work):
    """Run a write transaction; a unique-key race with a concurrent writer gets one retry."""
    try:
        return await work()
    except _UNIQUE_ERRORS:
        try:
            return await work()
        except _UNIQUE_ERRORS:
            raise Conflict("duplicate", "该手机号已登记本次会议", field="mobile") from None


async def register(event: EventInfo, fields: RegistrationCreate) -> RegistrationCreated:
    """Store one registration, or raise InvalidInput / Conflict and store nothing."""
    data = clean_person(fields)
    org_name = clean_org_name(fields.organization)
    _check_open(event)

    label = SHORT_CATEGORY_LABELS[data["category"]]
    summary = f"{data['name']}（{org_name}）登记为{label}"
    engine = RegistrationRow._meta.db

    async def work() -> tuple[int, str]:
        if isinstance(engine, PostgresEngine):
            return await _register_postgres(engine, event, data, org_name, summary)
        async with write_transaction(engine):
            await _check_quotas(event, Counter([data["category"].value]), {})
            reg_id, token = await _store(event.id, data, await organization_id(org_name), None)
            await audit.record(event.id, "registration.create", "registration", reg_id, summary)
            return reg_id, token

    reg_id, token = await _retry_on_race(work)
    return RegistrationCreated(
        id=reg_id, token=token, url=personal_url(token), status=RegistrationStatus.active
    )


def _clean_members(payload: DelegationCreate) -> list[dict[str, Any]]:
    problems: list[FieldProblem] = []
    cleaned: list[dict[str, Any]] = []
    for i, member in enumerate(payload.members):
        try:
            cleaned.append(clean_person(member, prefix=f"members[{i}].", row=i + 1))
        except InvalidInput as exc:
            problems.extend(exc.problems)
    seen: dict[str, int] = {}
    for i, data in enumerate(cleaned if not problems else []):
        if data["mobile"] in seen:
            problems.append(
                FieldProblem(
                    f"members[{i}].mobile", f"与第{seen[data['mobile']]}行的手机号码重复", i + 1
                )
            )
        seen.setdefault(data["mobile"], i + 1)
    if problems:
        raise InvalidInput(problems)
    return cleaned


async def register_delegation(event: EventInfo, payload: DelegationCreate) -> DelegationCreated:
    """Store a whole delegation in one transaction: every row, or none."""
    org_name = clean_org_name(payload.organization)
    try:
        contact_mobile = normalise_mobile(payload.contact_mobile)
    except ValueError as exc:
        raise InvalidInput.one("contact_mobile", str(exc)) from None
    try:
        contact_name = check_text(
            payload.contact_name, label="联系人", max_length=50, required=True
        )
        contact_email = check_email(payload.contact_email)
    except ValueError as exc:
        raise InvalidInput.one(
            "contact_name" if "联系人" in str(exc) else "contact_email", str(exc)
        ) from None
    members = _clean_members(payload)
    _check_open(event)
    wanted = Counter(m["category"].value for m in members)
    first_row: dict[str, int] = {}
    for i, m in enumerate(members):
        first_row.setdefault(m["category"].value, i + 1)

    async def work() -> tuple[int, str, list[tuple[int, str]]]:
        async with write_transaction(RegistrationRow._meta.db):
            await _check_quotas(event, wanted, first_row)
            org_id = await organization_id(org_name)
            token = new_token()
            created = await Delegation.insert(
                Delegation(
                    event=event.id,
                    organization=org_id,
                    contact_name=contact_name,
                    contact_mobile=contact_mobile,
                    contact_email=contact_email,
                    **token_columns(token),
                    created_at=datetime.now(UTC),
                )
            ).returning(Delegation.id)
            stored = []
            for i, data in enumerate(members):
                try:
                    stored.append(await _store(event.id, data, org_id, created[0]["id"]))
                except Conflict as exc:
                    exc.row, exc.field = i + 1, f"members[{i}].{exc.field}"
                    exc.message = f"第{i + 1}行：{exc.message}"
                    raise
            await audit.record(event.id, "delegation.create", "delegation", created[0]["id"],
                               f"{org_name}由{contact_name}集体登记{len(stored)}人")  # fmt: skip
            return created[0]["id"], token, stored

    del_id, del_token, stored = await _retry_on_race(work)
    return DelegationCreated(
        id=del_id,
        token=del_token,
        organization=org_name,
        members=[
            DelegationMember(id=rid, name=m["name"], token=tok, url=personal_url(tok))
            for (rid, tok), m in zip(stored, members, strict=True)
        ],
    )
