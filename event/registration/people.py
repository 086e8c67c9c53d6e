"""Cleaning a delegate's fields, and finding or creating units and people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import msgspec

from event.errors import FieldProblem, InvalidInput
from event.registration.schemas import PersonFields
from event.tables import Organization, Person
from event.validators import check_email, check_text, normalise_mobile

PERSON_COLUMNS = ("name", "gender", "department", "position", "mobile", "email", "wechat")


def clean_person(fields: PersonFields, prefix: str = "", row: int | None = None) -> dict[str, Any]:
    """Normalise and check one delegate's fields; raise InvalidInput listing every bad field."""
    data = msgspec.structs.asdict(fields)
    problems: list[FieldProblem] = []
    rules: dict[str, Callable[[str], str]] = {
        "name": lambda v: check_text(v, label="姓名", max_length=50, required=True),
        "mobile": normalise_mobile,
        "email": check_email,
    }
    for key, rule in rules.items():
        try:
            data[key] = rule(data[key])
        except ValueError as exc:
            problems.append(FieldProblem(f"{prefix}{key}", str(exc), row))
    labels = {"department": "部门", "position": "职务", "wechat": "微信号", "arrival_transport": "车次或航班",
              "dietary": "饮食禁忌", "remarks": "备注"}  # fmt: skip
    for key, label in labels.items():
        try:
            data[key] = check_text(
                data[key], label=label, max_length=1000, multiline=key == "remarks"
            )
        except ValueError as exc:
            problems.append(FieldProblem(f"{prefix}{key}", str(exc), row))
    if data["check_in"] and data["check_out"] and data["check_out"] < data["check_in"]:
        problems.append(FieldProblem(f"{prefix}check_out", "离店日期不能早于入住日期", row))
    if data["room_type"] is not None:
        data["needs_room"] = True
    if problems:
        raise InvalidInput(problems)
    return data


def format_problems(raw: dict[str, Any]) -> list[FieldProblem]:
    """clean_person's format checks on a form's raw values, for a form refused before its
    fields could be cleaned (a required field missing): a person sees every mistake at once."""
    rules: dict[str, Callable[[str], str]] = {"mobile": normalise_mobile, "email": check_email}
    problems = []
    for key, rule in rules.items():
        value = str(raw.get(key) or "").strip()
        try:
            if value:
                rule(value)
        except ValueError as exc:
            problems.append(FieldProblem(key, str(exc)))
    return problems


def clean_org_name(raw: str, field: str = "organization") -> str:
    try:
        return check_text(raw, label="单位名称", max_length=200, required=True)
    except ValueError as exc:
        raise InvalidInput.one(field, str(exc)) from None


async def organization_id(name: str) -> int:
    """The unit with exactly this name, created when new."""
    row = await Organization.select(Organization.id).where(Organization.name == name).first()
    if row:
        return row["id"]
    created = await Organization.insert(
        Organization(name=name, created_at=datetime.now(UTC))
    ).returning(Organization.id)
    return created[0]["id"]


def person_values(data: dict[str, Any]) -> dict[str, Any]:
    """The Person columns of cleaned fields (enums as their codes)."""
    values = {k: data[k] for k in PERSON_COLUMNS}
    values["gender"] = data["gender"].value if data["gender"] else None
    return values


async def upsert_person(data: dict[str, Any], org_id: int) -> int:
    """The person with this mobile, updated with these details, or a new one (one statement)."""
    values = person_values(data)
    updated = [getattr(Person, k) for k in PERSON_COLUMNS if k != "mobile"] + [Person.organization]
    row = await (
        Person.insert(Person(**values, organization=org_id, created_at=datetime.now(UTC)))
        .on_conflict(target=Person.mobile, action="DO UPDATE", values=updated)
        .returning(Person.id)
    )
    return row[0]["id"]
