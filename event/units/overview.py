"""What a signed-in unit contact sees: every delegation of the unit with its members, and every
submission with its private link."""

from __future__ import annotations

from typing import Any

from event.enums import SubmissionKind, SubmissionStatus
from event.registration import delegations
from event.registration.delegation_schemas import DelegationView
from event.tables import Delegation, Submission


async def unit_delegations(event_id: int, org_id: int) -> list[tuple[str, DelegationView]]:
    """(token, view) of each of the unit's delegations, oldest first."""
    rows = await Delegation.select(Delegation.token).where(
        (Delegation.event == event_id) & (Delegation.organization == org_id)
    ).order_by(Delegation.id)  # fmt: skip
    return [(r["token"], await delegations.by_token(r["token"])) for r in rows]


async def unit_submissions(event_id: int, org_id: int) -> list[dict[str, Any]]:
    """The unit's submissions with their kind, status and link."""
    S = Submission
    rows = await S.select(S.id, S.kind, S.title, S.status, S.token, S.submitted_at).where(
        (S.event == event_id) & (S.organization == org_id)
    ).order_by(S.kind).order_by(S.id)  # fmt: skip
    for r in rows:
        r["kind_label"] = SubmissionKind(r["kind"]).label
        r["status_label"] = SubmissionStatus(r["status"]).label
        r["url"] = f"/s/{r.pop('token')}"
    return rows
