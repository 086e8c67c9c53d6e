"""Reading an uploaded workbook without letting it hurt the server.

An .xlsx is a zip of XML, so a small file can hold a huge sheet (a million blank rows in 2.5 MB
kept the event loop busy for 65 s) or XML entities that expand (billion laughs) or point outside
(external entities). Here a workbook is refused before openpyxl parses it when any part declares
a DTD or entity, or unpacks past a size; rows are then read with a bound on rows and cells
actually read, blank ones included; and callers run all of it in a worker thread (`read_off_loop`),
so the event loop keeps serving while a big file is read."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO
from typing import Any, TypeVar

import anyio
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from event.errors import InvalidInput

MAX_UNPACKED = 60 * 1024 * 1024  # bytes of XML in all parts together
MAX_READ_ROWS = 5_000  # rows read, blank ones too (an upload holds at most 2,000 filled rows)
MAX_READ_CELLS = 200_000
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
T = TypeVar("T")


def first_sheet(content: bytes, not_a_workbook: str) -> ReadOnlyWorksheet:
    """The first sheet, read-only; InvalidInput (field `file`) for anything else."""
    try:
        parts = zipfile.ZipFile(BytesIO(content))
        infos = parts.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput.one("file", not_a_workbook) from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise InvalidInput.one("file", "表格解压后过大，请删除多余的行、列和图片后再上传")
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with parts.open(info) as part:
            head = part.read(4096).upper()  # a DTD must come before the root element
        if any(d in head for d in _DECLARATIONS):
            raise InvalidInput.one(
                "file", "表格含有不允许的XML实体声明（DTD），请用Excel另存后再上传"
            )
    try:
        return load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds (defusedxml's among them) for a bad file
        raise InvalidInput.one("file", not_a_workbook) from None


def bounded(
    rows: Iterator[tuple[Any, ...]], max_rows: int = MAX_READ_ROWS, max_cells: int = MAX_READ_CELLS
) -> Iterator[tuple[Any, ...]]:
    """The rows, refusing the file once more than `max_rows` rows or `max_cells` cells have been
    read (blank rows count: they cost the same to parse)."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        cells += len(row)
        if number > max_rows or cells > max_cells:
            raise InvalidInput.one(
                "file", f"表格行数过多（含空行，最多读取{max_rows}行）：请删除多余的空行后再上传"
            )
        yield row


async def read_off_loop(read: Callable[..., T], *args: Any) -> T:
    """Run a workbook reader in a worker thread (parsing is CPU work that would stall the loop)."""
    return await anyio.to_thread.run_sync(read, *args)
