"""The handbook as a print shop and a reader's tools see it: pdftotext, pdfinfo and pypdf."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from event.programme.render.booklet import booklet_order
from event.programme.render.model import AgendaItem, Delegate, Programme, Room
from event.programme.render.pdf import render_programme_pdf
from event.programme.render.sample import synthetic_programme

BEIJING = ZoneInfo("Asia/Shanghai")
T0 = datetime(2021, 8, 18, 9, 45, tzinfo=BEIJING)
NAME = "第40次全国机械工业质量管理小组、质量信得过班组、质量品牌故事演讲交流活动"


def talk(uid: str, title: str, minutes: int, **kw: object) -> AgendaItem:
    start = T0 + timedelta(minutes=minutes)
    return AgendaItem(uid, title, start, start + timedelta(minutes=18), T0, kind="presentation",
                      room_name="第一分会场", room_id=1, **kw)  # type: ignore[arg-type]  # fmt: skip


SMALL = Programme(
    name=NAME, edition="第40次", rooms=(Room("第一分会场", id=1),),
    items=(
        talk("a", "降低焊接缺陷率", 0, status="cancelled"),
        talk("b", "缩短齿轮加工周期", 18, presenters=("孙超",)),
        AgendaItem("o", "报到", T0 - timedelta(days=1), T0 - timedelta(days=1, hours=-9), T0,
                   room_name="酒店大堂", kind="checkin", host="会务组"),
    ),
    delegates=(Delegate("孙超", "某某重型机械股份有限公司"), Delegate("王一鸣", "某某重型机械股份有限公司")),
    notes=("请代表凭代表证出席会议及用餐。",), contacts=("会务组 李娜 13800000001",),
    transport=("北京南站乘地铁4号线至西苑站。",), lodging=("北京友谊宾馆，请于报到时领取房卡。",),
)  # fmt: skip


@cache
def pdf(programme: Programme = SMALL, layout: str = "a4") -> bytes:
    return render_programme_pdf(programme, layout)  # type: ignore[arg-type]


def text(body: bytes, *args: str) -> str:
    done = subprocess.run(["pdftotext", *args, "-", "-"], input=body, capture_output=True,
                          check=True)  # fmt: skip
    return done.stdout.decode()


def test_title_and_cover_name_the_edition_once() -> None:
    reader = PdfReader(io.BytesIO(pdf()))
    assert reader.metadata.title == f"{NAME} 会议手册"
    cover = text(pdf(), "-f", "1", "-l", "1")
    assert cover.count("第40次") == 1


def test_two_character_name_is_found_as_typed() -> None:
    for mode in ((), ("-layout",), ("-raw",)):
        found = text(pdf(), *mode)
        assert "孙超" in found and "孙\u3000超" not in found, mode


def test_cancelled_talk_keeps_no_number_and_no_slot() -> None:
    lines = [line.split() for line in text(pdf(), "-layout").splitlines()]
    cancelled = next(cells for cells in lines if any("已取消" in c for c in cells))
    live = next(cells for cells in lines if "缩短齿轮加工周期" in cells)
    assert cancelled[0] == "—" and live[:2] == ["1", "10:03–10:21"]


def test_guide_written_by_organisers_is_printed() -> None:
    found = text(pdf())
    for line in ("会议须知", "请代表凭代表证出席会议及用餐。", "会务联系人", "会务组 李娜 13800000001",
                 "交通", "北京南站乘地铁4号线至西苑站。", "住宿", "北京友谊宾馆，请于报到时领取房卡。"):  # fmt: skip
        assert line in found, line


def _roles(node: object, found: list[str]) -> list[str]:
    """The structure roles (/S) of the tagged PDF's tree, depth first."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _roles(child, found)
    elif isinstance(node, dict):
        if "/S" in node:
            found.append(str(node["/S"]))
        if "/K" in node:
            _roles(node["/K"], found)
    return found


def test_pdf_is_tagged_with_table_rows_so_a_copied_row_keeps_its_order() -> None:
    root = PdfReader(io.BytesIO(pdf())).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    roles = _roles(root["/StructTreeRoot"], [])
    assert {"/Table", "/TR", "/TH", "/TD", "/H1"} <= set(roles)
    cells = [r for r in roles[roles.index("/Table") :] if r in ("/TR", "/TH", "/TD", "/Sect")]
    assert cells[:13] == ["/TR", *["/TH"] * 5, "/TR", *["/TD"] * 5, "/Sect"]  # 日程: a row of 5


def test_full_handbook_has_no_nearly_empty_page() -> None:
    body = pdf(synthetic_programme())
    pages = len(PdfReader(io.BytesIO(body)).pages)
    lines = [
        len([x for x in text(body, "-layout", "-f", str(n), "-l", str(n)).splitlines() if x.strip()])
        for n in range(3, pages)  # the cover and the contents are short by design; so is the end
    ]  # fmt: skip
    assert min(lines) >= 20, lines


def test_a5_booklet_is_imposed_for_saddle_stitching() -> None:
    body = pdf(replace(SMALL, delegates=SMALL.delegates * 3), "a5-booklet")
    reader = PdfReader(io.BytesIO(body))
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {(842, 595)} and len(reader.pages) % 2 == 0  # A4 landscape, both sides
    first = text(body, "-f", "1", "-l", "1")
    assert "会 议 手 册" in first  # page 1 on the right of the first side


def test_booklet_order_pads_to_four_and_nests_the_sheets() -> None:
    assert booklet_order(6) == [(0, 1), (2, 0), (6, 3), (4, 5)]
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
