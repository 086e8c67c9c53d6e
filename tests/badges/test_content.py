"""What a badge prints: text, fonts, role band, schedule lines; data always prints literally."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from badges import Palette, render_badge, render_badges, render_html
from tests.badges.conftest import BATCH, MEETING_NAME, make_badge
from tests.badges.pdftools import MM, chars_of, page_texts, pdffonts


@pytest.fixture(scope="module")
def a6_pdf(meeting) -> bytes:
    return render_badges(BATCH, meeting, "a6")


def test_every_page_prints_its_name_and_unit(a6_pdf):
    texts = page_texts(a6_pdf)
    assert [(b.name in t, b.unit in t) for b, t in zip(BATCH, texts, strict=True)] == [
        (True, True)
    ] * 6


def test_every_page_prints_meeting_title_number_and_role(a6_pdf):
    first = page_texts(a6_pdf)[0]
    for text in (MEETING_NAME, "2021年8月18日—20日", "代表证", "编号0001", "发表人"):
        assert text in first


def test_staff_and_judges_get_their_own_titles(a6_pdf):
    texts = page_texts(a6_pdf)
    assert ("评委证" in texts[2], "评委" in texts[2]) == (True, True)
    assert ("工作证" in texts[4], "工作人员" in texts[4]) == (True, True)
    assert "代表证" not in texts[4]


def test_presenter_prints_room_and_time(a6_pdf):
    texts = page_texts(a6_pdf)
    assert "第二分会场·8月18日14:20" in texts[0]
    assert "分会场" not in texts[1]


def test_role_label_overrides_the_category_label(meeting):
    pdf = render_badge(make_badge(7, "孙丽", category="executive", role_label="主持人"), meeting)
    text = page_texts(pdf)[0]
    assert ("主持人" in text, "企业领导" in text) == (True, False)


def test_fonts_are_embedded_noto_cjk_subsets_and_none_is_type3(a6_pdf, tmp_path):
    fonts = pdffonts(a6_pdf, tmp_path)
    names = sorted(f["name"].split("+", 1)[1] for f in fonts)
    assert names == ["Noto-Sans-CJK-SC", "Noto-Sans-CJK-SC-Bold"]
    assert {(f["type"], f["emb"], f["sub"], f["uni"]) for f in fonts} == {
        ("CID Type 0C", "yes", "yes", "yes")
    }


def test_name_with_html_prints_literally(meeting):
    badge = make_badge(8, "<script>alert(1)</script>", "<b>粗体</b>机械有限公司")
    text = page_texts(render_badge(badge, meeting))[0]
    assert "<script>alert(1)</script>" in text
    assert "<b>粗体</b>机械有限公司" in text


def test_name_with_html_is_escaped_in_the_document(meeting):
    html = render_html([make_badge(8, "<b>王伟</b>", "<img src=file:///etc/passwd>")], meeting)
    assert "&lt;b&gt;王伟&lt;/b&gt;" in html
    assert "&lt;img src=file:///etc/passwd&gt;" in html
    assert "<b>" not in html and "<img" not in html


def test_role_band_takes_the_palette_colour(meeting):
    palette = Palette.from_colours({"observer": "#123456"})
    pdf = render_badge(make_badge(9, "李娜", category="observer"), meeting, palette=palette)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        fills = {tuple(round(v, 3) for v in r["non_stroking_color"]) for r in doc.pages[0].rects}
    assert (round(0x12 / 255, 3), round(0x34 / 255, 3), round(0x56 / 255, 3)) in fills


def test_two_character_name_is_spaced_to_look_balanced(meeting):
    pdf = render_badge(make_badge(10, "王伟"), meeting)
    wang, wei = chars_of(pdf, "王伟")[-2:]
    assert (wang["text"], wei["text"], round(wang["size"], 2)) == ("王", "伟", 48.0)
    assert round((wei["x0"] - wang["x1"]) / 48, 1) == 1.0  # one em of letter-spacing
    assert abs((wang["x0"] + wei["x1"]) / 2 / MM - 105 / 2) < 0.3  # centred on the badge


def test_long_name_shrinks_to_one_line(meeting):
    name = "阿卜杜热合曼·阿卜杜克热木·买买提"
    pdf = render_badge(make_badge(11, name), meeting)
    chars = [c for c in chars_of(pdf, name) if c["size"] > 12]
    assert {round(c["size"], 2) for c in chars} == {14.0}
    assert len({round(c["top"]) for c in chars}) == 1
    assert page_texts(pdf)[0].count(name) == 1


def test_long_unit_shrinks_to_two_lines(meeting):
    unit = "哈尔滨电气集团有限公司哈尔滨锅炉厂有限责任公司质量管理部检验检测中心理化检验室"
    pdf = render_badge(make_badge(12, "黄雅静", unit), meeting, "card")
    chars = chars_of(pdf, "哈尔滨锅炉厂检验测室")  # none of these is in the meeting's name
    assert {round(c["size"], 2) for c in chars} == {6.5}
    assert len({round(c["top"]) for c in chars}) == 2
    assert len(page_texts(pdf)) == 1
