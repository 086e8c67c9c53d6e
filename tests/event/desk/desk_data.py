"""Registrations for the badge and desk tests, written straight into the tables."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from event.enums import RegistrationStatus
from event.tables import Organization, Person, Registration
from event.tokens import new_token, token_columns

#: (name, unit, category, mobile). Badge order: 乙… (1 stroke) before 甲… (5 strokes), then by
#: 姓氏笔画 within a unit: 王伟, 李四 | 丁一, 王五, 张三.
PEOPLE = (
    ("张三", "甲重型机械股份有限公司", "presenter", "13800000001"),
    ("王五", "甲重型机械股份有限公司", "observer", "13800000002"),
    ("丁一", "甲重型机械股份有限公司", "executive", "13800000003"),
    ("李四", "乙机床有限公司", "storyteller", "13800000004"),
    ("王伟", "乙机床有限公司", "observer", "13900005678"),
)


async def add_person(
    event_id: int,
    name: str,
    unit: str,
    category: str = "observer",
    mobile: str | None = None,
    *,
    cancelled: bool = False,
    checkin_token: str | None = "auto",
) -> int:
    """One registration (its unit created when new); returns the registration id."""
    now = datetime.now(UTC)
    org = await Organization.select(Organization.id).where(Organization.name == unit).first()
    org_id = (
        org["id"]
        if org
        else (
            await Organization.insert(Organization(name=unit, created_at=now)).returning(
                Organization.id
            )
        )[0]["id"]
    )
    mobile = mobile or f"137{secrets.randbelow(10**8):08d}"
    person_id = (
        await Person.insert(
            Person(name=name, organization=org_id, mobile=mobile, created_at=now)
        ).returning(Person.id)
    )[0]["id"]
    status = RegistrationStatus.cancelled if cancelled else RegistrationStatus.active
    row = Registration(
        event=event_id, person=person_id, category=category, status=status.value,
        **token_columns(new_token()), created_at=now, updated_at=now,
        active_key=None if cancelled else f"{event_id}:{person_id}",
        checkin_token=secrets.token_urlsafe(16) if checkin_token == "auto" else checkin_token,
    )  # fmt: skip
    return (await Registration.insert(row).returning(Registration.id))[0]["id"]


async def add_people(event_id: int, people=PEOPLE) -> list[int]:
    return [await add_person(event_id, *p) for p in people]
