"""Shrink to fit: the type size chosen for names, units and the meeting's name."""

from __future__ import annotations

from badges.fit import Fit, balance_lines, fit_name, fit_text
from badges.layouts import SPECS

A6 = SPECS["a6"]
CARD = SPECS["card"]


def test_fit_name_of_two_to_four_characters_takes_the_largest_size():
    assert [fit_name(n, A6.name_box) for n in ("王伟", "黄雅静", "欧阳明轩")] == [
        Fit(48, 1, 1.0),
        Fit(48, 1, 0.3),
        Fit(48, 1, 0.0),
    ]


def test_fit_name_long_name_shrinks_on_one_line():
    assert fit_name("阿卜杜热合曼·阿卜杜克热木", A6.name_box) == Fit(18, 1, 0.0)
    assert fit_name("阿卜杜热合曼·阿卜杜克热木", CARD.name_box) == Fit(10, 1, 0.0)


def test_fit_name_latin_name_uses_proportional_widths():
    assert fit_name("Alexander Schmidt-Hoffmann", A6.name_box) == Fit(16, 1, 0.0)


def test_fit_unit_long_unit_shrinks_to_two_lines():
    unit = "哈尔滨电气集团有限公司哈尔滨锅炉厂有限责任公司质量管理部检验检测中心理化检验室"
    assert fit_text(unit, A6.unit) == Fit(11, 2)
    assert fit_text("中国一重集团有限公司", A6.unit) == Fit(16, 1)


def test_fit_text_too_long_for_any_size_returns_smallest_with_its_lines():
    assert fit_text("质" * 200, CARD.unit) == Fit(5, 8)


def test_balance_lines_breaks_after_the_middle_punctuation():
    name = "第四十次全国机械工业质量信得过班组、质量管理小组和质量品牌故事交流活动"
    fit = fit_text(name, A6.meeting)
    assert fit == Fit(12, 2)
    assert balance_lines(name, A6.meeting, fit) == (
        "第四十次全国机械工业质量信得过班组、\n质量管理小组和质量品牌故事交流活动"
    )


def test_balance_lines_keeps_the_callers_own_line_break():
    name = "第四十次全国机械工业\n质量信得过班组、质量管理小组和质量品牌故事交流活动"
    fit = fit_text(name, A6.meeting)
    assert balance_lines(name, A6.meeting, fit) == name
