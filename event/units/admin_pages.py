"""Organisers' unit pages: contacts (make, approve or refuse claims, disable) and merging two
spellings of one unit."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import DomainError
from event.tables import Organization
from event.units import contacts
from event.web.forms import errors_of
from event.web.guards import organiser_only

Form = URLEncodedBody[dict[str, Any]]


async def _page(event: EventInfo, status: int = 200, **extra: Any) -> Template:
    units = await Organization.select(Organization.id, Organization.name).order_by(
        Organization.name
    )
    context = {"event": event, "contacts": await contacts.listing(), "units": units,
               "values": {}, "errors": {}, **extra}  # fmt: skip
    return Template("units/admin_contacts.html", context=context, status_code=status)


class AdminUnitPages(Controller):
    path = "/admin/units"
    include_in_schema = False
    guards = [organiser_only]

    @get("/contacts")
    async def contacts_page(
        self, event: NamedDependency[EventInfo], done: FromQuery[str] = ""
    ) -> Template:
        return await _page(event, done=done)

    @post("/contacts")
    async def create(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        try:
            await contacts.create(event.id, data)
        except DomainError as exc:
            return await _page(event, 400, values=data, errors=errors_of(exc))
        return Redirect("/admin/units/contacts?done=created", status_code=303)

    @post("/contacts/{contact_id:int}/decision")
    async def decide(
        self, event: NamedDependency[EventInfo], contact_id: FromPath[int], data: Form
    ) -> Template | Redirect:
        try:
            await contacts.decide(event.id, contact_id, str(data.get("decision", "")))
        except DomainError as exc:
            # shown above the list, not beside the new-contact form's fields
            status = 404 if exc.code == "not_found" else 400
            return await _page(event, status, errors={"_form": exc.message})
        return Redirect("/admin/units/contacts?done=decided", status_code=303)

    @post("/merge")
    async def merge(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        try:
            keep, drop = (int(str(data.get(f, "")) or 0) for f in ("keep", "drop"))
        except ValueError:
            keep, drop = 0, 0
        try:
            if data.get("confirm") != "1":  # first what would move, then the merge itself
                preview = await contacts.merge_preview(keep, drop)
                return await _page(event, merge_values=data, merge_preview=preview)
            await contacts.merge(event.id, keep, drop)
        except DomainError as exc:
            return await _page(event, 400, merge_values=data, merge_errors=errors_of(exc))
        return Redirect("/admin/units/contacts?done=merged", status_code=303)
