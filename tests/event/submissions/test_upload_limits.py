"""Limits on sealed scans: ten per submission, and an hourly allowance of bytes per address."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from event.errors import InvalidInput
from event.submissions.files import BYTES_PER_HOUR, MAX_FILES, charge
from tests.factories import qc

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


async def test_eleventh_scan_of_a_submission_is_refused(client: AsyncClient) -> None:
    sent = (await client.post("/api/submissions/qc", json=qc(presented=False))).json()
    url = f"/api/submissions/by-token/{sent['token']}/files"
    codes = [(await client.post(url, files={"file": (f"{i}.pdf", PDF + bytes([i]), "application/pdf")})).status_code
             for i in range(MAX_FILES + 1)]  # fmt: skip
    last = await client.post(url, files={"file": ("x.pdf", PDF, "application/pdf")})
    assert (codes[:-1] == [201] * MAX_FILES, codes[-1], last.json()["message"]) == (
        True, 400, "每份材料最多上传10个扫描件",
    )  # fmt: skip


def test_address_past_its_hourly_bytes_is_refused_others_not() -> None:
    charge("192.0.2.10", BYTES_PER_HOUR)
    with pytest.raises(InvalidInput) as refused:
        charge("192.0.2.10", 1)
    charge("192.0.2.11", 1)
    assert refused.value.problems[0].message == "本网络一小时内上传已超过400MB，请稍后再试"
