"""Route guards: who is logged in, and with which role."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from event.enums import Role


def current_user(connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any] | None:
    session = connection.scope.get("session") or {}
    user = session.get("user")
    return user if isinstance(user, dict) else None


def _require(*roles: Role):
    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = current_user(connection)
        if user is None:
            raise NotAuthorizedException("login required")
        if user.get("role") not in {r.value for r in roles}:
            raise PermissionDeniedException("role not allowed")

    return guard


organiser_only = _require(Role.organiser)
desk_staff = _require(Role.organiser, Role.staff)
