"""Personal data in the lists: desk staff see mobile numbers masked and export nothing; every
export of personal data is audited (`export.personal`)."""

from __future__ import annotations

import re

from httpx import AsyncClient

from event.enums import Role
from event.tables import AuditEntry
from tests.factories import delegation, login, person


async def _exports() -> list[tuple[str, str]]:
    rows = await AuditEntry.select(AuditEntry.entity, AuditEntry.summary).where(
        AuditEntry.action == "export.personal"
    )
    return [(r["entity"], r["summary"]) for r in rows]


async def test_staff_list_page_shows_mobile_masked(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person(mobile="13812341234"))
    await login(client, "desk1", Role.staff)
    page = (await client.get("/admin/registrations")).text
    assert (re.findall(r"138\*\*\*\*1234|13812341234", page)) == ["138****1234"]


async def test_staff_api_list_shows_mobile_masked(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person(mobile="13812341234"))
    await login(client, "desk1", Role.staff)
    items = (await client.get("/api/admin/registrations")).json()["items"]
    assert [i["mobile"] for i in items] == ["138****1234"]


async def test_organiser_list_shows_whole_mobile(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person(mobile="13812341234"))
    await login(client, "zhang", Role.organiser)
    items = (await client.get("/api/admin/registrations")).json()["items"]
    assert [i["mobile"] for i in items] == ["13812341234"]


async def test_staff_cannot_export_and_leaves_no_export_entry(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person())
    await login(client, "desk1", Role.staff)
    response = await client.get("/admin/registrations.xlsx")
    assert (response.status_code, await _exports()) == (403, [])


async def test_organiser_registration_export_is_audited(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person())
    await login(client, "zhang", Role.organiser)
    assert (await client.get("/admin/registrations.xlsx")).status_code == 200
    assert await _exports() == [("registration", "导出参会登记名单（1人）")]


async def test_unit_contact_workbook_is_audited(client: AsyncClient) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    assert (await client.get(f"/d/{made['token']}/delegation.xlsx")).status_code == 200
    assert await _exports() == [("delegation", "单位联系人导出集体登记名单（1人）")]
