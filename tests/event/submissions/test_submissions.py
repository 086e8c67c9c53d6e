"""The attachments sent online: every choice list, limits, rates, the nomination rule, late items."""

from __future__ import annotations

from datetime import date

import pytest
from httpx import AsyncClient

from event.current import EventInfo, update_event
from event.submissions.attachments.specs import QC_RESULT_TYPES, STORY_BRAND, STORY_CONTENT
from event.submissions.history import import_records
from event.tables import Person, Presentation, PresentationPresenter, Registration, Submission
from tests.factories import UNIT, nomination, qc, statistics, story, team


async def test_qc_result_presented_becomes_presentation_with_presenter(
    client: AsyncClient, event: EventInfo
) -> None:
    response = await client.post("/api/submissions/qc", json=qc())
    assert response.status_code == 201
    receipt = response.json()
    assert (receipt["status"], receipt["late"]) == ("received", False)
    assert receipt["presentation"] == f"QC-{receipt['id']:04d}"
    row = await Presentation.select().first()
    assert (row["kind"], row["category"], row["minutes"], row["title"]) == (
        "qc",
        "现场型",
        18,
        "精益求精QC小组 · 降低齿轮箱渗漏率",
    )
    presenter = await PresentationPresenter.select(PresentationPresenter.person.mobile).first()
    assert presenter == {"person.mobile": "13800138002"}
    reg = (
        await Registration.select(Registration.category)
        .where(Registration.person.mobile == "13800138002")
        .first()
    )
    assert reg == {"category": "presenter"}


async def test_qc_result_not_presented_has_no_presentation(client: AsyncClient) -> None:
    response = await client.post(
        "/api/submissions/qc", json=qc(presented="否", presenter_name=None, presenter_mobile=None)
    )
    assert response.status_code == 201
    assert response.json()["presentation"] is None
    assert await Presentation.count() == 0


@pytest.mark.parametrize("value", QC_RESULT_TYPES)
async def test_qc_result_type_choices_accepted(client: AsyncClient, value: str) -> None:
    assert (await client.post("/api/submissions/qc", json=qc(result_type=value))).status_code == 201


async def test_qc_result_type_unknown_refused(client: AsyncClient) -> None:
    response = await client.post("/api/submissions/qc", json=qc(result_type="攻坚型"))
    assert response.status_code == 400
    assert response.json()["field"] == "result_type"
    assert (
        response.json()["message"] == "成果类型应为以下之一：现场型、攻关型、管理型、服务型、创新型"
    )
    assert await Submission.count() == 0


async def test_team_type_list_is_the_events_editable_list(
    client: AsyncClient, event: EventInfo
) -> None:
    assert (
        await client.post("/api/submissions/team", json=team(team_type="安全型"))
    ).status_code == 400
    await update_event(event.id, team_types="现场型\n管理型\n服务型\n安全型")
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    assert (
        await client.post("/api/submissions/team", json=team(team_type="安全型"))
    ).status_code == 201


@pytest.mark.parametrize(("field", "value", "message"), [
    ("completion_rate", "100.5", "班组工作完成率%应在0到100之间（百分数）"),
    ("first_pass_rate", -1, "产品/服务一次合格率%应在0到100之间（百分数）"),
    ("complaints", -2, "年顾客投诉数不能小于0"),
    ("incidents", 1.5, "年质量、安全事故数应为整数"),
    ("team_size", 0, "班组人数不能小于1"),
])  # fmt: skip
async def test_team_kpis_out_of_range_refused(
    client: AsyncClient, field: str, value: object, message: str
) -> None:
    response = await client.post("/api/submissions/team", json=team(**{field: value}))
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["message"]) == (field, message)
    assert await Submission.count() == 0


@pytest.mark.parametrize("content", STORY_CONTENT)
@pytest.mark.parametrize("brand", STORY_BRAND)
async def test_story_choices_accepted(client: AsyncClient, content: str, brand: str) -> None:
    assert (
        await client.post(
            "/api/submissions/story", json=story(content_category=content, brand_type=brand)
        )
    ).status_code == 201


async def test_story_summary_limit_counts_characters_not_bytes(client: AsyncClient) -> None:
    assert (
        await client.post("/api/submissions/story", json=story(summary="质" * 200))
    ).status_code == 201
    refused = await client.post("/api/submissions/story", json=story(summary="质" * 201))
    assert refused.status_code == 400
    assert refused.json()["message"] == "故事主要特色简介不能超过200个字（现为201个字）"


