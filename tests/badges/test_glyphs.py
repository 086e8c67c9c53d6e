"""Rare characters print from a fallback font; characters no font has are reported, not printed."""

from __future__ import annotations

import pytest

from badges import MissingGlyph, MissingGlyphsError, check_glyphs, render_badge, render_badges
from badges.glyphs import Coverage
from tests.badges.conftest import make_badge
from tests.badges.pdftools import page_texts, pdffonts


def test_rare_name_characters_have_fonts():
    badges = [make_badge(31, "李䶮"), make_badge(32, "张𠇔"), make_badge(33, "王𪚥")]
    assert check_glyphs(badges) == []


def test_rare_name_characters_print_from_the_fallback_font(meeting, tmp_path):
    # 䶮 (Ext. A) and 𠇔 (Ext. B) are in Noto Sans CJK; 𪚥 (Ext. B) is not, and comes from
    # HanaMin (fonts-hanazono) through Pango's per-glyph fallback.
    badges = [make_badge(31, "李䶮"), make_badge(32, "张𠇔"), make_badge(33, "王𪚥")]
    pdf = render_badges(badges, meeting, "card")
    assert [t.count(b.name) for t, b in zip(page_texts(pdf), badges, strict=True)] == [1, 1, 1]
    families = {f["name"].split("+", 1)[1] for f in pdffonts(pdf, tmp_path)}
    assert families == {"Noto-Sans-CJK-SC", "Noto-Sans-CJK-SC-Bold", "HanaMinA-Bold"}


def test_missing_glyph_is_reported_with_badge_and_code_point():
    badges = [make_badge(34, "张\ue000明"), make_badge(35, "黄雅静", "\ue001\ue000机械厂")]
    assert check_glyphs(badges) == [
        MissingGlyph("0034", "张\ue000明", "name", "\ue000"),
        MissingGlyph("0035", "黄雅静", "unit", "\ue001"),
        MissingGlyph("0035", "黄雅静", "unit", "\ue000"),
    ]
    assert [m.code_point for m in check_glyphs(badges)] == ["U+E000", "U+E001", "U+E000"]


def test_badge_with_missing_glyph_is_not_rendered(meeting):
    with pytest.raises(MissingGlyphsError) as raised:
        render_badge(make_badge(36, "张\ue000明"), meeting)
    assert raised.value.missing == [MissingGlyph("0036", "张\ue000明", "name", "\ue000")]
    assert "0036 张\ue000明: name '\\ue000' U+E000" in str(raised.value)


def test_missing_glyph_in_meeting_name_is_reported():
    from badges import Meeting

    found = check_glyphs([make_badge(37, "王伟")], Meeting("第四十次\ue000交流活动"))
    assert found == [MissingGlyph("", "", "meeting.full_name", "\ue000")]


def test_variation_selectors_and_spaces_need_no_glyph():
    assert check_glyphs([make_badge(38, "王 伟\ufe00", "中国\u3000一重")]) == []


def test_glyph_check_of_a_whole_event_finds_nothing_missing():
    badges = [make_badge(i, "欧阳明轩", "中国机械工业质量管理协会") for i in range(650)]
    assert check_glyphs(badges) == []


def test_coverage_merges_fontconfig_ranges():
    coverage = Coverage.parse_fc_charsets("20-7e 4e00-9fff\n30-39 4dae 20000-2a6df")
    assert [cp in coverage for cp in (0x1F, 0x20, 0x7E, 0x4DAE, 0x4DAF, 0x201D4, 0xE000)] == [
        False, True, True, True, False, True, False
    ]  # fmt: skip
