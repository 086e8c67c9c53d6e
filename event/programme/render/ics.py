"""The programme as an iCalendar feed (RFC 5545), deterministic for the same input."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from icalendar import Calendar, Event, vDuration

from event.programme.render.dates import DEFAULT_ZONE, local
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


@dataclass(frozen=True, slots=True)
class FeedContext:
    """What every VEVENT of a feed shares: the site (for URL), the venue (for LOCATION) and
    the organiser (ORGANIZER, required by RFC 5546 for METHOD:PUBLISH)."""

    site: str = ""  # https://host, prefixed to each item's page path
    venue: str = ""
    organizer_name: str = ""
    organizer_address: str = ""  # a mailto: or https: URI
    zone: tzinfo = DEFAULT_ZONE  # the event's time zone (Event.timezone)


def location(item: AgendaItem, venue: str) -> str:
    """Venue and room, so maps find the place: 某某酒店 第三分会场."""
    return " ".join(part for part in (venue, item.room_name) if part)


def build_event(item: AgendaItem, context: FeedContext = FeedContext()) -> Event:
    """One VEVENT; times in the zone the item carries, stamps in UTC, both from the item."""
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", _utc(item.last_modified))
    event.add("last-modified", _utc(item.last_modified))
    event.add("sequence", item.sequence)
    event.add("dtstart", local(item.start, context.zone))
    event.add("dtend", local(item.end, context.zone))
    cancelled = item.status == "cancelled"
    event.add("summary", (CANCELLED_PREFIX if cancelled else "") + item.title)
    if where := location(item, context.venue):
        event.add("location", where)
    if item.url and context.site:
        event.add("url", context.site + item.url, parameters={"VALUE": "URI"})
    if context.organizer_address:
        params = {"CN": context.organizer_name} if context.organizer_name else {}
        event.add("organizer", context.organizer_address, parameters=params)
    description = describe(item)
    if description:
        event.add("description", description)
    if item.category:
        event.add("categories", [item.category])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def build_calendar(
    name: str, items: Iterable[AgendaItem], *, prodid: str, url: str | None = None,
    context: FeedContext = FeedContext(),
) -> Calendar:  # fmt: skip
    """The VCALENDAR with one VEVENT per item (cancelled ones included) and its VTIMEZONE."""
    calendar = Calendar()
    name = " ".join(name.split())  # NAME is one line: an event name typed with a line break
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(context.zone))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    if url:
        calendar.add("url", url)
        calendar.add("source", url, parameters={"VALUE": "URI"})
    for item in sorted(items, key=lambda i: (i.start, i.end, i.uid)):
        calendar.add_component(build_event(item, context))
    calendar.add_missing_timezones()
    return calendar


def render_calendar(
    name: str, items: Iterable[AgendaItem], *, prodid: str, url: str | None = None,
    context: FeedContext = FeedContext(),
) -> bytes:  # fmt: skip
    """The whole feed as bytes (CRLF, folded); the same input always gives the same bytes."""
    return build_calendar(name, items, prodid=prodid, url=url, context=context).to_ical()
