"""The programme as an iCalendar feed (RFC 5545), deterministic for the same input."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vDuration

from event.programme.render.dates import BEIJING, local
from event.programme.render.model import AgendaItem

REFRESH = timedelta(hours=1)  # how often subscribed phones re-poll the feed
CANCELLED_PREFIX = "【已取消】"


def describe(item: AgendaItem) -> str:
    """The DESCRIPTION text: who and what, one fact per line."""
    lines = [
        f"{label}：{value}"
        for label, value in (
            ("类别", item.category),
            ("小组/班组", item.team),
            ("单位", item.organization),
            ("发表人", "、".join(item.presenters)),
            ("主持人", item.host),
        )
        if value
    ]
    if item.description:
        lines.append(item.description)
    return "\n".join(lines)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def build_event(item: AgendaItem) -> Event:
    """One VEVENT; times in Asia/Shanghai, stamps in UTC, both taken from the item."""
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", _utc(item.last_modified))
    event.add("last-modified", _utc(item.last_modified))
    event.add("sequence", item.sequence)
    event.add("dtstart", local(item.start))
    event.add("dtend", local(item.end))
    cancelled = item.status == "cancelled"
    event.add("summary", (CANCELLED_PREFIX if cancelled else "") + item.title)
    if item.room_name:
        event.add("location", item.room_name)
    description = describe(item)
    if description:
        event.add("description", description)
    if item.category:
        event.add("categories", [item.category])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def build_calendar(
    name: str, items: Iterable[AgendaItem], *, prodid: str, url: str | None = None
) -> Calendar:
    """The VCALENDAR with one VEVENT per item (cancelled ones included) and its VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(BEIJING))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    if url:
        calendar.add("url", url)
        calendar.add("source", url, parameters={"VALUE": "URI"})
    for item in sorted(items, key=lambda i: (i.start, i.end, i.uid)):
        calendar.add_component(build_event(item))
    calendar.add_missing_timezones()
    return calendar


def render_calendar(
    name: str, items: Iterable[AgendaItem], *, prodid: str, url: str | None = None
) -> bytes:
    """The whole feed as bytes (CRLF, folded); the same input always gives the same bytes."""
    return build_calendar(name, items, prodid=prodid, url=url).to_ical()
