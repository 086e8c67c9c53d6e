"""The handbook PDF and HTML, read back with pypdf and poppler's pdffonts."""

import dataclasses
import io
import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from event.programme.render.model import AgendaItem, Delegate, Programme, Room
from event.programme.render.pdf import (
    STATIC,
    LocalOnlyFetcher,
    missing_fonts,
    render_programme_html,
    render_programme_pdf,
)
from event.programme.render.sample import synthetic_programme

BEIJING = ZoneInfo("Asia/Shanghai")
T0 = datetime(2021, 8, 18, 8, 30, tzinfo=BEIJING)
ROOM = "第一分会场"


def presentation(n: int, **kw: object) -> AgendaItem:
    start = T0 + timedelta(minutes=15 * n)
    fields: dict[str, object] = {
        "uid": f"p{n}",
        "title": f"降低焊接缺陷率第{n + 1}号",
        "start": start,
        "end": start + timedelta(minutes=14),
        "last_modified": T0,
        "kind": "presentation",
        "room_name": ROOM,
        "order": n + 1,
        "team": "焊接攻关QC小组",
        "organization": "中国第一重型机械集团有限公司",
        "presenters": ("王一鸣",),
        "category": "质量管理小组",
    }
    fields.update(kw)
    return AgendaItem(**fields)  # type: ignore[arg-type]


def small_programme(presentations: int = 3, **changes: object) -> Programme:
    items = (
        AgendaItem(
            "open",
            "开幕式：领导致辞",
            T0 - timedelta(hours=1),
            T0,
            T0,
            kind="ceremony",
            room_name="主会场",
            host="协会领导",
        ),
        *(presentation(n) for n in range(presentations)),
    )
    programme = Programme(
        name="全国机械工业质量管理小组交流活动",
        edition="第四十届",
        organisers=("中国机械工业质量管理协会",),
        start_date=date(2021, 8, 18),
        end_date=date(2021, 8, 20),
        items=items,
        rooms=(Room("主会场"), Room(ROOM, location="二楼多功能厅", chair="张三")),
        delegates=tuple(
            Delegate(n, "中国第一重型机械集团有限公司")
            for n in ("田大利", "王一鸣", "丁小平", "毛泽明")
        ),
    )
    return dataclasses.replace(programme, **changes)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def pdffonts(pdf: bytes) -> list[list[str]]:
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout
    return [line.split() for line in out.decode().splitlines()[2:]]


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return render_programme_pdf(small_programme())


def test_render_programme_pdf_cover_prints_dates_and_venue_to_be_announced(small_pdf):
    cover = page_texts(small_pdf)[0]
    assert "第四十届" in cover
    assert "会议手册" in cover.replace(" ", "")
    assert "2021年8月18日—20日" in cover
    assert "另行通知" in cover


def test_render_programme_pdf_agenda_table_has_chinese_columns_and_rows(small_pdf):
    agenda = next(t for t in page_texts(small_pdf) if "会议日程" in t and "主持人" in t)
    assert "日期 时间 内容 地点 主持人" in agenda
    assert "开幕式：领导致辞" in agenda
    assert "07:30–08:30" in agenda


def test_render_programme_pdf_running_order_lists_presentations(small_pdf):
    text = "\n".join(page_texts(small_pdf))
    assert "第一分会场发表顺序" in text
    assert "序号 时间 成果/课题名称 小组/班组 单位 发表人" in text
    assert "降低焊接缺陷率第3号" in text


def test_render_programme_pdf_embeds_a_cjk_font_and_no_type3(small_pdf):
    fonts = pdffonts(small_pdf)
    assert any("CJK" in row[0] and "yes" in row for row in fonts)
    assert not [row for row in fonts if "Type" in row and "3" in row]
    assert all(row[row.index("Identity-H") + 1] == "yes" for row in fonts)  # emb


def test_render_programme_pdf_delegates_in_stroke_order(small_pdf):
    text = page_texts(small_pdf)[-1]
    positions = [text.index(n) for n in ("丁小平", "王一鸣", "毛泽明", "田大利")]
    assert positions == sorted(positions)
    assert "按姓氏笔画为序" in text


def test_render_programme_pdf_delegates_in_pinyin_order_on_request():
    text = page_texts(render_programme_pdf(small_programme(delegate_order="pinyin")))[-1]
    positions = [text.index(n) for n in ("丁小平", "毛泽明", "田大利", "王一鸣")]
    assert positions == sorted(positions)
    assert "按姓名拼音为序" in text


def test_render_programme_pdf_long_table_repeats_its_header():
    pages = page_texts(render_programme_pdf(small_programme(presentations=45, delegates=())))
    order_pages = [t for t in pages if "降低焊接缺陷率第" in t]
    assert len(order_pages) >= 2
    for text in order_pages:
        assert "序号 时间 成果/课题名称 小组/班组 单位 发表人" in text
    assert "降低焊接缺陷率第45号" in order_pages[-1]


def test_render_programme_pdf_marks_cancelled_presentation():
    items = (presentation(0), presentation(1, status="cancelled"))
    text = "".join("".join(page_texts(render_programme_pdf(small_programme(items=items)))).split())
    assert "降低焊接缺陷率第2号（已取消）" in text
    assert "降低焊接缺陷率第1号（已取消）" not in text


def test_render_programme_pdf_page_numbers_in_footer(small_pdf):
    pages = page_texts(small_pdf)
    assert "— 3 —" in pages[2]
    assert "— 1 —" not in pages[0]


def test_render_programme_html_escapes_markup_in_titles():
    items = (presentation(0, title="<script>alert(1)</script> & 质量"),)
    html = render_programme_html(small_programme(items=items))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 质量" in html
    assert "<script>" not in html


def test_local_only_fetcher_refuses_http():
    with pytest.raises(ValueError, match="non-local"):
        LocalOnlyFetcher().fetch("https://example.com/logo.png")


def test_local_only_fetcher_refuses_files_outside_the_package():
    with pytest.raises(ValueError, match="outside"):
        LocalOnlyFetcher().fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="outside"):
        LocalOnlyFetcher().fetch((STATIC / "../../agenda/pdf.py").as_uri())


def test_local_only_fetcher_serves_its_own_stylesheet():
    response = LocalOnlyFetcher().fetch((STATIC / "programme.css").as_uri())
    assert response.read().startswith(b"/* \xe4\xbc\x9a\xe8\xae\xae\xe6\x89\x8b\xe5\x86\x8c")


def test_render_programme_pdf_full_event_lists_every_room():
    programme = synthetic_programme()
    pages = page_texts(render_programme_pdf(programme))
    contents = pages[1]
    for room in ("主会场", "第一分会场", "第八分会场", "代表名单"):
        assert room in contents
    assert len(pages) > 25
    assert "共 650 人" in "\n".join(pages)


def test_missing_fonts_none_when_fonts_noto_cjk_is_installed():
    assert missing_fonts() == []


def test_render_programme_html_without_items_says_agenda_announced_later():
    html = render_programme_html(Programme("全国机械工业质量管理小组交流活动", ()))
    assert "日程另行通知" in html
    assert "代表名单" not in html
