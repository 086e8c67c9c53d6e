"""The 报到 desk (staff): scan → who → arrive → badge; the organisers' badge batches and the
live arrival counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import anyio.to_thread
from litestar import Controller, Request, Response, get, post
from litestar.background_tasks import BackgroundTask
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Template

from event import notice, printing
from event.current import EventInfo
from event.desk import badges, checkin
from event.enums import AttendeeCategory
from event.errors import DomainError
from event.printing import unprintable
from event.registration import roster
from event.templating import BEIJING
from event.web.guards import current_user, desk_staff, organiser_only

Form = URLEncodedBody[dict[str, Any]]
BadgeLayout = Literal["a6", "card", "a4-4up"]
LAYOUT_LABELS = {layout.code: layout.label for layout in notice.BADGE_LAYOUTS}
PDF = "application/pdf"
CATEGORY_CODES = {c.value for c in AttendeeCategory}


def _pdf(body: bytes, filename: str, *, inline: bool) -> Response[bytes]:
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        media_type=PDF,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"',
                 "Cache-Control": "no-store"},
    )  # fmt: skip


async def _warm_renderer(request: Request) -> None:
    """Fonts and templates load on the first render: do it while staff read the page."""
    state = request.app.state
    if not state.get("badges_warm"):
        state["badges_warm"] = True
        await anyio.to_thread.run_sync(printing.warm)


def _desk(request: Request, event: EventInfo, status_code: int = 200, **context: Any) -> Template:
    return Template(
        "desk/desk.html",
        context={"event": event, "colours": printing.palette().roles, **context},
        status_code=status_code,
        background=BackgroundTask(_warm_renderer, request),
    )


class DeskPages(Controller):
    path = "/desk"
    include_in_schema = False
    guards = [desk_staff]

    @get("/")
    async def desk(self, request: Request, event: NamedDependency[EventInfo]) -> Template:
        return _desk(request, event)

    @post("/")
    async def scan(
        self, request: Request, event: NamedDependency[EventInfo], data: Form
    ) -> Template:
        """A scanned check-in code arrives at once; a mobile number or name shows whom it
        found, to confirm or to choose among homonyms."""
        found = await checkin.find(event.id, str(data.get("q", "")))
        if found.by == "token" and len(found.people) == 1 and found.people[0].active:
            arrival = await checkin.arrive(event.id, found.people[0].id, _by(request))
            return _desk(request, event, found=found, person=arrival.person, arrival=arrival)
        person = found.people[0] if len(found.people) == 1 else None
        return _desk(request, event, found=found, person=person)

    @get("/p/{registration_id:int}")
    async def show(
        self, request: Request, event: NamedDependency[EventInfo], registration_id: FromPath[int]
    ) -> Template:
        person = await checkin.person(event.id, registration_id)
        return _desk(request, event, person=person)

    @post("/p/{registration_id:int}/arrive")
    async def arrive(
        self, request: Request, event: NamedDependency[EventInfo], registration_id: FromPath[int]
    ) -> Template:
        try:
            arrival = await checkin.arrive(event.id, registration_id, _by(request))
        except DomainError as exc:
            person = await checkin.person(event.id, registration_id)
            return _desk(request, event, 409, person=person, error=exc.message)
        return _desk(request, event, person=arrival.person, arrival=arrival)

    @get("/p/{registration_id:int}/badge.pdf")
    async def badge(
        self,
        request: Request,
        event: NamedDependency[EventInfo],
        registration_id: FromPath[int],
        layout: FromQuery[BadgeLayout] = "a6",
    ) -> Response[bytes] | Template:
        """The badge as a one-page PDF shown inline, to print at once; or why it cannot print."""
        try:
            body = await badges.single_pdf(event, registration_id, layout)
        except DomainError as exc:
            person = await checkin.person(event.id, registration_id)
            return _desk(request, event, 400, person=person, error=exc.message)
        return _pdf(body, f"badge-{registration_id}.pdf", inline=True)


def _by(request: Request) -> str:
    return str((current_user(request) or {}).get("name", ""))


class BadgeAdminPages(Controller):
    path = "/admin"
    include_in_schema = False
    guards = [desk_staff]

    @get("/badges", guards=[organiser_only])
    async def badge_form(self, event: NamedDependency[EventInfo]) -> Template:
        return await _badge_page(event)

    @get("/badges.pdf", guards=[organiser_only])
    async def badge_batch(
        self,
        event: NamedDependency[EventInfo],
        layout: FromQuery[BadgeLayout] = "a6",
        category: FromQuery[str] = "",
        unit: FromQuery[str] = "",
    ) -> Response[bytes] | Template:
        """All badges, one category's or one unit's, as one PDF sorted by unit and 姓氏笔画.
        The page's form sends an empty category or unit for 全部 (a blank choice is no filter)."""
        chosen = {"layout": layout, "category": category, "unit": unit}
        if category and category not in CATEGORY_CODES:
            return await _badge_page(event, chosen, ["请选择列表中的参会类别"], status_code=400)
        try:
            body, _ = await badges.batch_pdf(
                event, layout=layout, category=category or None, unit=unit or None
            )
        except DomainError as exc:
            problems = [p.message for p in getattr(exc, "problems", [])] or [exc.message]
            return await _badge_page(event, chosen, problems, status_code=400)
        part = f"-{category}" if category else ("-unit" if unit else "")
        stamp = f"{datetime.now(BEIJING):%Y%m%d-%H%M}"
        return _pdf(body, f"badges{part}-{layout}-{stamp}.pdf", inline=False)

    @get("/arrivals")
    async def arrivals(self, event: NamedDependency[EventInfo]) -> Template:
        """报到 per category, refreshed by the page every 10 s."""
        counts = await checkin.arrival_counts(event.id)
        recent = await checkin.recent_arrivals(event.id)
        context = {"event": event, "counts": counts, "recent": recent, "now": datetime.now(BEIJING)}
        return Template("admin/badges_arrivals.html", context=context, headers={"Refresh": "10"})


async def _badge_page(
    event: EventInfo,
    chosen: dict[str, str] | None = None,
    problems: list[str] | None = None,
    status_code: int = 200,
) -> Template:
    context = {
        "event": event,
        "counts": await roster.category_counts(event.id),
        "units": await roster.unit_counts(event.id),
        "layouts": LAYOUT_LABELS,
        "chosen": chosen or {"layout": "a6", "category": "", "unit": ""},
        "problems": problems or [],
        "unprintable": await unprintable(event.id),
    }
    return Template("admin/badges.html", context=context, status_code=status_code)
