"""Jinja filters and globals shared by the pages: Chinese dates and the choice labels."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from litestar.plugins.jinja import JinjaTemplateEngine

from event import notice
from event.enums import (
    SHORT_CATEGORY_LABELS,
    AttendeeCategory,
    Gender,
    OrganizationKind,
    RegistrationStatus,
    RoomType,
    SubmissionStatus,
)

BEIJING = ZoneInfo("Asia/Shanghai")


def cn_date(value: date | None) -> str:
    """2021年8月18日; empty when unknown."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def cn_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(BEIJING)
    return f"{cn_date(local.date())} {local:%H:%M}"


def configure_jinja(engine: JinjaTemplateEngine) -> None:
    env = engine.engine
    env.filters["cn_date"] = cn_date
    env.filters["cn_datetime"] = cn_datetime
    env.filters["pairs"] = lambda values: [(v, v) for v in values]
    env.globals.update(
        categories=[(c.value, c.label, SHORT_CATEGORY_LABELS[c]) for c in AttendeeCategory],
        short_category=lambda code: SHORT_CATEGORY_LABELS.get(AttendeeCategory(code), code),
        genders=Gender.choices(),
        badge_layouts=notice.BADGE_LAYOUTS,
        room_types=RoomType.choices(),
        org_kinds=OrganizationKind.choices(),
        status_label=lambda code: RegistrationStatus(code).label,
        beijing=BEIJING,
        submission_status=lambda code: SubmissionStatus(code).label,
    )
