"""The audit log records who changed a registration, a submission or the settings, and when."""

from __future__ import annotations

from httpx import AsyncClient

from event.enums import Role
from event.tables import AuditEntry
from tests.event.conftest import person
from tests.event.test_admin import login
from tests.event.test_submissions import qc


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
        ("访客", "登记", "王小明（某某重型机械股份有限公司）登记为观摩人员"),
        ("本人", "修改登记", "王小明修改了：position"),
        ("本人", "取消登记", "王小明（某某重型机械股份有限公司）取消登记"),
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
    assert logged[0][:2] == ("推荐单位", "报送材料")
    assert logged[0][2].startswith(
        "附件一《精益求精QC小组 · 降低齿轮箱渗漏率》（洛阳华锐重型机械股份有限公司），按时收到"
    )
    assert logged[-1][:2] == ("组织者 zhang", "修改会议设置")
    page = await client.get("/admin/audit")
    assert page.status_code == 200
    assert "组织者 zhang" in page.text and "报送材料" in page.text
