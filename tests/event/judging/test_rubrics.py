"""Default rubrics (T/CAQ 10201-2020 附录B structure), rubric checks and sheet totals."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from event.judging.rubrics import (
    DEFAULT_RUBRICS,
    RubricItem,
    SheetError,
    check_rubric,
    default_rubric,
    sheet_totals,
)
from scheduling.model import KINDS


def full_marks(kind: str) -> dict[str, Decimal]:
    return {i.code: Decimal(i.max_points) for _, i in default_rubric(kind).items()}


def test_every_kind_has_a_default_rubric_of_100_points():
    assert {k: DEFAULT_RUBRICS[k].max_points for k in KINDS} == {
        "qc": 100,
        "team": 100,
        "story": 100,
    }


def test_qc_and_team_have_material_and_delivery_parts():
    for kind in ("qc", "team"):
        parts = [(p.name, p.max_points) for p in default_rubric(kind).parts]
        assert parts == [("资料", 60), ("发表", 40)]


def test_story_has_only_speech_items():
    rubric = default_rubric("story")
    assert [(p.name, len(p.items)) for p in rubric.parts] == [("演讲", 5)]


def test_default_rubrics_pass_the_check():
    assert [check_rubric(r) for r in DEFAULT_RUBRICS.values()] == [[], [], []]


def test_check_rubric_reports_total_and_duplicate_code():
    rubric = default_rubric("story")
    part = rubric.parts[0]
    items = (*part.items, RubricItem("s_theme", "重复的项", 5))
    edited = replace(rubric, parts=(replace(part, items=items),))
    assert check_rubric(edited) == ["评分项代码 s_theme 重复", "评分表总分为 105 分，应为 100 分"]


def test_check_rubric_reports_non_positive_points():
    rubric = default_rubric("story")
    part = rubric.parts[0]
    items = (replace(part.items[0], max_points=0), *part.items[1:])
    errors = check_rubric(replace(rubric, parts=(replace(part, items=items),)))
    assert errors == ["演讲「主题鲜明，内容真实」的满分须大于 0", "评分表总分为 70 分，应为 100 分"]


def test_sheet_totals_full_marks():
    assert sheet_totals(default_rubric("qc"), full_marks("qc")) == {
        "material": Decimal(60),
        "delivery": Decimal(40),
        "total": Decimal(100),
    }


def test_sheet_totals_with_half_points():
    marks = full_marks("story") | {"s_theme": Decimal("27.5"), "s_time": Decimal("8.5")}
    assert sheet_totals(default_rubric("story"), marks)["total"] == Decimal("96.0")


def test_sheet_missing_item_refused():
    marks = full_marks("qc")
    del marks["m_cause"]
    with pytest.raises(SheetError) as err:
        sheet_totals(default_rubric("qc"), marks)
    assert (err.value.field, err.value.message) == ("m_cause", "「原因分析与要因确认」未评分")


def test_sheet_mark_over_maximum_refused():
    marks = full_marks("qc") | {"d_answer": Decimal("5.5")}
    with pytest.raises(SheetError) as err:
        sheet_totals(default_rubric("qc"), marks)
    assert err.value.message == "「回答评委提问」的分数应在 0–5 之间"


def test_sheet_mark_with_two_decimals_refused():
    marks = full_marks("qc") | {"d_answer": Decimal("4.25")}
    with pytest.raises(SheetError) as err:
        sheet_totals(default_rubric("qc"), marks)
    assert err.value.message == "「回答评委提问」的分数最多保留一位小数"


def test_sheet_unknown_item_refused():
    marks = full_marks("team") | {"m_topic": Decimal(5)}
    with pytest.raises(SheetError) as err:
        sheet_totals(default_rubric("team"), marks)
    assert (err.value.field, err.value.message) == ("m_topic", "评分表中没有这一项")
