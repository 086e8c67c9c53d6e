"""The QR code carries the check-in token and nothing else, and scans on every layout."""

from __future__ import annotations

import io

import pdfplumber
import pytest

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
    assert (len(matrix), ops[0], ops[-1], len(ops)) == (25, "0 0 0 rg", "f", runs + 2)


def test_qr_without_token_is_refused():
    with pytest.raises(ValueError, match="token"):
        qr_matrix("")
