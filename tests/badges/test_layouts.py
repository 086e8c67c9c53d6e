"""Page size, page count and order of each layout, read back from the PDF."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from badges import render_badge, render_badges
from tests.badges.conftest import BATCH
from tests.badges.pdftools import MM, decode_qr, page_sizes_mm, page_texts


@pytest.fixture(scope="module")
def a6_pdf(meeting) -> bytes:
    return render_badges(BATCH, meeting, "a6")


@pytest.fixture(scope="module")
def card_pdf(meeting) -> bytes:
    return render_badges(BATCH, meeting, "card")


@pytest.fixture(scope="module")
def a4_pdf(meeting) -> bytes:
    return render_badges(BATCH, meeting, "a4-4up")


def test_a6_batch_has_one_a6_page_per_badge(a6_pdf):
    assert page_sizes_mm(a6_pdf) == [(105.0, 148.0)] * 6


def test_a6_batch_keeps_the_order_given(a6_pdf):
    texts = page_texts(a6_pdf)
    assert [i for i, b in enumerate(BATCH) if b.name in texts[i]] == [0, 1, 2, 3, 4, 5]
    assert [b.name for b in BATCH if b.name in texts[2]] == ["欧阳明轩"]


def test_card_batch_has_one_cr80_page_per_badge(card_pdf):
    assert page_sizes_mm(card_pdf) == [(85.6, 54.0)] * 6


def test_card_batch_keeps_the_order_given(card_pdf):
    texts = page_texts(card_pdf)
    assert [b.name for i, b in enumerate(BATCH) if b.name in texts[i]] == [b.name for b in BATCH]


def test_a4_4up_puts_four_badges_on_each_a4_page(a4_pdf):
    texts = page_texts(a4_pdf)
    assert page_sizes_mm(a4_pdf) == [(210.0, 297.0)] * 2
    assert [[b.name for b in BATCH if b.name in text] for text in texts] == [
        ["王伟", "黄雅静", "欧阳明轩", "李娜"],
        ["张建国", "赵敏"],
    ]


def test_a4_4up_places_badges_left_to_right_then_top_to_bottom(a4_pdf):
    with pdfplumber.open(io.BytesIO(a4_pdf)) as doc:
        chars = doc.pages[0].chars
    first = {c["text"]: c for c in chars}
    quadrant = {
        name: (
            int(first[name[-1]]["x0"] // (105 * MM)),
            int(first[name[-1]]["top"] // (148.5 * MM)),
        )
        for name in ("王伟", "黄雅静", "欧阳明轩", "李娜")
    }
    assert quadrant == {"王伟": (0, 0), "黄雅静": (1, 0), "欧阳明轩": (0, 1), "李娜": (1, 1)}


# The 4-up sheet: A6 badges at 13/15 (91 x 128.27 mm) with their trims at x 11-102 and
# 108-199 mm, y 17.23-145.5 and 151.5-279.77 mm; 6 mm gutters, 3 mm bleed, 3 mm cut marks.
TRIM_X = (11.0, 102.0, 108.0, 199.0)
TRIM_Y = (17.23, 145.5, 151.5, 279.77)


def _mm(objects: list[dict], *keys: str) -> list[tuple[float, ...]]:
    return sorted(tuple(round(o[k] / MM, 2) for k in keys) for o in objects)


def test_a4_4up_cut_marks_extend_every_trim_line_into_the_margins(a4_pdf):
    with pdfplumber.open(io.BytesIO(a4_pdf)) as doc:
        lines = _mm(doc.pages[0].lines, "x0", "top", "x1", "bottom")
    down = [(x, y0, x, y1) for x in TRIM_X for y0, y1 in ((11.23, 14.23), (282.77, 285.77))]
    across = [(x0, y, x1, y) for y in TRIM_Y for x0, x1 in ((5.0, 8.0), (202.0, 205.0))]
    assert lines == sorted(down + across)


def test_a4_4up_role_bands_bleed_3mm_past_the_trim_into_the_gutter(a4_pdf):
    with pdfplumber.open(io.BytesIO(a4_pdf)) as doc:
        bands = [r for r in doc.pages[0].rects if r["height"] > 20 * MM]
        assert _mm(bands, "x0", "top", "x1", "bottom") == [
            (8.0, 124.7, 105.0, 148.5),
            (8.0, 258.97, 105.0, 282.77),
            (105.0, 124.7, 202.0, 148.5),
            (105.0, 258.97, 202.0, 282.77),
        ]


def test_a4_4up_prints_nothing_where_an_office_printer_leaves_5mm_blank(a4_pdf):
    with pdfplumber.open(io.BytesIO(a4_pdf)) as doc:
        page = doc.pages[0]
        drawn = page.chars + page.rects + page.lines
    box = (min(o["x0"] for o in drawn), min(o["top"] for o in drawn),
           max(o["x1"] for o in drawn), max(o["bottom"] for o in drawn))  # fmt: skip
    assert tuple(round(v / MM, 2) for v in box) == (5.0, 11.23, 205.0, 285.77)


def test_a4_4up_prints_each_badge_at_13_15_of_a6(a4_pdf, a6_pdf):
    def name_size(pdf: bytes, page: int = 0) -> float:
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            return next(c["size"] for c in doc.pages[page].chars if c["text"] == "伟")

    assert round(name_size(a4_pdf) / name_size(a6_pdf), 4) == round(13 / 15, 4)


def test_a4_4up_smallest_text_is_the_dates_at_7_4_pt(a4_pdf):
    with pdfplumber.open(io.BytesIO(a4_pdf)) as doc:
        chars = doc.pages[0].chars
    smallest = min(c["size"] for c in chars)
    assert round(smallest, 1) == round(8.5 * 13 / 15, 1)
    assert {c["text"] for c in chars if c["size"] == smallest} == set("2021年8月18日—20")


def test_a4_4up_gutters_are_white_and_bands_run_into_them(a4_pdf, tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(a4_pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-singlefile", "-png",
                    str(path), str(tmp_path / "sheet")], check=True)  # fmt: skip
    image = Image.open(tmp_path / "sheet.png").convert("RGB")

    def colour(x_mm: float, y_mm: float) -> tuple[int, ...]:
        return image.getpixel((round(x_mm / 25.4 * 100), round(y_mm / 25.4 * 100)))

    white = (255, 255, 255)
    assert [colour(105, y) for y in (30, 80, 200)] == [white] * 3  # between the columns
    assert [colour(x, 150) for x in (20, 60, 150)] == [white] * 3  # between the rows
    presenter, storyteller = colour(103.5, 140), colour(106.5, 140)  # in the bleed
    assert (presenter, storyteller) == (colour(60, 140), colour(150, 140))
    assert presenter != storyteller and white not in (presenter, storyteller)


@pytest.mark.parametrize("layout", ["a6", "card", "a4-4up"])
def test_badge_pdf_has_no_outline(meeting, layout):
    pdf = render_badges(BATCH, meeting, layout)
    assert PdfReader(io.BytesIO(pdf)).outline == []


def test_render_badge_is_one_page(meeting):
    pdf = render_badge(BATCH[2], meeting, "card")
    assert page_sizes_mm(pdf) == [(85.6, 54.0)]
    assert "欧阳明轩" in page_texts(pdf)[0]


def test_parallel_chunks_keep_the_order_given(meeting, tmp_path):
    badges = [replace(BATCH[i % 6], token=f"QC40-parallel-{i:02d}") for i in range(10)]
    pdf = render_badges(badges, meeting, "a4-4up", workers=2, chunk_size=4)
    assert decode_qr(pdf, tmp_path, page=3) == ["QC40-parallel-08", "QC40-parallel-09"]
    texts = page_texts(pdf)
    assert len(texts) == 3
    assert [[b.name for b in BATCH if b.name in text] for text in texts] == [
        ["王伟", "黄雅静", "欧阳明轩", "李娜"],
        ["王伟", "黄雅静", "张建国", "赵敏"],  # badges 5-8: 张建国 赵敏 王伟 黄雅静
        ["欧阳明轩", "李娜"],
    ]
