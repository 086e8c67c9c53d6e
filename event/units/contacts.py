"""Unit contacts: made by organisers (approved at once) or claimed by the public (pending until
an organiser approves: a typed unit name grants nothing); and merging two spellings of a unit."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from event import audit
from event.db import write_transaction
from event.errors import Conflict, FieldProblem, InvalidInput, NotFound
from event.messages.recover import mask
from event.registration.people import clean_org_name, organization_id
from event.tables import (
    Delegation,
    Organization,
    Person,
    Presentation,
    Submission,
    UnitContact,
)
from event.validators import check_email, check_text, normalise_mobile

STATUS_LABELS = {
    "pending": "待审核",
    "approved": "已批准",
    "refused": "已拒绝",
    "disabled": "已停用",
}
# Every table whose rows belong to a unit: a merge moves them all.
UNIT_TABLES = (Person, Delegation, Submission, Presentation, UnitContact)


def clean(data: dict[str, Any]) -> dict[str, str]:
    """The contact's fields, checked together: every wrong field named at once."""
    problems, out = [], {}
    checks = {
        "organization": lambda v: clean_org_name(v),
        "name": lambda v: check_text(v, label="姓名", max_length=50, required=True),
        "mobile": normalise_mobile,
        "email": lambda v: check_email(v) if v.strip() else "",
    }
    for field, check in checks.items():
        try:
            out[field] = check(str(data.get(field, "")))
        except (ValueError, InvalidInput) as exc:
            message = exc.problems[0].message if isinstance(exc, InvalidInput) else str(exc)
            problems.append(FieldProblem(field, message))
    if problems:
        raise InvalidInput(problems)
    return out


async def _refuse_taken(mobile: str, email: str, but: int | None = None) -> None:
    """A code is sent to one address and opens one unit: an address of an approved contact is
    not given to a second approved contact."""
    C = UnitContact
    taken = ((C.mobile == mobile) | (C.email == email)) if email else (C.mobile == mobile)
    where = (
        (C.status == "approved") & taken & (C.id != but if but is not None else C.id.is_not_null())
    )
    if await C.count().where(where):
        raise Conflict(
            "duplicate", "该手机号码或电子邮箱已是另一位单位联系人的登录方式", field="mobile"
        )


async def _add(event_id: int | None, fields: dict[str, str], status: str, action: str) -> int:
    async with write_transaction(UnitContact._meta.db):
        if status == "approved":
            await _refuse_taken(fields["mobile"], fields["email"])
        org = await organization_id(fields["organization"])
        row = await UnitContact.insert(UnitContact(
            organization=org, name=fields["name"], mobile=fields["mobile"], email=fields["email"],
            status=status, claimed_unit=fields["organization"], created_by=audit.actor(),
            created_at=datetime.now(UTC),
        )).returning(UnitContact.id)  # fmt: skip
        contact_id = row[0]["id"]
        await audit.record(event_id, action, "unit_contact", contact_id,
                           f"{fields['organization']}：{fields['name']}（{mask('sms', fields['mobile'])}）")  # fmt: skip
    return contact_id


async def create(event_id: int | None, data: dict[str, Any]) -> int:
    """An organiser makes a contact of a unit: approved at once."""
    return await _add(event_id, clean(data), "approved", "unit_contact.create")


async def claim(event_id: int | None, data: dict[str, Any]) -> int:
    """Someone claims to be a unit's contact: pending, grants nothing until approved."""
    return await _add(event_id, clean(data), "pending", "unit_contact.claim")


DECISIONS = {"approve": ("approved", "unit_contact.approve"), "refuse": ("refused", "unit_contact.refuse"),
             "disable": ("disabled", "unit_contact.disable")}  # fmt: skip


