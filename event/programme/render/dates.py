"""Chinese date and time formats for printed programmes."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

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


BEIJING = ZoneInfo("Asia/Shanghai")


def local(moment: datetime) -> datetime:
    """``moment`` in Beijing time, the only time printed or put into calendars."""
    return moment.astimezone(BEIJING)
