"""The audit log: every change to a registration, a submission, a schedule or a publication is
recorded with who made it. The actor comes from the request (or the command line) through a
context variable, so services record without threading a user through every call."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from msgspec import Struct

from event.tables import AuditEntry

ACTOR: ContextVar[str] = ContextVar("qcconf_actor", default="系统")


def set_actor(actor: str) -> None:
    ACTOR.set(actor)


def actor() -> str:
    """Who is acting now, as stored."""
    return ACTOR.get()[:100]


async def record(event_id: int | None, action: str, entity: str, entity_id: object, summary: str,
                 detail: dict[str, Any] | None = None) -> None:  # fmt: skip
    """Write one entry; call it inside the transaction that makes the change."""
    await AuditEntry.insert(AuditEntry(
        event=event_id, at=datetime.now(UTC), actor=actor(), action=action[:40], entity=entity[:30],
        entity_id=str(entity_id)[:40], summary=summary[:500], detail=detail or {},
    ))  # fmt: skip


class AuditView(Struct, kw_only=True):
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    summary: str


async def latest(
    event_id: int, *, entity: str | None = None, actor: str | None = None, limit: int = 300
) -> list[AuditView]:
    where = AuditEntry.event == event_id
    if entity:
        where &= AuditEntry.entity == entity
    if actor:
        where &= AuditEntry.actor.like(f"%{actor.replace('%', '')}%")
    rows = await AuditEntry.select(
        AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.summary
    ).where(where).order_by(AuditEntry.id, ascending=False).limit(limit)  # fmt: skip
    return [AuditView(**r) for r in rows]


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that differ (values made JSON-friendly)."""
    plain = lambda v: v.isoformat() if hasattr(v, "isoformat") else getattr(v, "value", v)  # noqa: E731
    return {
        k: [plain(before.get(k)), plain(v)]
        for k, v in after.items()
        if plain(before.get(k)) != plain(v)
    }
