"""Who is acting in this request, for the audit log; and the request's domain events."""

from __future__ import annotations

from contextvars import ContextVar

from litestar import Litestar, Request, Response

from event.audit import PENDING, set_actor
from event.enums import Role
from event.web.guards import current_user

_SELF = ("/r/", "/api/registrations/")
_UNIT = ("/s/", "/submit", "/api/submissions", "/register/delegation", "/api/delegations")


async def set_request_actor(request: Request) -> None:
    """before_request hook: an organiser or staff member by name, else the kind of visitor."""
    user = current_user(request)
    path = request.url.path
    if user is not None:
        who = f"{Role(user.get('role', 'staff')).label} {user.get('name', '')}"
    elif path.startswith(_SELF):
        who = "本人（个人链接）"
    elif path.startswith(_UNIT):
        who = "推荐单位"
    else:
        who = "访客"
    host = request.client.host if request.client else ""
    set_actor(f"{who}（{host}）" if host else who)
    PENDING.set([])
    _APP.set(request.app)


_APP: ContextVar[Litestar | None] = ContextVar("qcconf_app", default=None)


async def emit_domain_events(response: Response) -> Response:
    """after_request hook: once a request has succeeded, each change it recorded in the audit
    log is emitted as a domain event (`app.emit(code, entry)`) to the wings' listeners."""
    pending, app = PENDING.get(), _APP.get()
    # A Response built without a status has None until Litestar sends it (200 by default).
    if pending and app is not None and (response.status_code or 200) < 400:
        listeners = app.event_emitter.listeners
        for code, entry in pending:
            if listeners.get(code):
                app.emit(code, entry)
    PENDING.set(None)
    return response
