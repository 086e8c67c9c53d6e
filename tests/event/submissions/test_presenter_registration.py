"""A presented result registers its presenter through the one registration write path: the
quota, the closing time and the audit apply as to anyone else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient

from event.current import EventInfo, set_quota, update_event
from event.enums import AttendeeCategory
from event.tables import AuditEntry, Presentation, Registration, Submission
from tests.factories import qc


async def test_presented_result_refused_when_the_presenter_quota_is_full(
    client: AsyncClient, event: EventInfo
) -> None:
    await set_quota(event.id, AttendeeCategory("presenter"), 0)
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    response = await client.post("/api/submissions/qc", json=qc())
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        409, "quota_full", "presenter_mobile",
    )  # fmt: skip
    counts = [await t.count() for t in (Registration, Submission, Presentation)]
    assert counts == [0, 0, 0]


async def test_presented_result_refused_after_registration_closes(
    client: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, registration_closes_at=datetime.now(UTC) - timedelta(hours=1))
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    response = await client.post("/api/submissions/qc", json=qc())
    assert (response.status_code, response.json()["code"]) == (409, "registration_closed")
    assert await Submission.count() == 0


async def test_presenter_already_registered_keeps_their_registration(
    client: AsyncClient, event: EventInfo
) -> None:
    own = {
        "name": "王发表",
        "mobile": "13800138002",
        "organization": "某公司",
        "category": "observer",
    }
    assert (await client.post("/api/registrations", json=own)).status_code == 201
    assert (await client.post("/api/submissions/qc", json=qc())).status_code == 201
    rows = await Registration.select(Registration.category)
    assert rows == [{"category": "observer"}]


async def test_presenter_registration_is_audited(client: AsyncClient) -> None:
    assert (await client.post("/api/submissions/qc", json=qc())).status_code == 201
    actions = await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id)
    assert [a["action"] for a in actions] == ["registration.create", "submission.create"]
