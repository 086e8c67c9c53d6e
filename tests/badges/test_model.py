"""Badge data: palette configuration and input checks."""

from __future__ import annotations

import pickle

import pytest

from badges import CATEGORY_CODES, DEFAULT_PALETTE, Palette, RoleStyle, render_badges
from tests.badges.conftest import make_badge


def test_default_palette_styles_every_category_with_a_distinct_colour():
    styles = [DEFAULT_PALETTE.style(code) for code in CATEGORY_CODES]
    assert len(CATEGORY_CODES) == 10
    assert len({s.colour for s in styles}) == 10
    assert [s.title for s in styles].count("代表证") == 8


def test_palette_from_colours_keeps_labels():
    palette = Palette.from_colours({"judge": "#000080"})
    assert palette.style("judge") == RoleStyle("评委", "#000080", "评委证")
    assert palette.style("observer") == DEFAULT_PALETTE.style("observer")


def test_palette_survives_pickling_for_worker_processes():
    palette = Palette.from_colours({"judge": "#000080"})
    assert pickle.loads(pickle.dumps(palette)) == palette


@pytest.mark.parametrize("colour", ["red", "#12345", "#12345G", "#1234567"])
def test_role_style_rejects_colour_not_hex(colour):
    with pytest.raises(ValueError, match="#RRGGBB"):
        RoleStyle("评委", colour)


def test_palette_from_colours_rejects_unknown_category():
    with pytest.raises(ValueError, match="unknown category codes: guest"):
        Palette.from_colours({"guest": "#000000"})


def test_render_rejects_unknown_category(meeting):
    with pytest.raises(ValueError, match="no role style for category 'guest'"):
        render_badges([make_badge(41, "王伟", category="guest")], meeting)


def test_render_rejects_unknown_layout(meeting):
    with pytest.raises(ValueError, match="layout must be one of a6, card, a4-4up"):
        render_badges([make_badge(42, "王伟")], meeting, "a5")


def test_render_rejects_more_room_lines_than_fit(meeting):
    badge = make_badge(43, "王伟", room_lines=("一", "二", "三"))
    with pytest.raises(ValueError, match="at most 2 room lines fit the card layout, got 3"):
        render_badges([badge], meeting, "card")


def test_render_rejects_room_line_too_long_for_smallest_size(meeting):
    badge = make_badge(45, "王伟", room_lines=("第三分会场" * 8,))
    with pytest.raises(ValueError, match="badge 0045: room line too long for the card layout"):
        render_badges([badge], meeting, "card")


def test_render_rejects_meeting_name_too_long(meeting):
    from badges import Meeting

    with pytest.raises(ValueError, match="the meeting's name is too long for the a6 layout"):
        render_badges([make_badge(46, "王伟")], Meeting("质量管理小组" * 20))


def test_render_rejects_empty_batch(meeting):
    with pytest.raises(ValueError, match="no badges"):
        render_badges([], meeting)


def test_render_rejects_token_too_long_for_a_small_qr_code(meeting):
    with pytest.raises(ValueError, match="badge 0044: check-in token longer than 64 bytes"):
        render_badges([make_badge(44, "王伟", token="x" * 65)], meeting)
