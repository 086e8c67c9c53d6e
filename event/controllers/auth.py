"""Login and logout for organisers and desk staff."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.services.accounts import authenticate

Form = URLEncodedBody[dict[str, Any]]


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/admin"


class AuthPages(Controller):
    include_in_schema = False

    @get("/login")
    async def form(self, next: FromQuery[str | None] = None) -> Template:
        return Template("login.html", context={"next": _safe_next(next), "values": {}})

    @post("/login")
    async def login(self, request: Request, data: Form) -> Template | Redirect:
        account = await authenticate(str(data.get("username", "")), str(data.get("password", "")))
        target = _safe_next(data.get("next"))
        if account is None:
            context = {"next": target, "values": data, "errors": {"_form": "用户名或密码不正确"}}
            return Template("login.html", context=context, status_code=401)
        request.clear_session()
        request.set_session(
            {"user": {"id": account.id, "name": account.username, "role": account.role.value}}
        )
        if account.role.value == "staff" and target == "/admin":
            target = "/admin/registrations"
        return Redirect(target, status_code=303)

    @post("/logout")
    async def logout(self, request: Request) -> Redirect:
        request.clear_session()
        return Redirect("/", status_code=303)
