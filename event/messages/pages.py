"""The messages wing's pages: 找回我的链接, the personal message settings, the organisers' outbox."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.enums import AttendeeCategory
from event.errors import DomainError
from event.messages import mailbox, preferences, recover
from event.messages.outbox import STATUS_LABELS
from event.web.forms import errors_of
from event.web.guards import organiser_only

Form = URLEncodedBody[dict[str, Any]]


class RecoverPages(Controller):
    include_in_schema = False

    @get("/recover")
    async def recover_form(self, event: NamedDependency[EventInfo]) -> Template:
        return Template("messages/recover.html", context={"event": event, "values": {}})

    @post("/recover")
    async def recover(self, event: NamedDependency[EventInfo], data: Form) -> Template:
        try:
            await recover.request_link(event, str(data.get(recover.FIELD, "")))
        except DomainError as exc:
            context = {"event": event, "values": data, "errors": errors_of(exc)}
            return Template("messages/recover.html", context=context, status_code=400)
        return Template(
            "messages/recover.html", context={"event": event, "values": {}, "asked": True}
        )


class PreferencePages(Controller):
    include_in_schema = False

    @get("/r/{token:str}/messages")
    async def settings(
        self,
        event: NamedDependency[EventInfo],
        token: FromPath[str],
        saved: FromQuery[bool] = False,
    ) -> Template:
        declines = await preferences.declines_optional(token)
        context = {"event": event, "token": token, "declines": declines, "saved": saved}
        return Template("messages/preferences.html", context=context)

    @post("/r/{token:str}/messages")
    async def save(self, token: FromPath[str], data: Form) -> Redirect:
        await preferences.set_declines_optional(token, data.get("optional") != "on")
        return Redirect(f"/r/{token}/messages?saved=1", status_code=303)


class OutboxPages(Controller):
    path = "/admin/messages"
    include_in_schema = False
    guards = [organiser_only]

    async def _page(
        self, event: EventInfo, status: str | None, page: int, **extra: Any
    ) -> dict[str, Any]:
        return {
            "event": event, "messages": await mailbox.listing(event.id, status=status, page=page),
            "counts": await mailbox.status_counts(event.id), "statuses": STATUS_LABELS.items(),
            "status": status or "", "page": max(page, 1), "categories": AttendeeCategory.choices(),
            "rooms": await mailbox.rooms(event.id),
            "values": {}, **extra,
        }  # fmt: skip

    @get("/")
    async def outbox(
        self, event: NamedDependency[EventInfo], status: FromQuery[str | None] = None,
        page: FromQuery[int] = 1, sent: FromQuery[int | None] = None,
    ) -> Template:  # fmt: skip
        context = await self._page(event, status, page, sent=sent)
        return Template("admin/messages.html", context=context)

    @get("/{message_id:int}")
    async def message(
        self, event: NamedDependency[EventInfo], message_id: FromPath[int]
    ) -> Template:
        view, html = await mailbox.one(event.id, message_id)
        return Template("admin/message.html", context={"event": event, "m": view, "html": html})

    @post("/{message_id:int}/resend")
    async def resend(
        self, event: NamedDependency[EventInfo], message_id: FromPath[int]
    ) -> Redirect:
        await mailbox.resend(event.id, message_id)
        return Redirect(f"/admin/messages/{message_id}", status_code=303)

    @post("/send")
    async def send(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        try:
            queued = await mailbox.broadcast(event, data)
        except DomainError as exc:
            context = await self._page(event, None, 1, values=data, errors=errors_of(exc))
            return Template("admin/messages.html", context=context, status_code=400)
        return Redirect(f"/admin/messages?sent={queued}", status_code=303)
