"""The attachment pages: online forms, sealed scans, the organisers' desk for material, 附件三."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from httpx import AsyncClient

from event.current import EventInfo, update_event
from event.enums import Role
from event.submissions.files import MAX_BYTES
from event.tables import FileBlob, ParticipationRecord, Presentation, Submission, SubmissionFile
from tests.factories import UNIT, login, nomination, qc, story, team

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
async def organiser(client: AsyncClient) -> AsyncClient:
    await login(client, "zhang", Role.organiser)
    return client


async def sent(client: AsyncClient, kind: str, body: dict) -> dict:
    response = await client.post(f"/api/submissions/{kind}", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def test_online_form_shows_every_field_of_the_attachment(client: AsyncClient) -> None:
    page = await client.get("/submit/qc")
    assert page.status_code == 200
    assert "附件一 全国机械工业优秀质量管理小组成果表" in page.text
    for label in (
        "QC小组名称",
        "课题名称",
        "会上是否发表",
        "成果类型",
        "小组活动指导者",
        "小组简介及主要活动过程与效果",
    ):
        assert label in page.text
    assert '<option value="创新型"' in page.text


async def test_online_form_error_beside_field_keeps_values_stores_nothing(
    client: AsyncClient,
) -> None:
    form = {k: ("是" if v is True else str(v)) for k, v in qc(postcode="4710").items()}
    response = await client.post("/submit/qc", data=form)
    assert response.status_code == 400
    assert re.search(r'id="err-postcode"[^>]*>邮政编码应为6位数字', response.text)
    assert 'value="精益求精QC小组"' in response.text
    assert await Submission.count() == 0


async def test_online_form_success_leads_to_own_page(client: AsyncClient) -> None:
    form = {k: ("是" if v is True else str(v)) for k, v in qc().items()}
    response = await client.post("/submit/qc", data=form)
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert "已收到" in page.text and "精益求精QC小组 · 降低齿轮箱渗漏率" in page.text


async def test_sealed_scan_upload_checks_type_and_stores_by_hash(
    client: AsyncClient, tmp_path: Path
) -> None:
    receipt = await sent(client, "qc", qc())
    ok = await client.post(
        f"/api/submissions/by-token/{receipt['token']}/files",
        files={"file": ("盖章.pdf", PDF, "application/pdf")},
    )
    assert ok.status_code == 201
    info = ok.json()
    assert (info["filename"], info["media_type"], info["size"]) == (
        "盖章.pdf",
        "application/pdf",
        len(PDF),
    )
    blob = await FileBlob.select(FileBlob.content).where(FileBlob.sha256 == info["sha256"]).first()
    on_disk = tmp_path / "uploads" / info["sha256"][:2] / info["sha256"]
    assert (
        bytes(blob["content"]) if blob else on_disk.read_bytes()
    ) == PDF  # PostgreSQL: in the database
    bad = await client.post(
        f"/api/submissions/by-token/{receipt['token']}/files",
        files={"file": ("x.pdf", b"MZ\x90\x00", "application/pdf")},
    )
    assert (bad.status_code, bad.json()["message"]) == (
        400,
        "只接受盖章表格的扫描件：PDF、JPG或PNG",
    )
    assert await SubmissionFile.count() == 1


async def test_sealed_scan_too_large_refused(client: AsyncClient) -> None:
    receipt = await sent(client, "qc", qc())
    big = PDF + b"0" * MAX_BYTES
    response = await client.post(
        f"/api/submissions/by-token/{receipt['token']}/files",
        files={"file": ("big.pdf", big, "application/pdf")},
    )
    assert (response.status_code, response.json()["message"]) == (400, "文件不能超过20MB")
    assert await SubmissionFile.count() == 0


async def test_late_item_counts_only_after_organiser_accepts(
    organiser: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, material_deadline=date(2020, 7, 15))
    organiser._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    receipt = await sent(organiser, "qc", qc())
    late = await organiser.get("/admin/submissions", params={"status": "late"})
    assert "精益求精QC小组" in late.text
    assert await Presentation.count() == 0
    decided = await organiser.post(
        f"/admin/submissions/{receipt['id']}/decision", data={"accept": "1"}
    )
    assert decided.status_code == 303
    assert (await Submission.select(Submission.status).first())["status"] == "accepted"
    assert await Presentation.count() == 1
    await organiser.post(f"/admin/submissions/{receipt['id']}/decision", data={"accept": "0"})
    assert (await Presentation.select(Presentation.withdrawn).first())["withdrawn"] is True


async def test_on_time_item_needs_no_decision(organiser: AsyncClient) -> None:
    receipt = await sent(organiser, "qc", qc())
    response = await organiser.post(
        f"/admin/submissions/{receipt['id']}/decision", data={"accept": "0"}
    )
    assert (response.status_code, response.json()["message"]) == (400, "该材料按时收到，无需处理")


async def test_nomination_needing_verification_is_listed_and_can_be_verified(
    organiser: AsyncClient,
) -> None:
    receipt = await sent(organiser, "nomination", nomination(declared_years="2016、2018、2020"))
    assert receipt["needs_verification"] is True
    page = await organiser.get("/admin/submissions", params={"verification": "true"})
    assert "周推进" in page.text
    await organiser.post(
        f"/admin/submissions/{receipt['id']}/flags",
        data={"verified": "1", "note": "经核对参会名单属实"},
    )
    row = await Submission.select(
        Submission.needs_verification, Submission.verification_note
    ).first()
    assert row == {"needs_verification": False, "verification_note": "经核对参会名单属实"}


async def test_story_paper_copy_ticked(organiser: AsyncClient) -> None:
    receipt = await sent(organiser, "story", story())
    await organiser.post(f"/admin/submissions/{receipt['id']}/flags", data={"paper_received": "1"})
    assert (await Submission.select(Submission.paper_received).first())["paper_received"] is True


async def test_units_page_lists_what_is_missing(organiser: AsyncClient) -> None:
    await sent(organiser, "story", story())
    page = await organiser.get("/admin/units")
    assert UNIT in page.text
    assert "附件四 质量品牌故事《一颗螺丝钉的品牌之路》缺盖章扫描件" in page.text
    assert "纸质材料未收到" in page.text


async def test_summary_by_a_submission_link_has_only_that_submission(
    organiser: AsyncClient,
) -> None:
    await sent(organiser, "qc", qc())
    receipt = await sent(organiser, "team", team())
    response = await organiser.get(f"/s/{receipt['token']}/summary", params={"format": "xlsx"})
    rows = list(
        openpyxl.load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    # rows 1-2: the title and the unit; row 3: the headings
    assert [(*r[1:4], r[6]) for r in rows[3:]] == [("质量信得过班组", "现场型", "总装一班", "是")]


async def test_unit_summary_generated_from_its_results(organiser: AsyncClient) -> None:
    await sent(organiser, "qc", qc())
    await sent(
        organiser,
        "qc",
        qc(group_name="攻坚QC小组", presented=False, presenter_name=None, presenter_mobile=None),
    )
    await sent(organiser, "team", team())
    org = (await Submission.select(Submission.organization).first())["organization"]
    response = await organiser.get(f"/admin/units/{org}/summary", params={"format": "xlsx"})
    rows = list(
        openpyxl.load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert rows[2] == (
        "序号",
        "类别",
        "成果类型/班组类型",
        "小组/班组名称",
        "课题名称",
        "企业名称",
        "会上是否发表",
        "联系人",
        "手机",
    )
    assert [(*r[1:4], r[6]) for r in rows[3:]] == [
        ("QC小组", "现场型", "精益求精QC小组", "是"), ("QC小组", "现场型", "攻坚QC小组", "否"), ("质量信得过班组", "现场型", "总装一班", "是"),
    ]  # fmt: skip


async def test_submission_export_keeps_formula_like_text_as_text(organiser: AsyncClient) -> None:
    await sent(organiser, "qc", qc(group_name='=HYPERLINK("http://x","点我")'))
    response = await organiser.get("/admin/submissions.xlsx")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    cell = next(c for c in sheet["D"] if str(c.value).startswith("=HYPERLINK"))
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


async def test_history_import_all_or_nothing(organiser: AsyncClient) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "单位", "年份", "备注"])
    ws.append(["周推进", UNIT, 2016, ""])
    ws.append(["周推进", UNIT, "去年", ""])
    buffer = BytesIO()
    wb.save(buffer)
    bad = await organiser.post(
        "/admin/history", files={"file": ("h.xlsx", buffer.getvalue(), "application/octet-stream")}
    )
    assert bad.status_code == 400 and "第3行：年份应为四位数字" in bad.text
    assert await ParticipationRecord.count() == 0
    ws.cell(row=3, column=3, value=2018)
    buffer = BytesIO()
    wb.save(buffer)
    good = await organiser.post(
        "/admin/history", files={"file": ("h.xlsx", buffer.getvalue(), "application/octet-stream")}
    )
    assert good.status_code == 200 and "新增 2 条记录" in good.text
    assert await ParticipationRecord.count() == 2
