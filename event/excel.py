"""Excel workbooks for organisers (openpyxl). Text starting with = + - @ stays text, never a formula."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO
from typing import Any
from urllib.parse import quote

from litestar import Response
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
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


def workbook_bytes(
    title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
    heading: str | None = None, unit: str | None = None,
) -> bytes:  # fmt: skip
    """One sheet laid out for screen and print: the `heading` (title row) and `unit` above a
    bold, frozen, filtered header row; borders; dates and times formatted; columns wide enough
    for their Chinese; A4 landscape, fit to width, the header row repeated on every page."""
    return sheets_bytes([(title, headers, rows, heading, unit)])


Sheet = (
    tuple[str, Sequence[str], Iterable[Sequence[Any]]]
    | tuple[str, Sequence[str], Iterable[Sequence[Any]], str | None, str | None]
)
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MAX_WIDTH = 50


def sheets_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of (title, headers, rows[, heading, unit]) sheets, each laid out as
    `workbook_bytes` does."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows, *above in sheets:
        heading, unit = ([*above, None, None])[:2]
        _fill_sheet(wb.create_sheet(title[:31]), headers, rows, heading, unit)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def display_width(value: Any) -> float:
    """Columns needed to show `value`: a CJK character takes two, others about one."""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value if value is not None else "")
    longest = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1.1 for c in longest)


def _title_rows(ws: Worksheet, width: int, heading: str | None, unit: str | None) -> int:
    """The title and unit lines above the table, merged across it; returns the header row."""
    row = 1
    for text, size in ((heading, 14), (f"单位：{unit}" if unit else None, 11)):
        if text:
            ws.cell(row=row, column=1, value=text).font = Font(bold=size > 11, size=size)
            ws.cell(row=row, column=1).alignment = Alignment(
                horizontal="center" if size > 11 else "left", vertical="center"
            )
            if width > 1:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            ws.row_dimensions[row].height = 26 if size > 11 else 18
            row += 1
    return row


def print_setup(ws: Worksheet, header_rows: str) -> None:
    """A4 landscape, fit to one page wide, `header_rows` (e.g. "3:3") repeated, page numbers."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = header_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _fill_sheet(
    ws: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Any]],
    heading: str | None = None, unit: str | None = None,
) -> None:  # fmt: skip
    top = _title_rows(ws, len(headers), heading, unit)
    ws.append(list(headers))
    widths = [display_width(h) + 2 for h in headers]
    for row in rows:
        write_row(ws, row)
        for i, v in enumerate(row):
            widths[i] = max(widths[i], min(MAX_WIDTH, display_width(v) + 2))
    for cell in ws[top]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(width, 1)
    for line in ws.iter_rows(min_row=top, max_row=ws.max_row, max_col=len(headers)):
        for cell in line:
            cell.border = BORDER
            if isinstance(cell.value, datetime):  # before date: a datetime is a date too
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = f"A{top + 1}"
    last = get_column_letter(max(1, len(headers)))
    ws.auto_filter.ref = f"A{top}:{last}{max(top, ws.max_row)}"
    print_setup(ws, f"{top}:{top}")
