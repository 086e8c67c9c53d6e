"""Public pages: home, registration form, delegation form, the attendee's own page."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event import notice
from event.current import EventInfo
from event.errors import Conflict, DomainError, InvalidInput
from event.programme.pages import my_context, snapshot
from event.registration import checkin_code, roster
from event.registration import service as registrations
from event.registration.people import format_problems
from event.registration.schemas import DelegationCreate, RegistrationCreate, RegistrationUpdate
from event.web.forms import errors_of, form_to_struct
from event.web.links import absolute

Form = URLEncodedBody[dict[str, Any]]
_BOOLEANS = ("needs_room",)
DELEGATION_COLUMNS = ("name", "gender", "mobile", "category", "department", "position", "email")


_MEMBER = re.compile(r"^members\[(\d+)\]")


def _on_form_rows(exc: DomainError, filled: list[int]) -> None:
    """Point the problems at the form's rows: blank rows in between were not sent, so the
    n-th member sent is the form's row filled[n]."""

    def moved(field: str | None, row: int | None) -> tuple[str | None, int | None]:
        found = _MEMBER.match(field or "")
        if found is None or int(found.group(1)) >= len(filled):
            return field, row
        index = filled[int(found.group(1))]
        return _MEMBER.sub(f"members[{index}]", field or "", count=1), index + 1

    for problem in exc.problems if isinstance(exc, InvalidInput) else []:
        problem.field, problem.row = moved(problem.field, problem.row)  # type: ignore[assignment]
    if isinstance(exc, Conflict) and exc.field:
        exc.field, exc.row = moved(exc.field, exc.row)


def _by_row(exc: DomainError) -> list[str]:
    """The refusal's problems as the summary lists them: 第3行：手机号码应为…"""
    problems = exc.problems if isinstance(exc, InvalidInput) else []
    rows = [(p.row, p.message) for p in problems] or [(getattr(exc, "row", None), exc.message)]
    return [f"第{row}行：{message}" if row else message for row, message in rows]


def registration_closed(event: EventInfo) -> bool:
    """Past the closing time: the form is not offered any more."""
    closes = event.registration_closes_at
    return closes is not None and datetime.now(UTC) >= closes


def read_registration(data: dict[str, Any]) -> RegistrationCreate:
    """The registration form's fields; every wrong field at once, format mistakes included
    when a required field is missing too."""
    try:
        return form_to_struct(data, RegistrationCreate, _BOOLEANS)
    except InvalidInput as exc:
        flagged = {p.field for p in exc.problems}
        more = [p for p in format_problems(data) if p.field not in flagged]
        raise InvalidInput(exc.problems + more) from None


MAX_ROWS = 200  # a delegation larger than this registers by Excel or twice


def form_rows(raw: object) -> int:
    """The form's row count (a hidden field, so anyone may send anything): 1 to MAX_ROWS."""
    text = str(raw if raw is not None else "10").strip() or "10"
    if not text.isdigit() or len(text) > 9:
        raise InvalidInput.one("_rows", f"行数应为1至{MAX_ROWS}之间的整数")
    return max(1, min(int(text), MAX_ROWS))


class PublicPages(Controller):
    include_in_schema = False

    @get("/")
    async def home(self, request: Request, event: NamedDependency[EventInfo]) -> Template:
        snap = await snapshot(request.app.state, event)
        context = {"event": event, "published": snap.version is not None,
                   "attachments": notice.SUBMISSION_KINDS, "closed": registration_closed(event),
                   "material_open": event.material_deadline is None
                   or event.material_deadline >= datetime.now(UTC).date()}  # fmt: skip
        return Template("home.html", context=context)

    @get("/register")
    async def registration_form(self, event: NamedDependency[EventInfo]) -> Template:
        context = {"event": event, "values": {}, "closed": registration_closed(event)}
        return Template("register.html", context=context)

    @post("/register")
    async def register(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        try:
            created = await registrations.register(event, read_registration(data))
        except DomainError as exc:
            context = {"event": event, "values": data, "errors": errors_of(exc)}
            return Template("register.html", context=context, status_code=400)
        return Redirect(f"{created.url}?new=1", status_code=303)

    @get("/register/delegation")
    async def delegation_form(
        self, event: NamedDependency[EventInfo], rows: FromQuery[int] = 10
    ) -> Template:
        context = {
            "event": event,
            "values": {},
            "rows": max(1, min(rows, MAX_ROWS)),
            "columns": DELEGATION_COLUMNS,
        }
        return Template("delegation.html", context=context)

    @post("/register/delegation")
    async def register_delegation(
        self, event: NamedDependency[EventInfo], request: Request
    ) -> Template:
        form = dict(await request.form())
        rows = form_rows(form.get("_rows"))
        members = [
            {c: form.get(f"members[{i}].{c}", "") for c in DELEGATION_COLUMNS} for i in range(rows)
        ]
        payload = {
            k: form.get(k, "")
            for k in ("organization", "contact_name", "contact_mobile", "contact_email")
        }
        filled = [i for i, m in enumerate(members) if any(v.strip() for v in m.values())]
        payload["members"] = [{k: v for k, v in members[i].items() if v} for i in filled]
        context: dict[str, Any] = {
            "event": event,
            "values": form,
            "rows": rows,
            "columns": DELEGATION_COLUMNS,
        }
        if form.get("_more"):  # 增加20行: the same form, longer, with what was typed
            context["rows"] = min(rows + 20, MAX_ROWS)
            return Template("delegation.html", context=context)
        try:
            created = await registrations.register_delegation(
                event, form_to_struct(payload, DelegationCreate)
            )
        except DomainError as exc:
            _on_form_rows(exc, filled)
            summary = {"errors": errors_of(exc), "summary": _by_row(exc)}
            return Template("delegation.html", context=context | summary, status_code=400)
        return Template("delegation_done.html", context={"event": event, "delegation": created})

    @get("/r/{token:str}")
    async def own_page(
        self,
        request: Request,
        event: NamedDependency[EventInfo],
        token: FromPath[str],
        new: FromQuery[bool] = False,
        saved: FromQuery[bool] = False,
    ) -> Template:
        registration, _ = await roster.by_token(token)
        context = {"event": event, "reg": registration, "token": token, "new": new, "saved": saved}
        context["my"] = await my_context(request, event, token)
        code = await checkin_code.own_code(token)
        context["checkin_qr"] = checkin_code.qr_svg(code) if code else ""
        if new:
            link = absolute(request, registrations.personal_url(token))
            context["link_qr"] = checkin_code.qr_svg(link, scale=4, title="个人链接二维码")
        return Template("own.html", context=context)

    @post("/r/{token:str}")
    async def edit_own(
        self, event: NamedDependency[EventInfo], token: FromPath[str], data: Form
    ) -> Template | Redirect:
        try:
            full = read_registration(data)
            await roster.update(
                event, token, msgspec.convert(full, RegistrationUpdate, from_attributes=True)
            )
        except DomainError as exc:
            registration, _ = await roster.by_token(token)
            context = {
                "event": event,
                "reg": registration,
                "token": token,
                "values": data,
                "errors": errors_of(exc),
            }
            return Template("own.html", context=context, status_code=400)
        return Redirect(f"/r/{token}?saved=1", status_code=303)

    @post("/r/{token:str}/cancel")
    async def cancel_own(self, token: FromPath[str]) -> Redirect:
        await roster.cancel(token)
        return Redirect(f"/r/{token}", status_code=303)
