"""Rare characters print from a fallback font; characters no font has are reported, not printed."""

from __future__ import annotations

import subprocess

import pytest

from badges import MissingGlyph, MissingGlyphsError, check_glyphs, render_badge, render_badges
from badges.glyphs import Coverage
from tests.badges.conftest import make_badge
from tests.badges.pdftools import page_texts, pdffonts


def _no_font_has(count: int) -> list[str]:
    """`count` characters that fc-list says no installed font covers, taken from the end of
    plane 16 (private use): fonts with private-use glyphs (OpenSymbol, icon fonts) fill the
    BMP's U+E000 block, so which characters are free there depends on the machine."""
    found = []
    for code_point in range(0x10FFFD, 0x10FF00, -1):
        fonts = subprocess.run(
            ["fc-list", f":charset={code_point:x}", "family"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        if not fonts.strip():
            found.append(chr(code_point))
            if len(found) == count:
                return found
    pytest.fail("every code point tried has a font")


A, B = _no_font_has(2)


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
    badges = [make_badge(34, f"张{A}明"), make_badge(35, "黄雅静", f"{B}{A}机械厂")]
    assert check_glyphs(badges) == [
        MissingGlyph("0034", f"张{A}明", "name", A),
        MissingGlyph("0035", "黄雅静", "unit", B),
        MissingGlyph("0035", "黄雅静", "unit", A),
    ]
    assert [m.code_point for m in check_glyphs(badges)] == [
        f"U+{ord(A):04X}",
        f"U+{ord(B):04X}",
        f"U+{ord(A):04X}",
    ]


def test_badge_with_missing_glyph_is_not_rendered(meeting):
    with pytest.raises(MissingGlyphsError) as raised:
        render_badge(make_badge(36, f"张{A}明"), meeting)
    assert raised.value.missing == [MissingGlyph("0036", f"张{A}明", "name", A)]
    assert f"0036 张{A}明: name {A!r} U+{ord(A):04X}" in str(raised.value)


def test_missing_glyph_in_meeting_name_is_reported():
    from badges import Meeting

    found = check_glyphs([make_badge(37, "王伟")], Meeting(f"第四十次{A}交流活动"))
    assert found == [MissingGlyph("", "", "meeting.full_name", A)]


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
