"""The audit log records who changed a registration, a submission or the settings, and when."""

from __future__ import annotations

import msgspec
from httpx import AsyncClient

from event.current import EventInfo, set_quota
from event.desk import checkin
from event.enums import AttendeeCategory, Role
from event.programme import agenda_items, publication
from event.registration import service as registrations
from event.registration.schemas import RegistrationCreate
from event.tables import AuditEntry
from tests.event.programme.programme_data import FIRST, build, store_draft
from tests.factories import login, person, plenary, qc


async def entries() -> list[tuple[str, str, str]]:
    rows = await AuditEntry.select(
        AuditEntry.actor, AuditEntry.action, AuditEntry.summary
    ).order_by(AuditEntry.id)
    return [(r["actor"].split("（")[0], r["action"], r["summary"]) for r in rows]


async def test_registration_changes_are_logged_with_their_actor(client: AsyncClient) -> None:
    token = (await client.post("/api/registrations", json=person())).json()["token"]
    await client.patch(f"/api/registrations/{token}", json={"position": "车间主任"})
    await client.post(f"/api/registrations/{token}/cancel")
    assert await entries() == [
        ("访客", "registration.create", "王小明（某某重型机械股份有限公司）登记为观摩人员"),
        ("本人", "registration.update", "王小明修改了：position"),
        ("本人", "registration.cancel", "王小明（某某重型机械股份有限公司）取消登记"),
    ]


async def test_refused_registration_leaves_no_entry(client: AsyncClient) -> None:
    assert (await client.post("/api/registrations", json=person(mobile="1"))).status_code == 400
    assert await entries() == []


async def test_submission_and_settings_logged_and_shown_to_organisers(client: AsyncClient) -> None:
    await client.post("/api/submissions/qc", json=qc())
    await login(client, "zhang", Role.organiser)
    form = {"name": "第40次交流活动", "edition": "第40次", "venue": "洛阳"}
    assert (await client.post("/admin/settings", data=form)).status_code == 303
    logged = await entries()
    assert logged[0] == (
        "推荐单位", "registration.create",
        "王发表登记为成果发表者（附件一《精益求精QC小组 · 降低齿轮箱渗漏率》的发表人）",
    )  # fmt: skip
    assert logged[1][:2] == ("推荐单位", "submission.create")
    assert logged[1][2].startswith(
        "附件一《精益求精QC小组 · 降低齿轮箱渗漏率》（洛阳华锐重型机械股份有限公司），按时收到"
    )
    assert logged[-1][:2] == ("组织者 zhang", "settings.update")
    page = await client.get("/admin/audit")
    assert page.status_code == 200
    assert "组织者 zhang" in page.text and "报送材料" in page.text


async def test_publish_is_logged_with_its_code(event: EventInfo) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    assert (await entries())[-1][1:] == ("schedule.publish", "发布第1版：3处变动，涉及3人")


async def test_checkin_quota_and_plenary_item_are_logged(event: EventInfo) -> None:
    await set_quota(event.id, AttendeeCategory("observer"), 5)
    await set_quota(event.id, AttendeeCategory("observer"), 5)  # unchanged: nothing written
    item = await agenda_items.add(event.id, plenary(
        {"day": "2026-12-02", "start": "09:00", "end": "10:00", "title": "开幕式", "kind": "plenary",
         "location": "主会场", "host": ""}))  # fmt: skip
    await agenda_items.cancel(event.id, item.id)
    registration = await registrations.register(
        event, msgspec.convert(person(), RegistrationCreate)
    )
    await checkin.arrive(event.id, registration.id, "张会务")
    await checkin.arrive(event.id, registration.id, "张会务")  # a second scan changes nothing
    assert [e[1] for e in await entries()] == [
        "settings.quota", "agenda_item.create", "agenda_item.cancel", "registration.create",
        "checkin.arrive",
    ]  # fmt: skip


async def test_audit_page_filters_by_action_code(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person())
    await client.post("/api/submissions/qc", json=qc(presented=False))
    await login(client, "zhang", Role.organiser)
    page = await client.get("/admin/audit", params={"action": "submission.create"})
    assert ("报送材料" in page.text, "王小明" in page.text) == (True, False)
