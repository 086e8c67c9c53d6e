"""Cookies and forms: the application secret, the session cookie and CSRF protection."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from litestar.config.csrf import CSRFConfig
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import (
    ServerSideSessionBackend,
    ServerSideSessionConfig,
)
from litestar.types import Empty, Message, ScopeSession

from event.settings import Settings

SESSION_MAX_AGE = 12 * 3600  # one working day at the desk; log in again the next morning
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"
# JSON API writes authenticate by the token in the path or need nothing: no cookie is ever the
# credential there, so a forged cross-site request gains nothing (the organisers' API is GET-only).
CSRF_EXEMPT = ["^/api/"]


def app_secret(settings: Settings) -> str:
    """QCCONF_SECRET, or a random secret kept in the data directory (made once, mode 0600)."""
    if settings.secret:
        return settings.secret
    path = settings.data_dir / "secret.key"
    if not path.exists():
        _create_once(path, secrets.token_urlsafe(48))
    return path.read_text(encoding="ascii").strip()


def _create_once(path: Path, value: str) -> None:
    """Write `value` to `path` unless another process got there first (link is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(value + "\n")
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)


_NEW_ID = "qcconf_new_session_id"  # scope key: the id a login's session is stored under


def new_session_id(connection: ASGIConnection) -> None:
    """Store this request's session under a fresh id and delete the old one (at login: an id
    planted or seen before cannot ride into the logged-in session)."""
    connection.scope[_NEW_ID] = secrets.token_hex(32)  # type: ignore[literal-required]


class _LoginOnlySessions(ServerSideSessionBackend):
    """Litestar stores an empty session (a file and a cookie) for every anonymous request; only
    a login puts something in ours, so visitors and API clients get neither, and an emptied
    session (logout) is deleted with its cookie. A login's session gets a new id."""

    def get_session_id(self, connection: ASGIConnection) -> str:
        return connection.scope.get(_NEW_ID) or super().get_session_id(connection)  # type: ignore[return-value]

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection
    ) -> None:
        old = connection.cookies.get(self.config.key)
        if connection.scope.get(_NEW_ID) and old and old != "null":
            await self.delete(old, store=self.config.get_store_from_app(connection.scope["app"]))
        if scope_session:
            await super().store_in_message(scope_session, message, connection)
        elif old:
            await super().store_in_message(Empty, message, connection)


class _SessionConfig(ServerSideSessionConfig):
    _backend_class = _LoginOnlySessions


def session_config(settings: Settings) -> ServerSideSessionConfig:
    """Organisers' and staff's login: HttpOnly, SameSite=Lax, Secure behind HTTPS."""
    return _SessionConfig(
        store="sessions",
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        max_age=SESSION_MAX_AGE,
    )


def csrf_config(settings: Settings) -> CSRFConfig:
    """Every form that changes data carries `{{ csrf_input }}`; its value must match the cookie."""
    return CSRFConfig(
        secret=app_secret(settings),
        cookie_name=CSRF_COOKIE,
        header_name=CSRF_HEADER,
        cookie_httponly=True,  # no script reads it: the token travels in the hidden field
        cookie_samesite="lax",
        cookie_secure=settings.secure_cookies,
        exclude=CSRF_EXEMPT,
    )
