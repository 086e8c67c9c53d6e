"""Login and logout for organisers and desk staff."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.admin.accounts import authenticate

Form = URLEncodedBody[dict[str, Any]]
MAX_FAILURES, LOCKOUT_SECONDS = 5, 15 * 60  # per user name and client address


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
        username = str(data.get("username", "")).strip()
        target = _safe_next(data.get("next"))
        attempts = request.app.stores.get("login_attempts")
        key = f"{request.client.host if request.client else ''}|{username}"
        failures = int(await attempts.get(key) or 0)
        if failures >= MAX_FAILURES:
            errors = {"_form": f"登录失败次数过多，请{LOCKOUT_SECONDS // 60}分钟后再试"}
            return Template(
                "login.html",
                context={"next": target, "values": data, "errors": errors},
                status_code=429,
            )
        account = await authenticate(username, str(data.get("password", "")))
        if account is None:
            await attempts.set(key, str(failures + 1), expires_in=LOCKOUT_SECONDS)
            context = {"next": target, "values": data, "errors": {"_form": "用户名或密码不正确"}}
            return Template("login.html", context=context, status_code=401)
        await attempts.delete(key)
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
