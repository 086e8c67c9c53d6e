"""The organisers' registration desk: find, open, correct, cancel, reinstate, walk-in."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient

from event.current import EventInfo, update_event
from event.enums import Role
from event.tables import AuditEntry, Registration
from tests.factories import login, person


@pytest.fixture
async def organiser(client: AsyncClient) -> AsyncClient:
    await login(client, "zhang", Role.organiser)
    return client


async def registered(client: AsyncClient, **overrides: object) -> dict:
    response = await client.post("/api/registrations", json=person(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def form_of(**overrides: str) -> dict[str, str]:
    body = {k: str(v) for k, v in person().items()}
    return body | overrides


async def names_found(client: AsyncClient, q: str) -> list[str]:
    page = await client.get("/admin/registrations", params={"q": q})
    return re.findall(r'<a href="/admin/registrations/\d+">([^<]+)</a>', page.text)


async def test_search_by_name_mobile_and_its_last_four_digits(organiser: AsyncClient) -> None:
    await registered(organiser, name="欧阳明月", mobile="13800138000")
    await registered(organiser, name="王小明", mobile="13900139111")
    assert await names_found(organiser, "明月") == ["欧阳明月"]
    assert await names_found(organiser, "139 0013 9111") == ["王小明"]
    assert await names_found(organiser, "8000") == ["欧阳明月"]


async def test_detail_shows_fields_badge_arrival_history_and_absolute_link(
    organiser: AsyncClient,
) -> None:
    made = await registered(organiser, dietary="清真", arrival_transport="G101")
    page = await organiser.get(f"/admin/registrations/{made['id']}")
    assert page.status_code == 200
    for shown in ("王小明", "13800138000", "清真", "G101", "尚未编号", "未报到", "登记为"):
        assert shown in page.text
    assert f'value="http://testserver/r/{made["token"]}"' in page.text


async def test_organiser_corrects_the_name_audited_as_the_organiser(
    organiser: AsyncClient,
) -> None:
    made = await registered(organiser)
    response = await organiser.post(
        f"/admin/registrations/{made['id']}", data=form_of(name="王晓明")
    )
    assert response.status_code == 303
    row = await Registration.select(Registration.person.name).first()
    assert row["person.name"] == "王晓明"
    entry = await AuditEntry.select().where(AuditEntry.action == "registration.update").first()
    assert entry["actor"].startswith("组织者 zhang") and entry["entity_id"] == str(made["id"])


async def test_wrong_edit_is_shown_beside_the_field_and_stores_nothing(
    organiser: AsyncClient,
) -> None:
    made = await registered(organiser)
    response = await organiser.post(
        f"/admin/registrations/{made['id']}", data=form_of(name="王晓明", mobile="138")
    )
    assert response.status_code == 400
    assert re.search(r'id="err-mobile"[^>]*>手机号码应为11位数字', response.text)
    assert 'value="王晓明"' in response.text
    assert (await Registration.select(Registration.person.name).first())["person.name"] == "王小明"


async def test_cancel_then_reinstate_with_audit(organiser: AsyncClient) -> None:
    made = await registered(organiser)
    await organiser.post(f"/admin/registrations/{made['id']}/cancel")
    assert (await Registration.select(Registration.status).first())["status"] == "cancelled"
    await organiser.post(f"/admin/registrations/{made['id']}/reinstate")
    assert (await Registration.select(Registration.status).first())["status"] == "active"
    actions = await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id)
    assert [a["action"] for a in actions] == [
        "registration.create", "registration.cancel", "registration.reinstate",
    ]  # fmt: skip


async def test_reinstate_refused_when_the_person_registered_again(
    organiser: AsyncClient,
) -> None:
    first = await registered(organiser)
    await organiser.post(f"/admin/registrations/{first['id']}/cancel")
    await registered(organiser)
    response = await organiser.post(f"/admin/registrations/{first['id']}/reinstate")
    assert response.status_code == 409 and "该代表已有另一条有效登记" in response.text
    assert await Registration.count().where(Registration.status == "active") == 1


async def test_walk_in_at_the_desk_after_the_closing_time(
    client: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, registration_closes_at=datetime.now(UTC) - timedelta(days=1))
    await login(client, "desk1", Role.staff)
    response = await client.post("/admin/registrations/new", data=form_of())
    assert response.status_code == 303
    made = await Registration.select(Registration.id).first()
    assert response.headers["location"] == f"/desk/p/{made['id']}"


async def test_staff_cannot_open_a_registration_by_id(client: AsyncClient) -> None:
    made = await registered(client)
    await login(client, "desk1", Role.staff)
    assert (await client.get(f"/admin/registrations/{made['id']}")).status_code == 403


async def test_the_filter_form_with_its_empty_choices_lists_everyone(
    organiser: AsyncClient,
) -> None:
    await registered(organiser)
    page = await organiser.get("/admin/registrations?q=&category=&organization=&status=")
    assert page.status_code == 200 and "王小明" in page.text