async def test_story_with_speaker_is_told_on_stage_and_speaker_registered(
    client: AsyncClient,
) -> None:
    body = story(
        speaker_name="陈演讲",
        speaker_gender="女",
        speaker_mobile="139-0000-1111",
        speaker_wechat="chen",
    )
    receipt = (await client.post("/api/submissions/story", json=body)).json()
    assert receipt["presentation"].startswith("ST-")
    person = (
        await Person.select(Person.name, Person.gender, Person.wechat)
        .where(Person.mobile == "13900001111")
        .first()
    )
    assert person == {"name": "陈演讲", "gender": "female", "wechat": "chen"}
    assert (await Registration.select(Registration.category).first())["category"] == "storyteller"
    assert (await Presentation.select(Presentation.minutes, Presentation.kind).first()) == {
        "minutes": 10,
        "kind": "story",
    }


async def test_story_speaker_block_half_filled_refused(client: AsyncClient) -> None:
    response = await client.post("/api/submissions/story", json=story(speaker_name="陈演讲"))
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["message"]) == (
        "speaker_mobile",
        "拟参会演讲时演讲人手机不能为空",
    )


@pytest.mark.parametrize(
    ("years", "needs_verification"), [((2016, 2019), True), ((2016, 2019, 2020), False)]
)
async def test_nomination_rule_at_the_boundary(
    client: AsyncClient, years: tuple[int, ...], needs_verification: bool
) -> None:
    await import_records([("周推进", UNIT, y, "") for y in years] + [("周推进", UNIT, 2015, "")])
    receipt = (await client.post("/api/submissions/nomination", json=nomination())).json()
    assert receipt["needs_verification"] is needs_verification
    assert receipt["status"] == "received"  # accepted either way; only verification differs
    if needs_verification:
        assert (
            receipt["verification_note"]
            == "系统记录自2016年以来参加交流活动2次（2016、2019），少于3次，需组织者核实"
        )
    else:
        assert receipt["verification_note"].startswith("系统记录自2016年以来参加交流活动3次")


async def test_application_organising_unit_must_not_be_enterprise(client: AsyncClient) -> None:
    body = {"applicant_kind": "优秀组织单位", "organization": "河南机械工业质量管理协会", "organization_kind": "企业",
            "address": "郑州市金水路1号", "postcode": "450000", "contact": "孙", "contact_phone": "0371-65000000",
            "experience": "组织本省交流。"}  # fmt: skip
    refused = await client.post("/api/submissions/application", json=body)
    assert refused.status_code == 400
    assert refused.json()["field"] == "organization_kind"
    assert (
        await client.post(
            "/api/submissions/application", json=body | {"organization_kind": "行业质量协会"}
        )
    ).status_code == 201


async def test_statistics_rates_computed_from_their_parts(client: AsyncClient) -> None:
    receipt = (await client.post("/api/submissions/statistics", json=statistics())).json()
    data = (await client.get(f"/api/submissions/by-token/{receipt['token']}")).json()["data"]
    assert (data["participation_rate"], data["team_result_rate"], data["qc_result_rate"]) == (
        75.0,
        40.0,
        40.0,
    )


async def test_statistics_rate_inconsistent_refused_with_computed_value(
    client: AsyncClient,
) -> None:
    response = await client.post(
        "/api/submissions/statistics", json=statistics(participation_rate=80)
    )
    assert response.status_code == 400
    assert (
        response.json()["message"]
        == "与各项数据不一致：按 参加活动人数 / 职工总数 × 100% 计算应为 75.0%"
    )


async def test_statistics_over_100_percent_refused(client: AsyncClient) -> None:
    response = await client.post("/api/submissions/statistics", json=statistics(qc_results=151))
    assert response.status_code == 400
    assert response.json()["field"] == "qc_results"
    assert "比率将为100.67%，超过100%" in response.json()["message"]
    assert await Submission.count() == 0


async def test_late_submission_waits_for_decision(client: AsyncClient, event: EventInfo) -> None:
    await update_event(event.id, material_deadline=date(2020, 7, 15))
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    receipt = (await client.post("/api/submissions/qc", json=qc())).json()
    assert (receipt["status"], receipt["late"], receipt["presentation"]) == ("late", True, None)
    assert await Presentation.count() == 0


async def test_unknown_field_refused(client: AsyncClient) -> None:
    response = await client.post("/api/submissions/qc", json=qc(price=1))
    assert (response.status_code, response.json()["field"]) == (400, "price")
