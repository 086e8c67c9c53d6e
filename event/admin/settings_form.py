"""The organisers' settings form: dates, venue, deadlines and quotas, checked field by field."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from event.enums import AttendeeCategory
from event.errors import FieldProblem, InvalidInput
from event.templating import BEIJING

TEXT_FIELDS = {"name": ("会议名称", 200), "edition": ("届次", 20), "venue": ("会议地点", 200)}
DATE_FIELDS = {"starts_on": "开始日期", "ends_on": "结束日期", "material_deadline": "材料截止日期"}


def parse_settings(
    data: dict[str, Any],
) -> tuple[dict[str, Any], dict[AttendeeCategory, int | None]]:
    """Form values → (event column values, quota per category). Raises InvalidInput."""
    problems: list[FieldProblem] = []
    changes: dict[str, Any] = {}
    for key, (label, limit) in TEXT_FIELDS.items():
        value = str(data.get(key, "")).strip()
        if key != "venue" and not value:
            problems.append(FieldProblem(key, f"{label}不能为空"))
        elif len(value) > limit:
            problems.append(FieldProblem(key, f"{label}不能超过{limit}个字符"))
        changes[key] = value
    for key, label in DATE_FIELDS.items():
        raw = str(data.get(key, "")).strip()
        try:
            changes[key] = date.fromisoformat(raw) if raw else None
        except ValueError:
            problems.append(FieldProblem(key, f"{label}应为日期，格式如 2021-08-18"))
    raw_close = str(data.get("registration_closes_at", "")).strip()
    try:
        changes["registration_closes_at"] = (
            datetime.fromisoformat(raw_close).replace(tzinfo=BEIJING) if raw_close else None
        )
    except ValueError:
        problems.append(
            FieldProblem("registration_closes_at", "报名截止时间格式应如 2021-08-10T18:00")
        )
    if (
        changes.get("starts_on")
        and changes.get("ends_on")
        and changes["ends_on"] < changes["starts_on"]
    ):
        problems.append(FieldProblem("ends_on", "结束日期不能早于开始日期"))
    changes["organisers"] = "\n".join(
        line.strip() for line in str(data.get("organisers", "")).splitlines() if line.strip()
    )
    limits: dict[AttendeeCategory, int | None] = {}
    for category in AttendeeCategory:
        raw = str(data.get(f"quota_{category.value}", "")).strip()
        if not raw:
            limits[category] = None
        elif raw.isdigit() and int(raw) <= 100000:
            limits[category] = int(raw)
        else:
            problems.append(
                FieldProblem(f"quota_{category.value}", "名额应为不小于0的整数，留空表示不限")
            )
    if problems:
        raise InvalidInput(problems)
    return changes, limits
