"""The public unit pages (/unit/claim, /unit/login, /unit/login/code) and the signed-in unit
contact's own (/unit, /unit/summary, /unit/logout)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event import audit
from event.current import EventInfo
from event.errors import DomainError
from event.security import new_session_id
from event.submissions import lists as submission_lists
from event.submissions.pages import xlsx_response
from event.units import contacts, overview, signin
from event.web.forms import errors_of

Form = URLEncodedBody[dict[str, Any]]
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
SESSION_KEY = "unit_contact"


async def unit_contact_only(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A signed-in unit contact that is still approved; else 401 (a browser goes to /unit/login)."""
    session: Any = connection.scope.get("session") or {}  # Litestar types it as any body
    held = session.get(SESSION_KEY)
    contact = await contacts.approved(held.get("id", 0)) if isinstance(held, dict) else None
    if contact is None:
        if held is not None:
            connection.clear_session()  # disabled since: the session ends
        raise NotAuthorizedException("unit contact sign-in required")
    connection.state.unit_contact = contact
    audit.set_actor(f"单位联系人 {contact['name']}")


class UnitPublicPages(Controller):
    path = "/unit"
    include_in_schema = False

    @get("/claim")
    async def claim_form(self, event: NamedDependency[EventInfo]) -> Template:
        return Template("units/claim.html", context={"event": event, "values": {}})

    @post("/claim")
    async def claim(self, event: NamedDependency[EventInfo], data: Form) -> Template:
        try:
            await contacts.claim(event.id, data)
        except DomainError as exc:
            context = {"event": event, "values": data, "errors": errors_of(exc)}
            return Template("units/claim.html", context=context, status_code=400)
        return Template("units/claim.html", context={"event": event, "values": {}, "claimed": True})

    @get("/login")
    async def login_form(self, event: NamedDependency[EventInfo]) -> Template:
        return Template("units/login.html", context={"event": event, "values": {}})

    @post("/login")
    async def login(self, event: NamedDependency[EventInfo], data: Form) -> Template:
        try:
            await signin.request_code(event, str(data.get("contact", "")))
        except DomainError as exc:
            context = {"event": event, "values": data, "errors": errors_of(exc)}
            return Template("units/login.html", context=context, status_code=400)
        values = {"contact": str(data.get("contact", "")).strip()}
        return Template(
            "units/code.html", context={"event": event, "values": values, "asked": True}
        )

    @get("/login/code")
    async def code_form(self, event: NamedDependency[EventInfo]) -> Template:
        return Template("units/code.html", context={"event": event, "values": {}})

    @post("/login/code")
    async def code(
        self, request: Request, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        try:
            contact = await signin.verify(
                event, str(data.get("contact", "")), str(data.get("code", ""))
            )
        except DomainError as exc:
            values = {"contact": data.get("contact", "")}
            context = {"event": event, "values": values, "errors": errors_of(exc)}
            return Template("units/code.html", context=context, status_code=400)
        request.clear_session()
        request.set_session({SESSION_KEY: {"id": contact["id"]}})
        new_session_id(request)  # never keep an id that was set before the sign-in
        return Redirect("/unit", status_code=303)


class UnitContactPages(Controller):
    path = "/unit"
    include_in_schema = False
    guards = [unit_contact_only]

    @get("/")
    async def home(self, request: Request, event: NamedDependency[EventInfo]) -> Template:
        contact = request.state.unit_contact
        context = {
            "event": event, "contact": contact,
            "delegations": await overview.unit_delegations(event.id, contact["org_id"]),
            "submissions": await overview.unit_submissions(event.id, contact["org_id"]),
        }  # fmt: skip
        return Template("units/home.html", context=context, headers=PRIVATE)

    @get("/summary")
    async def summary(
        self, request: Request, event: NamedDependency[EventInfo], format: FromQuery[str] = "html"
    ) -> Template | Response[bytes]:
        org_id = request.state.unit_contact["org_id"]
        name, table = await submission_lists.unit_summary(event.id, org_id)
        if format == "xlsx":
            await audit.record(event.id, "export.personal", "organization", org_id,
                               f"单位联系人导出{name}附件三（{len(table)}项，含联系人手机）")  # fmt: skip
            return xlsx_response(f"附件三-{name}", table, name)
        context = {
            "event": event,
            "unit": name,
            "table": table,
            "headings": submission_lists.SUMMARY_HEADINGS,
        }
        return Template("submit/unit_summary.html", context=context, headers=PRIVATE)

    @post("/logout")
    async def logout(self, request: Request) -> Redirect:
        request.clear_session()
        return Redirect("/unit/login", status_code=303)
