"""The unit contact's view: their delegation's members and their unit's submissions, by the
delegation's token. Nothing of other units is reachable from here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from event.enums import (
    SHORT_CATEGORY_LABELS,
    AttendeeCategory,
    RegistrationStatus,
    SubmissionKind,
    SubmissionStatus,
)
from event.errors import NotFound
from event.registration.delegation_schemas import (
    DelegationMemberView,
    DelegationView,
    UnitSubmissionView,
)
from event.registration.service import personal_url
from event.tables import Delegation, Registration, Submission
from event.tokens import find_by_token

MEMBER_HEADINGS = ("序号", "姓名", "参会类别", "手机", "电子邮箱", "状态", "个人链接")
SUBMISSION_HEADINGS = ("序号", "材料", "名称", "状态", "材料链接")


async def by_token(token: str) -> DelegationView:
    """The delegation behind a unit contact's link. Raises NotFound for any other value."""
    row = await find_by_token(
        Delegation, token, Delegation.id, Delegation.event, Delegation.organization,
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
    sent = await (
        Submission.select(Submission.kind, Submission.title, Submission.status, Submission.token)
        .where(
            (Submission.event == row["event"]) & (Submission.organization == row["organization"])
        )
        .order_by(Submission.kind)
        .order_by(Submission.id)
    )
    return DelegationView(
        organization=row["organization_name"], contact_name=row["contact_name"],
        contact_mobile=row["contact_mobile"], contact_email=row["contact_email"],
        members=[_member(m) for m in members],
        submissions=[UnitSubmissionView(kind=SubmissionKind(s["kind"]), title=s["title"],
                                        status=SubmissionStatus(s["status"]), url=f"/s/{s['token']}")
                     for s in sent],
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


def submission_rows(view: DelegationView, base_url: str) -> Iterator[tuple[Any, ...]]:
    for i, s in enumerate(view.submissions, start=1):
        yield (i, s.kind.label, s.title, s.status.label, base_url + s.url)
