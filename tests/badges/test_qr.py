"""The QR code carries the check-in token and nothing else, and scans on every layout."""

from __future__ import annotations

import io

import pdfplumber
import pytest
import segno

from badges import render_badge, render_badges
from badges.qr import qr_matrix, qr_path
from tests.badges.conftest import make_badge
from tests.badges.pdftools import MM, decode_qr


@pytest.mark.parametrize("layout", ["a6", "card", "a4-4up"])
def test_qr_decodes_to_the_token_on_each_layout(meeting, tmp_path, layout):
    badges = [
        make_badge(21, "王伟", token="k7Qm2xVb9LrT4sNp8WcZ1e"),
        make_badge(22, "黄雅静", token="P0-a_b9rTx2LmQ4sNv8WcZ"),
    ]
    pdf = render_badges(badges, meeting, layout)
    expected = sorted(b.token for b in badges) if layout == "a4-4up" else [badges[0].token]
    assert decode_qr(pdf, tmp_path) == expected


def test_qr_is_vector_rectangles_not_an_image(meeting):
    pdf = render_badge(make_badge(23, "王伟", token="k7Qm2xVb9LrT4sNp8WcZ1e"), meeting)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        modules = [r for r in page.rects if r["height"] < 1.1 * MM]
        box = (min(r["x0"] for r in modules), min(r["top"] for r in modules),
               max(r["x1"] for r in modules), max(r["bottom"] for r in modules))  # fmt: skip
        assert page.images == []
    assert tuple(round(v / MM, 1) for v in box) == (72.0, 94.0, 97.0, 119.0)


def test_qr_path_fills_one_rectangle_per_run_of_dark_modules():
    matrix = qr_matrix("k7Qm2xVb9LrT4sNp8WcZ1e")
    runs = sum(
        1 for row in matrix for c, dark in enumerate(row) if dark and (c == 0 or not row[c - 1])
    )
    ops = qr_path("k7Qm2xVb9LrT4sNp8WcZ1e", 0, 100, 25).decode().splitlines()
    module = 25 / len(matrix)
    start = f"q 0 0 0 rg {module:.5f} 0 0 {module:.5f} 0.000 75.000 cm"
    assert (len(matrix), ops[0], ops[-1], len(ops)) == (25, start, "f Q", runs + 2)
    assert ops[1].split()[1:] == [str(len(matrix) - 1), ops[1].split()[2], "1", "re"]


def test_qr_without_token_is_refused():
    with pytest.raises(ValueError, match="token"):
        qr_matrix("")


@pytest.mark.parametrize(
    "token",
    [
        "0",  # numeric mode
        "12345678901234567890123",
        "QC40 ABC-$%*+./:",  # alphanumeric mode
        "k7Qm2xVb9LrT4sNp8WcZ1e",  # byte mode, versions 2 to 5
        "P0-a_b9rTx2LmQ4sNv8WcZ" * 2,
        "x" * 64,
        "王伟",  # byte mode, UTF-8
    ],
)
def test_qr_matrix_is_the_symbol_segno_makes(token):
    made = segno.make(token, error="m", micro=False, boost_error=False, mask=0)
    assert qr_matrix(token) == made.matrix
