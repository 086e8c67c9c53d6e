"""The public programme: pages by day, room, category and presentation; calendar feeds; the PDF.

Everything here shows the latest published version only. Feeds answer conditional requests
(ETag / Last-Modified → 304) so subscribed phones poll cheaply.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, Literal
from urllib.parse import quote

import anyio
from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery
from litestar.response import Template
from msgspec import Struct

from event.current import EventInfo
from event.programme import view as views
from event.programme.render.pdf import render_programme_pdf
from event.programme.service import Feed, Snapshot, delegates, programme
from event.tables import Registration

CALENDAR = "text/calendar"  # Litestar adds "; charset=utf-8"


class FeedError(Struct, kw_only=True):
    status_code: int
    code: str
    message: str  # Chinese, for people
    detail: str | None = None


FEED_RESPONSES = {
    304: ResponseSpec(
        data_container=None, description="日历未变化（If-None-Match / If-Modified-Since）"
    ),
    400: ResponseSpec(data_container=FeedError, description="请求有误", generate_examples=False),
    404: ResponseSpec(
        data_container=FeedError,
        description="未找到（会场、类别或个人链接）",
        generate_examples=False,
    ),
}


async def snapshot(state: State, event: EventInfo) -> Snapshot:
    return await state.programme_cache.get(event)


def links(request: Request, path: str) -> dict[str, str]:
    """The https link and the webcal:// link (which phones open as a subscription)."""
    netloc = request.url.netloc
    return {"https": f"{request.url.scheme}://{netloc}{path}", "webcal": f"webcal://{netloc}{path}"}


