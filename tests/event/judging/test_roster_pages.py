"""Organisers' roster and panels pages: a judge by hand, the Excel template filled and read
back, one press assigns, a manual change refused in Chinese naming the judge."""

from __future__ import annotations

import io

from httpx import AsyncClient
from openpyxl import load_workbook

from event.current import EventInfo
from event.enums import Role
from event.judging import roster
from event.tables import AuditEntry, PanelSeat
from tests.event.judging.world import build
from tests.factories import login, shown_errors


async def test_a_judge_typed_in_is_on_the_roster(client: AsyncClient, event: EventInfo) -> None:
    await login(client, "boss", Role.organiser)
    sent = await client.post("/admin/judges/", data={
        "name": "林静", "unit": "河南省机械工业质量管理协会", "mobile": "139 0000 8888",
        "province": "河南", "qualification": "诊断师", "kinds": ["qc", "story"], "may_lead": "1"})  # fmt: skip
    assert sent.status_code == 303
    [judge] = await roster.judges(event.id)
    assert (judge.name, judge.mobile, judge.kinds, judge.may_lead) == (
        "林静",
        "13900008888",
        ("qc", "story"),
        True,
    )


async def test_wrong_fields_are_shown_beside_them(client: AsyncClient, event: EventInfo) -> None:
    await login(client, "boss", Role.organiser)
    sent = await client.post(
        "/admin/judges/", data={"name": "", "unit": "某协会", "mobile": "12345"}
    )
    assert sent.status_code == 400
    assert shown_errors(sent.text) == {
        "name": "姓名不能为空",
        "mobile": "手机号码应为11位数字，以1开头（可带+86、空格或短横线）",
        "kinds": "请至少选择一类可评审的发表（QC小组、质量信得过班组、品牌故事）",
    }


async def _filled(client: AsyncClient, rows: list[tuple[str, ...]]) -> bytes:
    wb = load_workbook(io.BytesIO((await client.get("/admin/judges/template.xlsx")).content))
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def test_template_filled_in_imports_every_row(client: AsyncClient, event: EventInfo) -> None:
    await login(client, "boss", Role.organiser)
    body = await _filled(client, [
        ("赵一", "北京市机械工业质量管理协会", "北京", "13900000001", "诊断师", "QC小组、质量信得过班组", "是"),
        ("钱二", "上海某重工有限公司", "上海", "13900000002", "", "品牌故事", "否")])  # fmt: skip
    sent = await client.post("/admin/judges/import", files={"file": ("评委.xlsx", body)})
    assert sent.status_code == 303
    got = [(j.name, j.kinds, j.may_lead) for j in await roster.judges(event.id)]
    assert got == [("赵一", ("qc", "team"), True), ("钱二", ("story",), False)]
    assert await AuditEntry.select(AuditEntry.action).first() == {"action": "judge.import"}


async def test_a_bad_row_refuses_the_whole_file_naming_it(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "boss", Role.organiser)
    body = await _filled(client, [
        ("赵一", "北京市机械工业质量管理协会", "北京", "13900000001", "诊断师", "QC小组", "是"),
        ("钱二", "上海某重工有限公司", "上海", "1390000", "", "QC小组", "否")])  # fmt: skip
    sent = await client.post("/admin/judges/import", files={"file": ("评委.xlsx", body)})
    assert sent.status_code == 400
    assert "第4行 D列（手机号码）：手机号码应为11位数字" in sent.text  # row 2: the example
    assert await roster.judges(event.id) == []


async def test_one_press_assigns_and_a_bad_change_is_refused_naming_the_judge(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await login(client, "boss", Role.organiser)
    assigned = await client.post("/admin/judges/assign", data={})
    assert assigned.status_code == 200 and 'id="assigned"' in assigned.text
    seats = await PanelSeat.count()
    refused = await client.post(f"/admin/judges/panels/{world.rooms['第一分会场']}/D1-AM",
                                data={"what": "add", "judge": str(world.judges["周敏"].id)})  # fmt: skip
    assert refused.status_code == 409
    assert "周敏（甲机床有限公司）" in refused.text
    assert await PanelSeat.count() == seats


async def test_panels_page_of_one_room(client: AsyncClient, event: EventInfo) -> None:
    world = await build(event)
    await login(client, "boss", Role.organiser)
    await client.post("/admin/judges/assign", data={})
    page = await client.get(f"/admin/judges/panels?day=2021-08-18&room={world.rooms['第二分会场']}")
    assert page.status_code == 200
    assert "第二分会场 08:30–12:00" in page.text and "第一分会场 08:30–12:00" not in page.text
