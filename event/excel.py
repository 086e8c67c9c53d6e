"""Excel workbooks for organisers (openpyxl). Text starting with = + - @ stays text, never a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO
from typing import Any
from urllib.parse import quote

from litestar import Response
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    return value.replace(tzinfo=None) if isinstance(value, datetime) else value


def write_row(ws: Worksheet, values: Sequence[Any]) -> None:
    """Append a row. Text that looks like a formula is stored as text with Excel's quote
    prefix (the hidden apostrophe), so Excel shows it literally and never evaluates it."""
    ws.append([_plain(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def xlsx_download(body: bytes, filename: str) -> Response[bytes]:
    """A workbook sent as a download; a Chinese name goes in filename* (RFC 5987), with an
    ASCII fallback for old clients."""
    fallback = filename if filename.isascii() else "download.xlsx"
    disposition = f'attachment; filename="{fallback}"'
    if not filename.isascii():
        disposition += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(body, media_type=XLSX_MEDIA_TYPE, headers={"Content-Disposition": disposition})


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet with a bold, frozen header row and sensible column widths."""
    return sheets_bytes([(title, headers, rows)])


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def sheets_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of (title, headers, rows) sheets, each laid out as `workbook_bytes` does."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        _fill_sheet(wb.create_sheet(title[:31]), headers, rows)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fill_sheet(ws: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    ws.append(list(headers))
    widths = [len(h) * 2 + 2 for h in headers]
    for row in rows:
        write_row(ws, row)
        for i, v in enumerate(row):
            widths[i] = max(widths[i], min(40, len(str(v or "")) * 2 + 2))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        for cell in ws[get_column_letter(i)][1:]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
