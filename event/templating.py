"""Jinja filters and globals shared by the pages: Chinese dates and the choice labels."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import pass_context
from jinja2.runtime import Context
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
from event.web.links import absolute

DEFAULT_ZONE = BEIJING = ZoneInfo("Asia/Shanghai")  # Event.timezone's default


@cache
def zone(name: str | None) -> ZoneInfo:
    """The event's time zone (Event.timezone) for pages; the default when unset or unknown.
    (The programme's pure renderers have the same rule in render/dates.py: the frame does
    not import a wing.)"""
    try:
        return ZoneInfo(name) if name else DEFAULT_ZONE
    except (ValueError, ZoneInfoNotFoundError):
        return DEFAULT_ZONE


def cn_date(value: date | None) -> str:
    """2021年8月18日; empty when unknown."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def cn_datetime(value: datetime | None, tz: tzinfo = DEFAULT_ZONE) -> str:
    """2021年8月18日 08:30 in `tz`."""
    if value is None:
        return ""
    local = value.astimezone(tz)
    return f"{cn_date(local.date())} {local:%H:%M}"


@pass_context
def _cn_datetime(context: Context, value: datetime | None) -> str:
    """The filter: in the zone of the page's event (Event.timezone) when it has one."""
    event = context.get("event")
    return cn_datetime(value, zone(getattr(event, "timezone", None)))


def configure_jinja(engine: JinjaTemplateEngine) -> None:
    env = engine.engine
    env.filters["cn_date"] = cn_date
    env.filters["cn_datetime"] = _cn_datetime
    env.filters["pairs"] = lambda values: [(v, v) for v in values]
    env.globals.update(
        categories=[(c.value, c.label, SHORT_CATEGORY_LABELS[c]) for c in AttendeeCategory],
        short_category=lambda code: SHORT_CATEGORY_LABELS.get(AttendeeCategory(code), code),
        genders=Gender.choices(),
        badge_layouts=notice.BADGE_LAYOUTS,
        room_types=RoomType.choices(),
        org_kinds=OrganizationKind.choices(),
        status_label=lambda code: RegistrationStatus(code).label,
        beijing=BEIJING,  # kept for templates not yet on zone(event.timezone)
        zone=zone,
        submission_status=lambda code: SubmissionStatus(code).label,
        absolute=absolute,  # absolute(request, "/r/…"): a link people can copy
    )
