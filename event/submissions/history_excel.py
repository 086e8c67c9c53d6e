"""Participation history in and out of Excel: 姓名 | 单位 | 年份 | 备注, one row per person and year."""

from __future__ import annotations

from event.errors import FieldProblem, InvalidInput
from event.excel import workbook_bytes
from event.submissions.history import SINCE, import_records
from event.xlsx_read import bounded, first_sheet, read_off_loop

HEADINGS = ("姓名", "单位", "年份", "备注")


def template() -> bytes:
    return workbook_bytes("参加交流记录", HEADINGS, [])


async def import_file(content: bytes) -> tuple[int, int]:
    """(records added, rows read); all rows are checked first, and any problem refuses the file.
    The workbook is read in a worker thread, bounded (event/xlsx_read.py)."""
    records = await read_off_loop(_records, content)
    return await import_records(records), len(records)


def _records(content: bytes) -> list[tuple[str, str, int, str]]:
    ws = first_sheet(content, "文件不是有效的Excel（.xlsx）表格")
    rows = bounded(ws.iter_rows(values_only=True), max_rows=50_000, max_cells=500_000)
    header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
    if header[:3] != list(HEADINGS[:3]):
        raise InvalidInput.one("file", "第1行应为：姓名、单位、年份、备注")
    records, problems = [], []
    for number, values in enumerate(rows, start=2):
        name, unit, year, note = ([*values, None, None, None, None])[:4]
        if not any(v not in (None, "") for v in (name, unit, year)):
            continue
        try:
            year_value = int(float(year)) if year not in (None, "") else None
        except (TypeError, ValueError):
            year_value = None
        if not str(name or "").strip() or not str(unit or "").strip():
            problems.append(
                FieldProblem(f"rows[{number}]", f"第{number}行：姓名和单位不能为空", number)
            )
        elif year_value is None or not SINCE - 30 <= year_value <= 2100:
            problems.append(
                FieldProblem(
                    f"rows[{number}].year", f"第{number}行：年份应为四位数字，如 2019", number, "C"
                )
            )
        else:
            records.append(
                (str(name).strip(), str(unit).strip(), year_value, str(note or "").strip()[:200])
            )
    if problems:
        raise InvalidInput(problems)
    return records