def _not_modified(request: Request, feed: Feed) -> bool:
    tags = request.headers.get("if-none-match")
    if tags is not None:
        wanted = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in wanted or feed.etag in wanted
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return feed.last_modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def calendar_response(request: Request, feed: Feed, filename: str) -> Response[bytes]:
    """The feed, or 304 when the client already has this body."""
    headers = {
        "ETag": feed.etag,
        "Last-Modified": format_datetime(feed.last_modified, usegmt=True),
        "Cache-Control": "no-cache",
    }
    if _not_modified(request, feed):
        return Response(b"", status_code=304, headers=headers)
    headers["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return Response(feed.body, media_type=CALENDAR, headers=headers)


async def my_context(request: Request, event: EventInfo, token: str) -> dict[str, Any]:
    """我的日程 for the attendee page: rows, the sessions around own talks, feed links."""
    snap = await snapshot(request.app.state, event)
    attendee = await request.app.state.programme_cache.attendee(token)
    return {
        "schedule": views.personal(snap, attendee.person_id),
        "published": snap.version is not None,
        "feed": links(request, f"/r/{token}/schedule.ics"),
    }


class ProgrammePages(Controller):
    path = "/programme"
    include_in_schema = False

    async def _context(self, request: Request, event: EventInfo, **extra: Any) -> dict[str, Any]:
        snap = await snapshot(request.app.state, event)
        return {
            "event": event, "snap": snap, "rooms": snap.rooms, "categories": snap.categories(),
            "feed": links(request, "/programme/calendar.ics"), **extra,
        }  # fmt: skip

    @get("/")
    async def by_day(self, request: Request, event: NamedDependency[EventInfo]) -> Template:
        context = await self._context(request, event)
        context["days"] = views.days(context["snap"])
        return Template("programme/days.html", context=context)

    @get("/rooms/{room_id:int}")
    async def by_room(
        self, request: Request, event: NamedDependency[EventInfo], room_id: FromPath[int]
    ) -> Template:
        context = await self._context(request, event)
        name, sessions = views.room(context["snap"], room_id)
        context |= {"title": name, "sessions": sessions, "show_room": False,
                    "this_feed": links(request, f"/programme/rooms/{room_id}/calendar.ics")}  # fmt: skip
        return Template("programme/sessions.html", context=context)

    @get("/categories/{kind:str}/{name:str}")
    async def by_category(
        self, request: Request, event: NamedDependency[EventInfo], kind: FromPath[str],
        name: FromPath[str],
    ) -> Template:  # fmt: skip
        context = await self._context(request, event)
        label, sessions = views.category(context["snap"], kind, name)
        path = f"/programme/categories/{quote(kind)}/{quote(name)}/calendar.ics"
        context |= {"title": label, "sessions": sessions, "show_room": True,
                    "this_feed": links(request, path)}  # fmt: skip
        return Template("programme/sessions.html", context=context)

    @get("/p/{code:str}")
    async def presentation(
        self, request: Request, event: NamedDependency[EventInfo], code: FromPath[str]
    ) -> Template:
        context = await self._context(request, event)
        talk = context["snap"].talks.get(code.upper())
        if talk is None:
            context["title"] = "未找到该发表"
            return Template("programme/talk.html", context=context, status_code=404)
        context |= {"title": talk.title, "talk": views._row(talk, ""), "t": talk}
        return Template("programme/talk.html", context=context)

    @get("/handbook.pdf")
    async def handbook(
        self, request: Request, event: NamedDependency[EventInfo],
        order: FromQuery[Literal["strokes", "pinyin"]] = "strokes",
    ) -> Response[bytes]:  # fmt: skip
        """会议手册 PDF; rendered once per published state, delegate list and order."""
        snap = await snapshot(request.app.state, event)
        people = await Registration.raw(
            "SELECT COUNT(*) AS n, MAX(updated_at) AS u FROM registration WHERE event = {}",
            event.id,
        )
        key = f"pdf:{order}:{people[0]['n']}:{people[0]['u']}"
        if key not in snap.views:
            model = programme(snap, await delegates(event.id), order)
            snap.views[key] = await anyio.to_thread.run_sync(render_programme_pdf, model)
        filename = f"会议手册-{datetime.now():%Y%m%d}.pdf"
        return Response(
            snap.views[key], media_type="application/pdf",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
        )  # fmt: skip


class ProgrammeFeeds(Controller):
    """Calendar subscriptions (RFC 5545): whole event, per room, per category, per person."""

    tags = ["日程"]
    # Calendar apps keep no cookies: skip the session and CSRF middleware (they would write to
    # the store and set a cookie on every poll).
    opt = {"skip_session": True, "exclude_from_csrf": True}

    @get(
        "/programme/calendar.ics",
        operation_id="eventCalendar",
        media_type=CALENDAR,
        responses=FEED_RESPONSES,
    )
    async def whole(self, request: Request) -> Response[bytes]:
        """全部日程（订阅日历）：大会议程与全部发表。"""
        snap = await request.app.state.programme_cache.get()
        event = snap.event
        feed = snap.feed("all", event.name, lambda: snap.plenary + snap.presentations)
        return calendar_response(request, feed, "programme.ics")

    @get(
        "/programme/rooms/{room_id:int}/calendar.ics",
        operation_id="roomCalendar",
        media_type=CALENDAR,
        responses=FEED_RESPONSES,
    )
    async def room(self, request: Request, room_id: FromPath[int]) -> Response[bytes]:
        """一个会场的日程（订阅日历）。"""
        snap = await request.app.state.programme_cache.get()
        event = snap.event
        name = snap.room_name(room_id)
        feed = snap.feed(
            f"room:{room_id}", f"{name} · {event.name}",
            lambda: tuple(i for i in snap.plenary + snap.presentations if i.room_name == name),
        )  # fmt: skip
        return calendar_response(request, feed, f"room-{room_id}.ics")

    @get(
        "/programme/categories/{kind:str}/{name:str}/calendar.ics",
        operation_id="categoryCalendar",
        media_type=CALENDAR,
        responses=FEED_RESPONSES,
    )
    async def category(
        self, request: Request, kind: FromPath[str],
        name: FromPath[str],
    ) -> Response[bytes]:  # fmt: skip
        """一个成果类别的全部发表（订阅日历）。"""
        snap = await request.app.state.programme_cache.get()
        event = snap.event
        label, _ = views.category(snap, kind, name)
        uids = {t.uid for t in snap.talks.values() if t.category_key == (kind, name)}
        feed = snap.feed(
            f"category:{kind}:{name}", f"{label} · {event.name}",
            lambda: tuple(i for i in snap.presentations if i.uid in uids),
        )  # fmt: skip
        return calendar_response(request, feed, "category.ics")

    @get(
        "/r/{token:str}/schedule.ics",
        operation_id="personalCalendar",
        media_type=CALENDAR,
        responses=FEED_RESPONSES,
    )
    async def personal(self, request: Request, token: FromPath[str]) -> Response[bytes]:
        """个人日程（订阅日历，凭个人链接，无需登录）：大会议程与本人的发表。"""
        snap = await request.app.state.programme_cache.get()
        event = snap.event
        attendee = await request.app.state.programme_cache.attendee(token)
        # Keyed by what the feed holds: everyone without a presentation shares one body.
        own = ",".join(snap.by_person.get(attendee.person_id, ()))
        feed = snap.feed(
            f"person:{own}", f"我的日程 · {event.name}",
            lambda: snap.personal_items(attendee.person_id),
        )  # fmt: skip
        return calendar_response(request, feed, "schedule.ics")
