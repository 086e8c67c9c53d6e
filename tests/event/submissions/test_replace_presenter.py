"""Replacing a submission with Excel (its private link's 用Excel替换) moves its presentation to
the presenter the new file names, through the one registration write path, or changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from httpx import AsyncClient

from event.current import EventInfo, current_event, set_quota, update_event
from event.enums import AttendeeCategory
from event.errors import Conflict
from event.programme.schedule import views
from event.submissions import service as submissions
from event.tables import AuditEntry, PresentationPresenter, Registration, Submission
from tests.event.submissions.test_submission_excel import fill, template
from tests.factories import qc

NEW = {"presenter_name": "赵新人", "presenter_mobile": "13900139003"}


async def _sent(client: AsyncClient) -> str:
    response = await client.post("/api/submissions/qc", json=qc())
    assert response.status_code == 201
    return response.json()["token"]


async def _replace(client: AsyncClient, token: str, **changes: object):
    content = fill(await template(client, "qc"), "qc", [qc(**changes)])
    return await client.post(
        f"/s/{token}/excel", files={"file": ("filled.xlsx", content, "application/octet-stream")}
    )


async def _presenters(event: EventInfo) -> list[str]:
    return [i.presenters for i in await views.items(event.id)]


async def _state() -> list[object]:
    """Everything a refused replace must leave as it was."""
    PP = PresentationPresenter
    return [
        await Submission.select(Submission.data, Submission.updated_at),
        await PP.select(PP.id, PP.person).order_by(PP.id),
        await Registration.select(Registration.id, Registration.person).order_by(Registration.id),
        await AuditEntry.count(),
    ]


async def test_replace_with_another_presenter_moves_the_presentation_to_them(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    done = await _replace(client, token, **NEW)
    assert done.status_code == 200 and "已保存 1 份材料" in done.text
    assert await _presenters(event) == ["赵新人"]
    # The old presenter's registration stays (only they or an organiser cancel it).
    people = await Registration.select(
        Registration.person.name.as_alias("name"), Registration.status
    )
    assert sorted((p["name"], p["status"]) for p in people) == [
        ("王发表", "active"),
        ("赵新人", "active"),
    ]
    entries = await AuditEntry.select(
        AuditEntry.action, AuditEntry.entity, AuditEntry.summary
    ).order_by(AuditEntry.id)
    assert [(e["action"], e["entity"]) for e in entries[-3:]] == [
        ("submission.replace", "submission"), ("registration.create", "registration"),
        ("submission.replace", "presentation"),
    ]  # fmt: skip
    assert (
        entries[-1]["summary"] == "《精益求精QC小组 · 降低齿轮箱渗漏率》的发表人：王发表 → 赵新人"
    )


async def test_replace_refused_when_the_new_presenter_finds_the_quota_full(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    await set_quota(event.id, AttendeeCategory("presenter"), 1)  # the old presenter holds it
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    before = await _state()
    refused = await _replace(client, token, **NEW)
    assert refused.status_code == 409 and "“成果发表者”名额已满（共1个，已登记1人）" in refused.text
    assert await _state() == before
    assert await _presenters(event) == ["王发表"]


async def test_replace_refusal_names_the_presenter_field(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    await set_quota(event.id, AttendeeCategory("presenter"), 1)
    stored = await submissions.by_token(token)
    rows = [(4, {k: ("是" if v is True else v) for k, v in qc(**NEW).items()})]
    with pytest.raises(Conflict) as refused:
        await submissions.submit_many(await current_event(), "qc", rows, frozenset({stored["id"]}))
    assert (refused.value.code, refused.value.field) == ("quota_full", "presenter_mobile")


async def test_replace_with_the_same_presenter_leaves_the_presentation_as_it_was(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    await set_quota(event.id, AttendeeCategory("presenter"), 1)  # full: a new one would be refused
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    PP = PresentationPresenter
    links = await PP.select(PP.id, PP.person)
    done = await _replace(client, token, contact_name="李娜")
    assert done.status_code == 200
    assert await PP.select(PP.id, PP.person) == links
    assert await Registration.count() == 1
    assert await AuditEntry.count().where(AuditEntry.entity == "presentation") == 0


async def test_withdrawn_presentation_takes_the_new_presenter_when_accepted_again(
    client: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, material_deadline=date(2020, 7, 15))
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    token = await _sent(client)
    late = await current_event()
    stored = await submissions.by_token(token)
    await submissions.decide_late(late, stored["id"], accept=True)
    await submissions.decide_late(late, stored["id"], accept=False)
    assert (await _replace(client, token, **NEW)).status_code == 200
    assert await Registration.count() == 1  # nobody registered for a withdrawn presentation
    await submissions.decide_late(late, stored["id"], accept=True)
    assert await _presenters(event) == ["赵新人"]
