"""Results from stored sheets, grades by the organisers' rule, the award documents read back."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from httpx import AsyncClient
from openpyxl import load_workbook
from pypdf import PdfReader

from event.current import EventInfo
from event.enums import Role
from event.errors import InvalidInput
from event.judging import awards, documents, panels, scoring
from event.judging.results import Entry, Ranked, Score
from event.judging.rubrics import default_rubric
from event.tables import AuditEntry, JudgingSetting
from tests.event.judging.world import build
from tests.factories import login

QC = default_rubric("qc")
# Per code, the mark each judge gives on every item (all items max ≥ 5): totals 11 × mark.
MARKS = {
    "QC-0001": "5",
    "QC-0002": "4",
    "QC-0003": "3",
    "QC-0004": "4.5",
    "QC-0005": "2",
    "QC-0006": "4",
}


async def _scored(event: EventInfo) -> None:
    world = await build(event)
    await panels.solve(event.id, seed=1)
    for entry in panels.export(await panels.world(event.id))["panels"]:
        for j in entry["judges"]:
            for p in entry["presentations"]:
                form = {item.code: MARKS[p["code"]] for _, item in QC.items()}
                await scoring.submit(event.id, world.judges[j["name"]], p["code"], form)


async def test_ranking_per_kind_and_grades_by_thresholds(event: EventInfo) -> None:
    await _scored(event)
    await awards.set_rule(
        event.id, "qc", {"mode": "thresholds", "first": "50", "second": "44", "third": "30"}
    )
    res = await awards.compute(event.id, event.timezone)
    got = [(r.rank, r.entry.presentation, r.entry.score.mean, r.grade) for r in res.by_kind["qc"]]
    assert got == [
        (1, "QC-0001", Decimal("55.00"), "一等"),
        (2, "QC-0004", Decimal("49.50"), "二等"),
        (3, "QC-0002", Decimal("44.00"), "二等"),
        (3, "QC-0006", Decimal("44.00"), "二等"),
        (5, "QC-0003", Decimal("33.00"), "三等"),
        (6, "QC-0005", Decimal("22.00"), ""),
    ]
    assert [r.tied for r in res.by_kind["qc"]][2:4] == [True, True]


async def test_grades_by_quotas_and_best_per_room(event: EventInfo) -> None:
    await _scored(event)
    await awards.set_rule(
        event.id, "qc", {"mode": "quotas", "first": "1", "second": "1", "third": "1"}
    )
    res = await awards.compute(event.id, event.timezone)
    assert [(r.entry.presentation, r.grade) for r in res.by_kind["qc"]][:3] == [
        ("QC-0001", "一等"), ("QC-0004", "二等"), ("QC-0002", "三等")]  # fmt: skip
    assert {room: [r.entry.presentation for r in best] for room, best in res.best.items()} == {
        "第一分会场": ["QC-0001"], "第二分会场": ["QC-0004"]}  # fmt: skip
    assert [r.entry.presentation for r in res.shortlist] == ["QC-0001", "QC-0004"]  # one per room


async def test_thresholds_out_of_order_are_refused(event: EventInfo) -> None:
    with pytest.raises(InvalidInput) as caught:
        await awards.set_rule(
            event.id, "qc", {"mode": "thresholds", "first": "40", "second": "60", "third": "30"}
        )
    assert caught.value.message == "分数线应为一等 ≥ 二等 ≥ 三等"


async def test_short_panel_is_said_on_each_score(event: EventInfo) -> None:
    await _scored(event)
    res = await awards.compute(event.id, event.timezone)
    three = next(
        r for r in res.by_room["第一分会场"] + res.by_room["第二分会场"] if r.entry.score.count == 3
    )
    assert three.entry.score.note == "评分不足 5 份（3 份），未去掉最高分和最低分"


async def test_certificates_pdf_one_landscape_page_per_award_in_chinese(
    client: AsyncClient, event: EventInfo
) -> None:
    await _scored(event)
    await awards.set_rule(
        event.id, "qc", {"mode": "thresholds", "first": "50", "second": "44", "third": "30"}
    )
    await login(client, "boss", Role.organiser)
    answer = await client.get("/admin/judging/certificates.pdf")
    assert answer.status_code == 200
    pdf = PdfReader(io.BytesIO(answer.content))
    assert len(pdf.pages) == 5
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape, pt
    text = "".join(pdf.pages[0].extract_text().split())
    assert "奖状" in text and "甲机床有限公司" in text and "一等奖" in text and "特发此状" in text


async def test_award_list_pdf_groups_by_grade_without_ranks(
    client: AsyncClient, event: EventInfo
) -> None:
    await _scored(event)
    await awards.set_rule(
        event.id, "qc", {"mode": "quotas", "first": "2", "second": "2", "third": "2"}
    )
    await login(client, "boss", Role.organiser)
    answer = await client.get("/admin/judging/awards.pdf?order=unit")
    text = "".join(
        "".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(answer.content)).pages
    )
    assert "（排名不分先后）" in text
    assert (
        text.index("QC小组一等奖（2项）")
        < text.index("QC小组二等奖（2项）")
        < text.index("QC小组三等奖")
    )


async def test_results_xlsx_has_a_sheet_per_kind_and_room(
    client: AsyncClient, event: EventInfo
) -> None:
    await _scored(event)
    await login(client, "boss", Role.organiser)
    answer = await client.get("/admin/judging/results.xlsx")
    wb = load_workbook(io.BytesIO(answer.content))
    assert wb.sheetnames == [
        "QC小组",
        "第一分会场",
        "第二分会场",
        "各分会场最佳发表",
        "优秀成果演示候选",
        "获奖名单",
    ]
    assert [r[1] for r in wb["优秀成果演示候选"].iter_rows(min_row=3, values_only=True)] == [
        "QC-0001",
        "QC-0004",
    ]


def test_award_list_by_strokes_orders_by_presenter_surname() -> None:
    res = awards.Results(
        talks={
            c: awards.Talk(c, "题", u, n)
            for c, u, n in (("QC-1", "甲公司", "王五"), ("QC-2", "乙公司", "丁一"))
        },
        by_room={},
        by_kind={},
        best={},
        shortlist=[],
        rules={},
    )

    def ranked(code: str, unit: str) -> Ranked:
        score = Score(code, Decimal(90), (), 5, True, False, "")
        return Ranked(Entry(code, "甲", "qc", unit, score), 1, True, "", "一等")

    res.by_kind["qc"] = [ranked("QC-1", "甲公司"), ranked("QC-2", "乙公司")]
    assert [a.presenters for a in documents.award_list(res, "strokes")] == [
        "丁一",
        "王五",
    ]  # 丁 2 strokes


async def test_judge_badges_carry_the_judge_band_and_their_room(
    client: AsyncClient, event: EventInfo
) -> None:
    await _scored(event)
    await login(client, "boss", Role.organiser)
    answer = await client.get("/admin/judging/judge-badges.pdf")
    pdf = PdfReader(io.BytesIO(answer.content))
    assert len(pdf.pages) == 8
    text = "".join(pdf.pages[1].extract_text().split())
    assert "评委" in text and "吴刚" in text and "8月18日08:30" in text


async def _graded_with_a_tie(event: EventInfo) -> None:
    """QC-0002 and QC-0006 both 44.00 on every part: tied, both 二等."""
    await _scored(event)
    await awards.set_rule(
        event.id, "qc", {"mode": "thresholds", "first": "50", "second": "44", "third": "30"}
    )


async def test_results_xlsx_names_the_tie_rule_and_where_a_tie_stands(
    client: AsyncClient, event: EventInfo
) -> None:
    await _graded_with_a_tie(event)
    await login(client, "boss", Role.organiser)
    wb = load_workbook(io.BytesIO((await client.get("/admin/judging/results.xlsx")).content))
    assert wb["QC小组"]["A1"].value == "QC小组评分结果（同分规则：发表部分得分高者在前）"
    awarded = {r[2]: (r[1], r[6]) for r in wb["获奖名单"].iter_rows(min_row=3, values_only=True)}
    assert awarded["QC-0002"] == ("二等", "与 QC-0006 总分和发表部分得分均相同，并列")
    assert awarded["QC-0001"] == ("一等", None)


async def test_award_list_pdf_names_the_tie_rule_and_the_tie(
    client: AsyncClient, event: EventInfo
) -> None:
    await _graded_with_a_tie(event)
    await awards.set_tie_rule(event.id, {"tie_rule": "none"})
    await login(client, "boss", Role.organiser)
    answer = await client.get("/admin/judging/awards.pdf?order=unit")
    text = "".join(
        "".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(answer.content)).pages
    )
    assert "同分规则：不拆分，并列" in text
    assert "与QC-0006总分相同，不拆分，并列" in text


async def test_tie_rule_chosen_on_the_results_page_is_stored_audited_and_shown(
    client: AsyncClient, event: EventInfo
) -> None:
    await _graded_with_a_tie(event)
    await login(client, "boss", Role.organiser)
    sent = await client.post("/admin/judging/tie-rule", data={"tie_rule": "material"})
    assert sent.status_code == 303
    assert await awards.tie_rule(event.id) == "material"
    page = await client.get("/admin/judging/results")
    assert "同分规则：<strong>资料部分得分高者在前</strong>" in page.text
    assert "与 QC-0006 总分和资料部分得分均相同，并列" in page.text
    entry = (
        await AuditEntry.select(AuditEntry.action, AuditEntry.summary)
        .where(AuditEntry.action == "tie_rule.set")
        .first()
    )
    assert entry == {"action": "tie_rule.set", "summary": "同分排序规则：资料部分得分高者在前"}


async def test_an_unknown_tie_rule_is_refused_naming_the_field(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "boss", Role.organiser)
    answer = await client.post("/admin/judging/tie-rule", data={"tie_rule": "coin"})
    assert answer.status_code == 400
    assert 'id="err-tie_rule"' in answer.text and "请选择同分时的排序规则" in answer.text
    assert await JudgingSetting.count() == 0
    assert await awards.tie_rule(event.id) == "delivery"
