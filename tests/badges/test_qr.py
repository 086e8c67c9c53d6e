"""The QR code carries the check-in token and nothing else, and scans on every layout."""

from __future__ import annotations

import pytest

from badges import render_badges
from badges.qr import qr_svg
from tests.badges.conftest import make_badge
from tests.badges.pdftools import decode_qr


@pytest.mark.parametrize("layout", ["a6", "card", "a4-4up"])
def test_qr_decodes_to_the_token_on_each_layout(meeting, tmp_path, layout):
    badges = [
        make_badge(21, "王伟", token="k7Qm2xVb9LrT4sNp8WcZ1e"),
        make_badge(22, "黄雅静", token="P0-a_b9rTx2LmQ4sNv8WcZ"),
    ]
    pdf = render_badges(badges, meeting, layout)
    expected = sorted(b.token for b in badges) if layout == "a4-4up" else [badges[0].token]
    assert decode_qr(pdf, tmp_path) == expected


def test_qr_is_one_vector_path_without_personal_data():
    svg = str(qr_svg("k7Qm2xVb9LrT4sNp8WcZ1e"))
    assert (svg.count("<path"), svg.count("<rect"), svg.count("<image")) == (1, 0, 0)
    assert svg.startswith('<svg viewBox="0 0 25 25" class="qr">')


def test_qr_without_token_is_refused():
    with pytest.raises(ValueError, match="token"):
        qr_svg("")
