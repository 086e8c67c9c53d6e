"""Chinese date and time formats for printed programmes."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
TO_BE_ANNOUNCED = "另行通知"


def long_date(day: date) -> str:
    """2021年8月18日"""
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: date) -> str:
    """8月18日"""
    return f"{day.month}月{day.day}日"


def day_heading(day: date) -> str:
    """8月18日（星期三）"""
    return f"{month_day(day)}（{WEEKDAYS[day.weekday()]}）"


def date_range(start: date | None, end: date | None) -> str:
    """2021年8月18日—20日, 2021年8月31日—9月2日, or 另行通知 when not yet set."""
    if start is None:
        return TO_BE_ANNOUNCED
    if end is None or end == start:
        return long_date(start)
    if end.year != start.year:
        return f"{long_date(start)}—{long_date(end)}"
    if end.month != start.month:
        return f"{long_date(start)}—{month_day(end)}"
    return f"{long_date(start)}—{end.day}日"


def clock(moment: datetime) -> str:
    """08:30"""
    return local(moment).strftime("%H:%M")


def time_range(start: datetime, end: datetime) -> str:
    """08:30–12:00 (en dash); a single time when the item has no duration."""
    if end == start:
        return clock(start)
    return f"{clock(start)}–{clock(end)}"


DEFAULT_ZONE = BEIJING = ZoneInfo("Asia/Shanghai")  # Event.timezone's default


@cache
def zone(name: str | None) -> ZoneInfo:
    """The event's time zone (Event.timezone); Asia/Shanghai when unset or unknown."""
    try:
        return ZoneInfo(name) if name else DEFAULT_ZONE
    except (ValueError, ZoneInfoNotFoundError):
        return DEFAULT_ZONE


def local(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """``moment`` in ``tz``; without one, in the zone it carries. The services hand the
    renderers times already in the event's zone, so what is printed is the event's local time."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times must carry their zone")
    return moment.astimezone(tz) if tz is not None else moment
