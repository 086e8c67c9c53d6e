"""Who is acting in this request, for the audit log."""

from __future__ import annotations

from litestar import Request

from event.enums import Role
from event.services.audit import set_actor

_SELF = ("/r/", "/api/registrations/")
_UNIT = ("/s/", "/submit", "/api/submissions", "/register/delegation", "/api/delegations")


async def set_request_actor(request: Request) -> None:
    """before_request hook: an organiser or staff member by name, else the kind of visitor."""
    user = (request.scope.get("session") or {}).get("user")
    path = request.url.path
    if isinstance(user, dict):
        who = f"{Role(user.get('role', 'staff')).label} {user.get('name', '')}"
    elif path.startswith(_SELF):
        who = "本人（个人链接）"
    elif path.startswith(_UNIT):
        who = "推荐单位"
    else:
        who = "访客"
    host = request.client.host if request.client else ""
    set_actor(f"{who}（{host}）" if host else who)
