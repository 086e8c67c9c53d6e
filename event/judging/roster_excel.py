"""The roster's Excel template and its reading (openpyxl; callers run both in a worker thread).

Columns: 姓名, 单位（全称）, 省份, 手机号码, 资格, 可评审类别 (QC小组、质量信得过班组、品牌故事,
separated by 、 or commas), 可任组长 (是/否). A bad row is refused by row and column.
"""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from event.errors import FieldProblem, InvalidInput
from event.judging.roster import KIND_BY_LABEL, JudgeIn, checked

HEADERS = ("姓名", "单位（全称）", "省份", "手机号码", "资格", "可评审类别", "可任组长")
FIELDS = ("name", "unit", "province", "mobile", "qualification", "kinds", "may_lead")
COLUMN = {f: chr(ord("A") + n) for n, f in enumerate(FIELDS)}
HEADING = dict(zip(FIELDS, HEADERS, strict=True))
MAX_ROWS = 500


def template() -> bytes:
    """An empty template with one example row and a 是/否 list for 可任组长."""
    wb = Workbook()
    ws = wb.active
    ws.title = "评委名单"
    ws.append(HEADERS)
    ws.append(("张三", "某某机械工业质量管理协会", "北京", "13800000000", "诊断师",
               "QC小组、质量信得过班组", "是"))  # fmt: skip
    choice = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add(f"G2:G{MAX_ROWS + 1}")
    for col, width in zip("ABCDEFG", (10, 36, 8, 14, 12, 28, 10), strict=True):
        ws.column_dimensions[col].width = width
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _kinds(text: str) -> tuple[str, ...]:
    labels = [p.strip() for p in re.split(r"[、,，;；\s]+", text) if p.strip()]
    return tuple(KIND_BY_LABEL.get(label, label) for label in labels)


def read(body: bytes) -> list[JudgeIn]:
    """The judges of a filled template, checked; InvalidInput with every bad row and column."""
    try:
        ws = load_workbook(BytesIO(body), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InvalidInput.one("file", "文件不是有效的Excel（.xlsx）文件") from None
    rows = list(ws.iter_rows(min_row=2, max_row=MAX_ROWS + 2, values_only=True))
    if len(rows) > MAX_ROWS:
        raise InvalidInput.one("file", f"一次最多导入{MAX_ROWS}名评委")
    out, problems = [], []
    for n, row in enumerate(rows, start=2):
        cells = ["" if v is None else str(v).strip() for v in (tuple(row) + ("",) * 7)[:7]]
        if not any(cells) or cells[0] == "张三":
            continue  # a blank row, or the template's example
        data = dict(zip(FIELDS, cells, strict=True))
        try:
            out.append(checked(JudgeIn(
                data["name"], data["unit"], data["mobile"], data["province"],
                data["qualification"], _kinds(data["kinds"]), data["may_lead"] == "是",
            ), n))  # fmt: skip
        except InvalidInput as exc:
            problems += [
                FieldProblem(p.field, p.message, n, COLUMN.get(p.field)) for p in exc.problems
            ]
    if problems:
        raise InvalidInput(problems)
    if not out:
        raise InvalidInput.one("file", "文件中没有评委")
    return out


def located(problem: FieldProblem) -> str:
    """A refused row's problem as the page lists it: 第4行 D列（手机号码）：…"""
    if problem.row is None:
        return problem.message
    if problem.column is None:
        return f"第{problem.row}行：{problem.message}"
    heading = HEADING.get(problem.field, problem.field)
    return f"第{problem.row}行 {problem.column}列（{heading}）：{problem.message}"
