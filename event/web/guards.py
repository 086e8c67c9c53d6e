"""Route guards: who is logged in, and with which role."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from event.enums import Role
from event.tables import Account


def current_user(connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any] | None:
    """The signed-in account's session entry, or None (no session, or one cleared this request)."""
    session = connection.scope.get("session")  # Litestar types it as any session body
    user = session.get("user") if isinstance(session, dict) else None
    return user if isinstance(user, dict) else None


async def _still_valid(user: dict[str, Any]) -> bool:
    """The account is active and its sessions have not been ended since this one began."""
    row = await (
        Account.select(Account.active, Account.session_epoch).where(Account.id == user.get("id")).first()
    )  # fmt: skip
    return bool(row and row["active"] and row["session_epoch"] == user.get("epoch", 0))


def _require(*roles: Role):
    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = current_user(connection)
        if user is not None and not await _still_valid(user):
            connection.clear_session()  # disabled, or its password changed: the session ends
            user = None
        if user is None:
            raise NotAuthorizedException("login required")
        if user.get("role") not in {r.value for r in roles}:
            raise PermissionDeniedException("role not allowed")

    return guard


organiser_only = _require(Role.organiser)
desk_staff = _require(Role.organiser, Role.staff)
