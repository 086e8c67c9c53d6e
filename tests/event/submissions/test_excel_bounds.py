"""Workbooks built to hurt: too many rows (blank ones too) or XML entities get a Chinese 400."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from httpx import AsyncClient


async def _template(client: AsyncClient) -> bytes:
    return (await client.get("/api/submissions/templates/qc.xlsx")).content


def _rewrite(book: bytes, part: str, change) -> bytes:
    """The workbook with one XML part changed by `change(text) -> text`."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(book)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                data = change(data.decode()).encode()
            dst.writestr(info, data)
    return out.getvalue()


def _blank_rows(text: str, count: int) -> str:
    """`count` empty rows after the template's, the sheet's dimension saying so (as a sheet
    whose blank rows were once formatted in Excel does)."""
    rows = "".join(f'<row r="{n}"><c r="A{n}"/></row>' for n in range(600, 600 + count))
    text = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:N{600 + count}"/>', text)
    return re.sub(r"</sheetData>", rows + "</sheetData>", text, count=1)


async def _upload(client: AsyncClient, body: bytes):
    return await client.post("/api/submissions/qc/excel",
                             files={"file": ("qc.xlsx", body, "application/octet-stream")})  # fmt: skip


async def test_workbook_of_blank_rows_beyond_the_bound_is_400(client: AsyncClient) -> None:
    book = _rewrite(
        await _template(client), "xl/worksheets/sheet1.xml", lambda t: _blank_rows(t, 6000)
    )
    response = await _upload(client, book)
    assert (response.status_code, response.json()["message"]) == (
        400, "表格行数过多（含空行，最多读取5000行）：请删除多余的空行后再上传",
    )  # fmt: skip


async def test_workbook_with_entity_expansion_is_400(client: AsyncClient) -> None:
    laughs = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')  # fmt: skip
    book = _rewrite(await _template(client), "xl/worksheets/sheet1.xml", lambda t: laughs + t)
    response = await _upload(client, book)
    assert (response.status_code, response.json()["message"]) == (
        400, "表格含有不允许的XML实体声明（DTD），请用Excel另存后再上传",
    )  # fmt: skip


async def test_workbook_with_external_entity_is_400(client: AsyncClient) -> None:
    external = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    book = _rewrite(await _template(client), "xl/workbook.xml", lambda t: external + t)
    response = await _upload(client, book)
    assert response.status_code == 400
