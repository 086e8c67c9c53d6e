"""Page size, page count and order of each layout, read back from the PDF."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest

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


def test_a4_4up_draws_cut_marks_on_the_cut_lines(a4_pdf):
    with pdfplumber.open(io.BytesIO(a4_pdf)) as doc:
        page = doc.pages[0]
        marks = sorted(
            (round(r["x0"] / MM, 1), round(r["top"] / MM, 1), round(r["width"] / MM, 1),
             round(r["height"] / MM, 1))
            for r in page.rects
            if r["non_stroking_color"] in ((0, 0, 0), (0,), [0, 0, 0], [0])
            and min(r["width"], r["height"]) < 0.3 * MM
        )  # fmt: skip
    assert marks == [
        (0.0, 148.4, 6.0, 0.2),  # left edge
        (102.0, 148.4, 6.0, 0.2),  # centre, across
        (104.9, 0.0, 0.2, 6.0),  # top edge
        (104.9, 145.5, 0.2, 6.0),  # centre, down
        (104.9, 291.0, 0.2, 6.0),  # bottom edge
        (204.0, 148.4, 6.0, 0.2),  # right edge
    ]


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