async def decide(event_id: int | None, contact_id: int, decision: str) -> None:
    """Approve, refuse or disable a contact (a disabled contact's session ends at its next page)."""
    if decision not in DECISIONS:
        raise InvalidInput.one("decision", "请选择批准、拒绝或停用")
    status, action = DECISIONS[decision]
    async with write_transaction(UnitContact._meta.db):
        row = await UnitContact.select(
            UnitContact.name, UnitContact.mobile, UnitContact.email, UnitContact.organization.name
        ).where(
            UnitContact.id == contact_id
        ).first()  # fmt: skip
        if row is None:
            raise NotFound("未找到该单位联系人")
        if status == "approved":
            await _refuse_taken(row["mobile"], row["email"], but=contact_id)
        await UnitContact.update({UnitContact.status: status}).where(UnitContact.id == contact_id)
        await audit.record(event_id, action, "unit_contact", contact_id,
                           f"{row['organization.name']}：{row['name']} → {STATUS_LABELS[status]}")  # fmt: skip


async def listing() -> list[dict[str, Any]]:
    """Every contact with its unit, pending claims first."""
    rows = await UnitContact.select(
        UnitContact.id, UnitContact.name, UnitContact.mobile, UnitContact.email, UnitContact.status,
        UnitContact.claimed_unit, UnitContact.created_by, UnitContact.created_at,
        UnitContact.organization.id.as_alias("org_id"), UnitContact.organization.name.as_alias("unit"),
    ).order_by(UnitContact.id)  # fmt: skip
    order = {"pending": 0, "approved": 1, "refused": 2, "disabled": 3}
    for r in rows:
        r["status_label"] = STATUS_LABELS.get(r["status"], r["status"])
    return sorted(rows, key=lambda r: (order.get(r["status"], 9), r["unit"]))


async def approved(contact_id: int) -> dict[str, Any] | None:
    """The contact if it is (still) approved, with its unit's id and name."""
    return await UnitContact.select(
        UnitContact.id, UnitContact.name, UnitContact.organization.id.as_alias("org_id"),
        UnitContact.organization.name.as_alias("unit"),
    ).where((UnitContact.id == contact_id) & (UnitContact.status == "approved")).first()  # fmt: skip


MERGED_LABELS = {"person": "人员", "delegation": "集体登记", "submission": "报送材料",
                 "presentation": "发表", "unit_contact": "单位联系人"}  # fmt: skip


async def _merge_pair(keep_id: int, drop_id: int) -> dict[int, str]:
    """The two units' names, after the checks every merge and its preview make."""
    if keep_id == drop_id:
        raise InvalidInput.one("drop", "请选择两个不同的单位")
    names = {r["id"]: r["name"] for r in await Organization.select(Organization.id, Organization.name)
             .where(Organization.id.is_in([keep_id, drop_id]))}  # fmt: skip
    for field, org in (("keep", keep_id), ("drop", drop_id)):
        if org not in names:
            raise InvalidInput.one(field, "未找到该单位")
    return names


async def _moving(drop_id: int) -> dict[str, int]:
    return {
        t._meta.tablename: await t.count().where(t.organization == drop_id) for t in UNIT_TABLES
    }


async def merge_preview(keep_id: int, drop_id: int) -> dict[str, Any]:
    """What `merge` would do, for the organiser to confirm: both names and, per kind of record,
    how many move (nothing is changed)."""
    names = await _merge_pair(keep_id, drop_id)
    moving = await _moving(drop_id)
    return {"keep": keep_id, "drop": drop_id, "keep_name": names[keep_id],
            "drop_name": names[drop_id],
            "moving": [(MERGED_LABELS[t], n) for t, n in moving.items()]}  # fmt: skip


async def merge(event_id: int | None, keep_id: int, drop_id: int) -> dict[str, int]:
    """Move everything of unit `drop_id` to `keep_id` and delete it, in one transaction."""
    async with write_transaction(Organization._meta.db):
        names = await _merge_pair(keep_id, drop_id)
        moved = await _moving(drop_id)
        for table in UNIT_TABLES:
            await table.update({table.organization: keep_id}).where(table.organization == drop_id)
        await Organization.delete().where(Organization.id == drop_id)
        await audit.record(event_id, "unit.merge", "organization", keep_id,
                           f"将“{names[drop_id]}”并入“{names[keep_id]}”", {"dropped": drop_id, "moved": moved})  # fmt: skip
    return moved
