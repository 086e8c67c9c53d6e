"""Organisers publish the programme: changelog preview, publish, versions, plenary items."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import DomainError, InvalidInput, NotFound
from event.printing import unprintable
from event.programme import agenda_items, publication
from event.programme.feeds import AUDIENCES
from event.programme.schedule.edits import draft_problems
from event.programme.schedule.venues import rooms
from event.web.forms import errors_of, form_to_struct
from event.web.guards import organiser_only

Form = URLEncodedBody[dict[str, Any]]


class PublicationPages(Controller):
    path = "/admin/publication"
    include_in_schema = False
    guards = [organiser_only]

    async def _context(self, event: EventInfo, **extra: Any) -> dict[str, Any]:
        room_list = await _rooms(event.id)
        try:
            preview = await publication.preview(event.id)
        except NotFound:
            preview = None
        try:
            problems = await draft_problems(event) if preview is not None else []
        except DomainError:  # the instance itself is refused: publishing says why
            problems = []
        return {
            "event": event, "preview": preview, "problems": problems, "versions": await publication.versions(event.id),
            "items": await agenda_items.listing(event.id), "kinds": agenda_items.KINDS, "audiences": AUDIENCES,
            "rooms": room_list, "room_names": {int(i): n for i, n in room_list},
            "unprintable": await unprintable(event.id), "values": {}, "errors": {}, **extra,
        }  # fmt: skip

    @get("/")
    async def overview(
        self, event: NamedDependency[EventInfo], done: FromQuery[str | None] = None
    ) -> Template:
        context = await self._context(event, done=done)
        return Template("admin/publication.html", context=context)

    @post("/publish")
    async def publish(self, request: Request, event: NamedDependency[EventInfo]) -> Any:
        try:
            published = await publication.publish(event.id)
        except DomainError as exc:
            context = await self._context(event, publish_error=exc.message)
            return Template("admin/publication.html", context=context, status_code=409)
        request.app.state.programme_cache.clear()
        return Redirect(f"/admin/publication?done=v{published.version}", status_code=303)

    @post("/items")
    async def add_item(
        self, request: Request, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        try:
            form = form_to_struct(data, agenda_items.ItemForm)
            await agenda_items.add(event.id, form, event.timezone)
        except InvalidInput as exc:
            context = await self._context(event, values=data, errors=errors_of(exc))
            return Template("admin/publication.html", context=context, status_code=400)
        request.app.state.programme_cache.clear()
        return Redirect("/admin/publication?done=item#items", status_code=303)

    @get("/items/{item_id:int}")
    async def item_form(
        self, event: NamedDependency[EventInfo], item_id: FromPath[int]
    ) -> Template:
        item = await agenda_items.get(event.id, item_id)
        context = {
            "event": event,
            "item": item,
            "kinds": agenda_items.KINDS,
            "audiences": AUDIENCES,
            "rooms": await _rooms(event.id),
            "errors": {},
        }
        return Template("admin/publication_item.html", context=context)

    @post("/items/{item_id:int}")
    async def change_item(
        self, request: Request, event: NamedDependency[EventInfo], item_id: FromPath[int],
        data: Form,
    ) -> Template | Redirect:  # fmt: skip
        try:
            if data.get("action") == "cancel":
                await agenda_items.cancel(event.id, item_id)
            elif data.get("action") == "restore":
                await agenda_items.restore(event.id, item_id)
            else:
                form = form_to_struct(data, agenda_items.ItemForm)
                await agenda_items.change(event.id, item_id, form, event.timezone)
        except InvalidInput as exc:
            item = await agenda_items.get(event.id, item_id)
            context = {"event": event, "item": item, "kinds": agenda_items.KINDS, "audiences": AUDIENCES,
                       "rooms": await _rooms(event.id), "values": data, "errors": errors_of(exc)}  # fmt: skip
            return Template("admin/publication_item.html", context=context, status_code=400)
        request.app.state.programme_cache.clear()
        return Redirect("/admin/publication?done=item#items", status_code=303)


async def _rooms(event_id: int) -> list[tuple[str, str]]:
    """The event's rooms as the plenary form's choices: (id, name)."""
    return [(str(r.id), r.name) for r in await rooms(event_id)]
