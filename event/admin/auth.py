"""Login and logout for organisers and desk staff."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.admin import lockout
from event.admin.accounts import authenticate
from event.security import new_session_id

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
        username = str(data.get("username", "")).strip()[:50]
        target = _safe_next(data.get("next"))
        attempts = request.app.stores.get("login_attempts")
        address = request.client.host if request.client else ""
        try:
            refused = await lockout.reserve(attempts, address, username)
        except lockout.LockoutUnavailable:
            return _form(
                target, data, "暂时无法登录：服务器无法记录登录尝试，请联系系统管理员", 503
            )
        if refused:
            return _form(target, data, refused, 429)
        account = await authenticate(username, str(data.get("password", "")))
        if account is None:
            await lockout.failed(attempts, username)
            return _form(target, data, "用户名或密码不正确", 401)
        await lockout.succeeded(attempts, address, username)
        request.clear_session()
        request.set_session({"user": {"id": account.id, "name": account.username,
                                      "role": account.role.value, "epoch": account.session_epoch}})  # fmt: skip
        new_session_id(request)  # never keep an id that was set before the login
        if account.role.value == "staff" and target == "/admin":
            target = "/admin/registrations"
        return Redirect(target, status_code=303)

    @post("/logout")
    async def logout(self, request: Request) -> Redirect:
        request.clear_session()  # the stored session is deleted: its id opens nothing any more
        return Redirect("/", status_code=303)


def _form(target: str, data: dict[str, Any], message: str, status: int) -> Template:
    context = {"next": target, "values": data, "errors": {"_form": message}}
    return Template("login.html", context=context, status_code=status)
