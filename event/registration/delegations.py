"""The unit contact's view: the members registered through the delegation's link, by its token.
Nothing is found by the unit's name: anyone can type a name (they are printed on the programme),
so a unit-wide view belongs to organisers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, RegistrationStatus
from event.errors import NotFound
from event.registration.delegation_schemas import DelegationMemberView, DelegationView
from event.registration.service import personal_url
from event.tables import Delegation, Registration
from event.tokens import find_by_token

MEMBER_HEADINGS = ("序号", "姓名", "参会类别", "手机", "电子邮箱", "状态", "个人链接")


async def by_token(token: str) -> DelegationView:
    """The delegation behind a unit contact's link. Raises NotFound for any other value."""
    row = await find_by_token(
        Delegation, token, Delegation.id,
        Delegation.organization.name.as_alias("organization_name"), Delegation.contact_name,
        Delegation.contact_mobile, Delegation.contact_email,
    )  # fmt: skip
    if row is None:
        raise NotFound("未找到该单位的集体登记，请检查链接是否完整")
    R = Registration
    members = await (
        R.select(R.category, R.status, R.token, R.person.name.as_alias("name"),
                 R.person.mobile.as_alias("mobile"), R.person.email.as_alias("email"))
        .where(R.delegation == row["id"])
        .order_by(R.id)
    )  # fmt: skip
    return DelegationView(
        id=row["id"], organization=row["organization_name"], contact_name=row["contact_name"],
        contact_mobile=row["contact_mobile"], contact_email=row["contact_email"],
        members=[_member(m) for m in members],
    )  # fmt: skip


def _member(row: dict[str, Any]) -> DelegationMemberView:
    return DelegationMemberView(
        name=row["name"], category_label=SHORT_CATEGORY_LABELS[AttendeeCategory(row["category"])],
        mobile=row["mobile"], email=row["email"], status=RegistrationStatus(row["status"]),
        url=personal_url(row["token"]),
    )  # fmt: skip


def member_rows(view: DelegationView, base_url: str) -> Iterator[tuple[Any, ...]]:
    """The members as spreadsheet rows, with full links to forward."""
    for i, m in enumerate(view.members, start=1):
        yield (i, m.name, m.category_label, m.mobile, m.email, m.status.label, base_url + m.url)
