"""Excel templates laid out like each attachment, and reading a filled one back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from event.errors import FieldProblem, InvalidInput
from event.excel import display_width, print_setup
from event.submissions.attachments.specs import Attachment
from event.xlsx_read import bounded, first_sheet, read_off_loop

HEADER_ROW, FIRST_DATA_ROW, TEMPLATE_ROWS = 3, 4, 500
MAX_UPLOAD_ROWS = 5000
TEXT_KINDS = ("mobile", "phone", "postcode")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how an old .xls (and .doc) file begins


def heading(field_label: str, required: bool) -> str:
    return f"{field_label}*" if required else field_label


# Typical values are longer than their headings: a unit's name, a result's title, an address.
WIDE = {"organization": 36, "title": 40, "address": 40, "group_name": 24, "team_name": 24,
        "email": 26, "department": 20, "contact_department": 20, "management_department": 24}  # fmt: skip
KIND_WIDTH = {"textarea": 40, "mobile": 14, "phone": 16, "postcode": 9, "date": 12, "email": 26}


def column_width(field: Any) -> float:
    """Wide enough for the heading (a CJK character is two columns) and a typical value."""
    base = WIDE.get(field.name) or KIND_WIDTH.get(field.kind, 12)
    return min(40, max(base, display_width(heading(field.label, field.required)) / 2 + 3))


def template(attachment: Attachment, choices: Mapping[str, tuple[str, ...]] | None = None) -> bytes:
    """A workbook with the attachment's title, its column headings (* = required), notes on
    each heading, and drop-down lists for the fixed choices and 是/否."""
    wb = Workbook()
    ws = wb.active
    ws.title = attachment.number
    last = get_column_letter(len(attachment.fields))
    ws["A1"] = f"{attachment.number}：{attachment.title}"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = (
        "说明：每行填写一份；带*为必填；“是/否”和选项列请从下拉列表选择；企业名称与公章一致。请勿修改第3行标题。"
    )
    ws.merge_cells(f"A2:{last}2")
    for col, field in enumerate(attachment.fields, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=heading(field.label, field.required))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FDE9D9" if field.required else "DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if field.help:
            cell.comment = Comment(field.help, "qcconf")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column_width(field)
        options = (
            (choices or {}).get(field.name)
            or field.choices
            or (("是", "否") if field.kind == "bool" else ())
        )
        if options:
            rule = DataValidation(
                type="list", formula1='"' + ",".join(options) + '"', allow_blank=not field.required,
                showErrorMessage=True, errorStyle="stop", showInputMessage=True,
            )  # fmt: skip
            # Excel and LibreOffice show this and refuse a value outside the list.
            rule.error, rule.errorTitle = f"请从列表中选择：{'、'.join(options)}", field.label
            rule.prompt, rule.promptTitle = "请从下拉列表选择", field.label
            ws.add_data_validation(rule)
            rule.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + TEMPLATE_ROWS}")
        if field.kind in TEXT_KINDS:  # keep long numbers and leading zeros (030006) as text
            ws.column_dimensions[letter].number_format = "@"
            for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + TEMPLATE_ROWS + 1):
                ws.cell(row=row, column=col).number_format = "@"
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _cell(value: Any, number_format: str = "General") -> Any:
    """Excel's number for 13800138000 comes back as a float; dates as datetimes; 98.5% typed
    into a cell is stored as 0.985 with a percent format."""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{round(value * 100, 6):g}%"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def read_rows(
    attachment: Attachment, content: bytes
) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, str]]:
    """The filled rows as (row number, values by field name), and the column letter of each
    field. Refuses a file that is not an .xlsx or whose headings are not the template's."""
    if content.startswith(OLE2):
        raise InvalidInput.one(
            "file", "这是旧版Excel（.xls）文件，请在Excel中“另存为”.xlsx格式后再上传"
        )
    ws = first_sheet(content, "文件不是有效的Excel（.xlsx）表格，请使用下载的模板")
    by_label = {heading(f.label, f.required): f.name for f in attachment.fields}
    by_label |= {f.label: f.name for f in attachment.fields}
    rows = bounded(ws.iter_rows())
    columns: dict[int, str] = {}
    for _ in range(HEADER_ROW):
        header = [c.value for c in next(rows, ())]
        found = {
            i: by_label[str(v).strip()]
            for i, v in enumerate(header)
            if v is not None and str(v).strip() in by_label
        }
        if len(found) > len(columns):
            columns = found
    missing = [f.label for f in attachment.fields if f.required and f.name not in columns.values()]
    if missing:
        raise InvalidInput.one(
            "file",
            f"表格第{HEADER_ROW}行缺少以下列：{'、'.join(missing)}（请使用{attachment.number}的模板）",
        )
    letters = {name: get_column_letter(i + 1) for i, name in columns.items()}
    out = []
    for number, cells in enumerate(rows, start=HEADER_ROW + 1):
        record = {
            name: _cell(cells[i].value, getattr(cells[i], "number_format", "General"))
            for i, name in columns.items()
            if i < len(cells)
        }
        if any(v not in (None, "") for v in record.values()):
            out.append((number, record))
        if len(out) > MAX_UPLOAD_ROWS:
            raise InvalidInput.one("file", f"一次最多上传{MAX_UPLOAD_ROWS}行")
    return out, letters


async def read(
    attachment: Attachment, content: bytes
) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, str]]:
    """read_rows in a worker thread: the event loop serves others while a workbook is parsed."""
    return await read_off_loop(read_rows, attachment, content)


def locate(
    problems: list[FieldProblem], attachment: Attachment, letters: Mapping[str, str]
) -> list[FieldProblem]:
    """Name each problem's Excel row and column: 第12行 D列（手机）：…"""
    labels = {f.name: f.label for f in attachment.fields}
    for problem in problems:
        if problem.row is None:
            continue
        name = problem.field.rsplit(".", 1)[-1]
        problem.column = letters.get(name)
        where = f"第{problem.row}行" + (f" {problem.column}列" if problem.column else "")
        problem.message = f"{where}（{labels.get(name, name)}）：{problem.message}"
    return problems
