"""The organisers' registration desk: one registration's page (every field, its history, the
badge and arrival), edit, cancel and reinstate under the attendee's own rules, and a walk-in
registration at the desk."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from event import audit
from event.current import EventInfo
from event.errors import DomainError
from event.registration import roster
from event.registration import service as registrations
from event.registration.pages import read_registration
from event.registration.schemas import Registration, RegistrationUpdate
from event.web.forms import errors_of
from event.web.guards import current_user, desk_staff, organiser_only
from event.web.links import absolute

Form = URLEncodedBody[dict[str, Any]]
_BOOLEANS = ("needs_room",)


def form_values(reg: Registration) -> dict[str, Any]:
    """The registration as the fields of the form show it."""
    values = msgspec.structs.asdict(reg)
    values |= {
        k: getattr(values[k], "value", values[k]) or "" for k in ("gender", "category", "room_type")
    }
    for k in ("arrival_date", "check_in", "check_out"):
        values[k] = values[k] or ""
    return values


async def _detail(
    request: Request, event: EventInfo, registration_id: int, status_code: int = 200, **extra: Any
) -> Template:
    reg, state = await roster.by_id(event.id, registration_id)
    history = await audit.latest(event.id, entity="registration", entity_id=str(reg.id))
    context = {"event": event, "reg": reg, "state": state, "history": history,
               "link": absolute(request, registrations.personal_url(state.token)),
               "values": form_values(reg), "errors": {}} | extra  # fmt: skip
    return Template("admin/registration.html", context=context, status_code=status_code)


class RegistrationDesk(Controller):
    path = "/admin/registrations"
    include_in_schema = False
    guards = [organiser_only]

    @get("/{registration_id:int}")
    async def show(
        self, request: Request, event: NamedDependency[EventInfo], registration_id: FromPath[int]
    ) -> Template:
        done = request.query_params.get("done", "")
        return await _detail(request, event, registration_id, done=done)

    @post("/{registration_id:int}")
    async def edit(
        self,
        request: Request,
        event: NamedDependency[EventInfo],
        registration_id: FromPath[int],
        data: Form,
    ) -> Template | Redirect:
        _, state = await roster.by_id(event.id, registration_id)
        try:
            full = read_registration(data)
            changes = msgspec.convert(full, RegistrationUpdate, from_attributes=True)
            await roster.update(event, state.token, changes)
        except DomainError as exc:
            return await _detail(request, event, registration_id, 400, values=data,
                                 errors=errors_of(exc), editing=True)  # fmt: skip
        return Redirect(f"/admin/registrations/{registration_id}?done=saved", status_code=303)

    @post("/{registration_id:int}/cancel")
    async def cancel(
        self, event: NamedDependency[EventInfo], registration_id: FromPath[int]
    ) -> Redirect:
        _, state = await roster.by_id(event.id, registration_id)
        await roster.cancel(state.token)
        return Redirect(f"/admin/registrations/{registration_id}?done=cancelled", status_code=303)

    @post("/{registration_id:int}/reinstate")
    async def reinstate(
        self, request: Request, event: NamedDependency[EventInfo], registration_id: FromPath[int]
    ) -> Template | Redirect:
        _, state = await roster.by_id(event.id, registration_id)
        try:
            await roster.reinstate(event, state.token)
        except DomainError as exc:
            return await _detail(request, event, registration_id, 409, problem=exc.message)
        return Redirect(f"/admin/registrations/{registration_id}?done=reinstated", status_code=303)


class WalkIn(Controller):
    """A delegate who never registered online, registered at the desk by staff or organisers."""

    path = "/admin/registrations/new"
    include_in_schema = False
    guards = [desk_staff]

    @get("/")
    async def walk_in_form(self, event: NamedDependency[EventInfo]) -> Template:
        return Template("admin/registration_new.html", context={"event": event, "values": {}})

    @post("/")
    async def walk_in(
        self, request: Request, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        # At the desk the meeting is on: the closing time of the online form does not apply.
        at_desk = msgspec.structs.replace(event, registration_closes_at=None)
        try:
            created = await registrations.register(at_desk, read_registration(data))
        except DomainError as exc:
            context = {"event": event, "values": data, "errors": errors_of(exc)}
            return Template("admin/registration_new.html", context=context, status_code=400)
        if (current_user(request) or {}).get("role") == "organiser":
            return Redirect(f"/admin/registrations/{created.id}?done=created", status_code=303)
        return Redirect(f"/desk/p/{created.id}", status_code=303)
