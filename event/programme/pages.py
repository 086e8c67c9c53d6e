"""The public programme: pages by day, room, category and presentation; calendar feeds; the PDF.

Everything here shows the latest published version only. Feeds answer conditional requests
(ETag / Last-Modified → 304) so subscribed phones poll cheaply.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, Literal
from urllib.parse import quote

from litestar import Controller, HttpMethod, Request, Response, get, route
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery
from litestar.response import Template
from msgspec import Struct

from event.current import EventInfo
from event.enums import RegistrationStatus
from event.errors import NotFound
from event.programme import view as views
from event.programme.feeds import Feed
from event.programme.handbook import roster_stamp
from event.programme.render.model import Programme
from event.programme.service import Attendee, Snapshot, category_label, delegates, programme
from event.security import app_secret
from event.tables import Registration
from event.tokens import calendar_token, token_key

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
        return "*" in wanted or feed.etag in wanted or feed.gzip_etag in wanted
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return feed.last_modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def accepts_gzip(request: Request) -> bool:
    """Accept-Encoding names gzip (or *) without q=0."""
    for part in request.headers.get("accept-encoding", "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*") and params.replace(" ", "") not in ("q=0", "q=0.0"):
            return True
    return False


def site(request: Request) -> str:
    """QCCONF_PUBLIC_URL, or the scheme and host the request came to (for links in feeds)."""
    return (
        request.app.state.programme_cache.naming.site
        or f"{request.url.scheme}://{request.url.netloc}"
    )


def body_response(
    request: Request, feed: Feed, media_type: str, disposition: str, cache: str = "no-cache"
) -> Response[bytes]:
    """`feed` as GET or HEAD, gzip-compressed when accepted, or 304 when the client has it."""
    gzipped = accepts_gzip(request)
    headers = {
        "ETag": feed.gzip_etag if gzipped else feed.etag,
        "Last-Modified": format_datetime(feed.last_modified, usegmt=True),
        "Cache-Control": cache,
        "Vary": "Accept-Encoding",
    }
    if _not_modified(request, feed):
        return Response(b"", status_code=304, headers=headers)
    body = feed.gzipped if gzipped else feed.body
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    headers["Content-Disposition"] = disposition
    if request.method == "HEAD":  # the headers GET would send, without the body
        headers["Content-Length"] = str(len(body))
        body = b""
    return Response(body, media_type=media_type, headers=headers)


def calendar_response(request: Request, feed: Feed, filename: str) -> Response[bytes]:
    """The feed, or 304 when the client already has this body."""
    return body_response(request, feed, CALENDAR, f"inline; filename*=UTF-8''{quote(filename)}")


async def my_context(request: Request, event: EventInfo, token: str) -> dict[str, Any]:
    """我的日程 for the attendee page: rows, the sessions around own talks, feed links."""
    snap = await snapshot(request.app.state, event)
    attendee = await request.app.state.programme_cache.attendee(token)
    return {
        "schedule": views.personal(snap, attendee),
        "published": snap.version is not None,
        # A cancelled registration's feed only tells subscribed phones to drop the events.
        "feed": None
        if await _cancelled(attendee.registration_id)
        else links(request, f"/c/{await subscription_token(request, token)}/schedule.ics"),
    }


async def subscription_token(request: Request, personal_token: str) -> str:
    """The read-only calendar token of a registration (tokens.calendar_token); its key is stored
    the first time the page shows it. Links made before it existed (/r/{token}/schedule.ics)
    still work."""
    token = calendar_token(app_secret(request.app.state.settings), personal_token)
    R, key = Registration, token_key(token)
    await R.update({R.calendar_key: key}).where(  # stored once (or again if the secret changed)
        (R.token_key == token_key(personal_token))
        & (R.calendar_key.is_null() | (R.calendar_key != key))
    )
    return token


async def _cancelled(registration_id: int) -> bool:
    """Read now, not from the snapshot: the page right after cancelling must say so."""
    R = Registration
    row = await R.select(R.status).where(R.id == registration_id).first()
    return row is not None and row["status"] != RegistrationStatus.active.value


def _aware(moment: Any) -> datetime | None:
    if not isinstance(moment, datetime):
        return None  # SQLite may answer MAX() as text; the other moments then decide
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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

    @get("/grid")
    async def grid(self, request: Request, event: NamedDependency[EventInfo]) -> Template:
        """The programme as rooms × times, one table per day (for a desktop screen)."""
        context = await self._context(request, event)
        context["grid"] = views.grid(context["snap"])
        return Template("programme/grid.html", context=context)

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

    @route("/handbook.pdf", http_method=[HttpMethod.GET, HttpMethod.HEAD])
    async def handbook(
        self, request: Request, event: NamedDependency[EventInfo],
        order: FromQuery[Literal["strokes", "pinyin"]] = "strokes",
        layout: FromQuery[Literal["a4", "a5-booklet"]] = "a4",
    ) -> Response[bytes]:  # fmt: skip
        """会议手册 PDF (A4, or A5 imposed for saddle stitching); rendered once per published
        state, roster state, order and layout, in a worker thread (see handbook.py)."""
        cache = request.app.state.programme_cache
        snap = await snapshot(request.app.state, event)
        roster = await roster_stamp(event.id)
        moments = [snap.published_at, snap.plenary_changed, _aware(roster[1])]
        feed = await cache.handbooks.get(
            (snap.stamp, repr(event), roster, order, layout),
            lambda: _handbook_model(snap, event.id, order),
            layout, [m for m in moments if m is not None],
        )  # fmt: skip
        stem = "会议手册-A5骑马钉" if layout == "a5-booklet" else "会议手册"
        filename = f"{stem}-{datetime.now():%Y%m%d}.pdf"
        disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
        return body_response(request, feed, "application/pdf", disposition)


async def _handbook_model(snap: Snapshot, event_id: int, order: Any) -> Programme:
    return programme(snap, await delegates(event_id), order)


def _feed_route(path: str, operation_id: str) -> Any:
    """GET and HEAD of a calendar feed (each method its own operation id: HEAD adds "Head")."""

    def per_method(_handler: Any, method: str, _path: Any) -> str:
        return operation_id if method == HttpMethod.GET else f"{operation_id}Head"

    return route(
        path, http_method=[HttpMethod.GET, HttpMethod.HEAD], operation_id=per_method,
        media_type=CALENDAR, responses=FEED_RESPONSES,
    )  # fmt: skip


class ProgrammeFeeds(Controller):
    """Calendar subscriptions (RFC 5545): whole event, per room, per category, per person."""

    tags = ["日程"]
    # Calendar apps keep no cookies: skip the session and CSRF middleware (they would write to
    # the store and set a cookie on every poll).
    opt = {"skip_session": True, "exclude_from_csrf": True}

    @_feed_route("/programme/calendar.ics", "eventCalendar")
    async def whole(self, request: Request) -> Response[bytes]:
        """全部日程（订阅日历）：大会议程与全部发表。"""
        snap = await request.app.state.programme_cache.get()
        feed = snap.feed(
            "all", snap.event.name, lambda: snap.plenary + snap.presentations, site=site(request)
        )
        return calendar_response(request, feed, "programme.ics")

    @_feed_route("/programme/rooms/{room_id:int}/calendar.ics", "roomCalendar")
    async def room(self, request: Request, room_id: FromPath[int]) -> Response[bytes]:
        """一个会场的日程（订阅日历）；移出该会场的发表以“已取消”保留。"""
        snap = await request.app.state.programme_cache.get()
        name = snap.room_name(room_id)
        feed = snap.feed(
            f"room:{room_id}", f"{name} · {snap.event.name}", lambda: snap.room_items(room_id),
            site=site(request),
        )  # fmt: skip
        return calendar_response(request, feed, f"room-{room_id}.ics")

    @_feed_route("/programme/categories/{kind:str}/{name:str}/calendar.ics", "categoryCalendar")
    async def category(
        self, request: Request, kind: FromPath[str], name: FromPath[str]
    ) -> Response[bytes]:
        """一个成果类别的全部发表（订阅日历）；移出该类别的发表以“已取消”保留。"""
        snap = await request.app.state.programme_cache.get()
        items = snap.category_items(kind, name)
        if not items:
            raise NotFound("未找到该类别的发表")
        feed = snap.feed(
            f"category:{kind}:{name}", f"{category_label(kind, name)} · {snap.event.name}",
            lambda: items,
            site=site(request),
        )  # fmt: skip
        return calendar_response(request, feed, "category.ics")

    @_feed_route("/c/{token:str}/schedule.ics", "subscriptionCalendar")
    async def subscription(self, request: Request, token: FromPath[str]) -> Response[bytes]:
        """个人日程（订阅链接，只读，不能修改或取消登记）：大会议程与本人的发表。"""
        attendee = await request.app.state.programme_cache.subscriber(token)
        return await _personal_feed(request, attendee)

    @_feed_route("/r/{token:str}/schedule.ics", "personalCalendar")
    async def personal(self, request: Request, token: FromPath[str]) -> Response[bytes]:
        """个人日程（凭个人链接；早先的订阅仍有效，新订阅请用只读的 /c/ 链接）：大会议程与本人的发表；登记取消后全部标为取消。"""
        attendee = await request.app.state.programme_cache.attendee(token)
        return await _personal_feed(request, attendee)


async def _personal_feed(request: Request, attendee: Attendee) -> Response[bytes]:
    """我的日程 as a calendar: the plenary items and the person's own talks."""
    snap = await request.app.state.programme_cache.get()
    # Keyed by what the feed holds: everyone without a presentation shares one body.
    own = ",".join(snap.by_person.get(attendee.person_id, ()))
    left = ",".join(i.uid for i in snap.person_ghosts.get(attendee.person_id, ()))
    groups = ",".join(sorted(snap.groups(attendee)))
    cancelled = snap.cancelled.get(attendee.registration_id)
    feed = snap.feed(
        f"person:{own}:{left}:{groups}:{cancelled}", f"我的日程 · {snap.event.name}",
        lambda: snap.personal_items(attendee), site=site(request),
    )  # fmt: skip
    return calendar_response(request, feed, "schedule.ics")
