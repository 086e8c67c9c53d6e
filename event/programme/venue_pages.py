"""Organisers' pages: rooms (分会场), blocks (时段) and the presentations' pins and unavailable
blocks. Forms keep their values and show each error beside its field."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import Conflict, InvalidInput
from event.programme.schedule import edits, venues, views
from event.web.forms import FormStruct, errors_of, form_to_struct, rule
from event.web.guards import organiser_only

Form = URLEncodedBody[dict[str, Any]]
BACK = ("/admin/presentations", "/admin/schedule")


def author(request: Request) -> str:
    return str((request.session or {}).get("user", {}).get("name", ""))


class VenuePages(Controller):
    path = "/admin"
    include_in_schema = False
    guards = [organiser_only]

    async def _rooms(self, event: EventInfo, status: int = 200, **extra: Any) -> Template:
        context = {"event": event, "rooms": await venues.rooms(event.id), "kinds": venues.KIND_CHOICES,
                   "values": {}, "errors": {}, "editing": None} | extra  # fmt: skip
        return Template("admin/schedule_rooms.html", context=context, status_code=status)

    @get("/rooms")
    async def rooms(self, event: NamedDependency[EventInfo]) -> Template:
        return await self._rooms(event)

    @get("/rooms/{room_id:int}/edit")
    async def edit_room(
        self, event: NamedDependency[EventInfo], room_id: FromPath[int]
    ) -> Template:
        room = await venues.room(event.id, room_id)
        values = {"name": room.name, "capacity": room.capacity, "kinds": room.kinds}
        return await self._rooms(event, values=values, editing=room_id)

    @post("/rooms")
    async def add_room(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        try:
            await venues.add_room(event.id, form_to_struct(data, venues.RoomForm))
        except InvalidInput as exc:
            return await self._rooms(event, 400, values=data, errors=errors_of(exc))
        return Redirect("/admin/rooms?saved=1", status_code=303)

    @post("/rooms/{room_id:int}")
    async def save_room(
        self, event: NamedDependency[EventInfo], room_id: FromPath[int], data: Form
    ) -> Template | Redirect:
        try:
            await venues.update_room(event.id, room_id, form_to_struct(data, venues.RoomForm))
        except InvalidInput as exc:
            return await self._rooms(
                event, 400, values=data, errors=errors_of(exc), editing=room_id
            )
        return Redirect("/admin/rooms?saved=1", status_code=303)

    @post("/rooms/{room_id:int}/delete")
    async def delete_room(
        self, event: NamedDependency[EventInfo], room_id: FromPath[int]
    ) -> Template | Redirect:
        try:
            await venues.delete_room(event.id, room_id)
        except Conflict as exc:
            return await self._rooms(event, 409, problem=exc.message)
        return Redirect("/admin/rooms?deleted=1", status_code=303)

    async def _blocks(self, event: EventInfo, status: int = 200, **extra: Any) -> Template:
        context = {"event": event, "blocks": await venues.blocks(event.id), "values": {},
                   "errors": {}, "editing": None} | extra  # fmt: skip
        return Template("admin/schedule_blocks.html", context=context, status_code=status)

    @get("/blocks")
    async def blocks(self, event: NamedDependency[EventInfo]) -> Template:
        return await self._blocks(event)

    @get("/blocks/{block_id:int}/edit")
    async def edit_block(
        self, event: NamedDependency[EventInfo], block_id: FromPath[int]
    ) -> Template:
        b = await venues.block(event.id, block_id)
        values = {
            "code": b.code,
            "day": b.day.isoformat(),
            "start": b.start,
            "end": b.end,
            "label": b.label,
        }
        return await self._blocks(event, values=values, editing=block_id)

    @post("/blocks")
    async def add_block(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        try:
            await venues.add_block(event.id, form_to_struct(data, venues.BlockForm))
        except InvalidInput as exc:
            return await self._blocks(event, 400, values=data, errors=errors_of(exc))
        return Redirect("/admin/blocks?saved=1", status_code=303)

    @post("/blocks/{block_id:int}")
    async def save_block(
        self, event: NamedDependency[EventInfo], block_id: FromPath[int], data: Form
    ) -> Template | Redirect:
        try:
            await venues.update_block(event.id, block_id, form_to_struct(data, venues.BlockForm))
        except InvalidInput as exc:
            return await self._blocks(
                event, 400, values=data, errors=errors_of(exc), editing=block_id
            )
        return Redirect("/admin/blocks?saved=1", status_code=303)

    @post("/blocks/{block_id:int}/delete")
    async def delete_block(
        self, event: NamedDependency[EventInfo], block_id: FromPath[int]
    ) -> Template | Redirect:
        try:
            await venues.delete_block(event.id, block_id)
        except Conflict as exc:
            return await self._blocks(event, 409, problem=exc.message)
        return Redirect("/admin/blocks?deleted=1", status_code=303)


BlockCode = Annotated[str, rule("请选择本次会议的时段", min_length=1, max_length=30)]


class PinForm(FormStruct, kw_only=True):
    """Fix a presentation at (room, block) for the next solves. Both may be left out here:
    the service names the presentation first (404), then the room and block it does not know."""

    room: Annotated[int, rule("请选择本次会议的分会场", ge=1)] | None = None
    block: Annotated[str, rule("请选择本次会议的时段", max_length=30)] = ""


class UnavailableForm(FormStruct, kw_only=True):
    """The blocks a presentation cannot be given in (none ticked: none)."""

    blocks: Annotated[list[BlockCode], rule("请选择本次会议的时段", max_length=100)] = []


class PresentationPages(Controller):
    path = "/admin/presentations"
    include_in_schema = False
    guards = [organiser_only]

    async def _page(self, event: EventInfo, status: int = 200, **extra: Any) -> Template:
        context = {"event": event, "items": await views.items(event.id), "rooms": await venues.rooms(event.id),
                   "blocks": await venues.blocks(event.id), "problem": None, "problem_code": None} | extra  # fmt: skip
        return Template("admin/schedule_presentations.html", context=context, status_code=status)

    @get("/")
    async def listing(self, event: NamedDependency[EventInfo]) -> Template:
        return await self._page(event)

    async def _done(
        self,
        event: EventInfo,
        code: str,
        data: dict[str, Any],
        change: Callable[[], Awaitable[None]],
    ) -> Template | Redirect:
        try:
            await change()
        except InvalidInput as exc:
            return await self._page(event, 400, problem=exc.message, problem_code=code)
        back = data.get("next") if data.get("next") in BACK else BACK[0]
        return Redirect(f"{back}?saved={code}#{code}", status_code=303)

    @post("/{code:str}/pin")
    async def pin(
        self, request: Request, event: NamedDependency[EventInfo], code: FromPath[str], data: Form
    ) -> Template | Redirect:
        async def change() -> None:
            form = form_to_struct(data, PinForm)
            await edits.pin(event, code, form.room or 0, form.block, author(request))

        return await self._done(event, code, data, change)

    @post("/{code:str}/unpin")
    async def unpin(
        self, request: Request, event: NamedDependency[EventInfo], code: FromPath[str], data: Form
    ) -> Template | Redirect:
        return await self._done(
            event, code, data, lambda: edits.unpin(event, code, author(request))
        )

    @post("/{code:str}/unavailable")
    async def unavailable(
        self, request: Request, event: NamedDependency[EventInfo], code: FromPath[str], data: Form
    ) -> Template | Redirect:
        async def change() -> None:
            form = form_to_struct(data, UnavailableForm)
            await edits.set_unavailable(event, code, form.blocks, author(request))

        return await self._done(event, code, data, change)
