"""Importing the full demo's material as Excel files, one file per unit and attachment, through
the same reading and all-or-nothing storing as the upload pages (issue 4: under 10 s)."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import defaultdict
from io import BytesIO

from openpyxl import load_workbook

from benchmarks.harness import environment, qcconf

COLUMNS = ("what", "files", "rows", "seconds", "rows_per_second")


async def _export_files() -> dict[tuple[str, str], bytes]:
    """The demo's submissions written back into filled templates, per (kind, unit)."""
    from event.current import current_event
    from event.submissions.attachments.excel import FIRST_DATA_ROW, template
    from event.submissions.attachments.specs import ATTACHMENTS
    from event.submissions.service import choices_for, with_data
    from event.tables import Submission

    event = await current_event()
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in map(
        with_data, await Submission.select(Submission.kind, Submission.data).order_by(Submission.id)
    ):
        grouped[row["kind"], row["data"]["organization"]].append(row["data"])
    files = {}
    for (kind, unit), rows in grouped.items():
        wb = load_workbook(BytesIO(template(ATTACHMENTS[kind], choices_for(event))))
        ws = wb.active
        for r, data in enumerate(rows):
            for c, field in enumerate(ATTACHMENTS[kind].fields, start=1):
                value = data.get(field.name)
                value = ("是" if value else "否") if isinstance(value, bool) else value
                value = "、".join(map(str, value)) if isinstance(value, list) else value
                ws.cell(row=FIRST_DATA_ROW + r, column=c, value=value)
        out = BytesIO()
        wb.save(out)
        files[kind, unit] = out.getvalue()
    return files


async def _import(files: dict[tuple[str, str], bytes]) -> int:
    from event.current import current_event
    from event.submissions.attachments.excel import read_rows
    from event.submissions.service import attachment_of, submit_many

    event = await current_event()
    total = 0
    for (kind, _unit), content in files.items():
        rows, _ = read_rows(attachment_of(kind), content)
        total += len(await submit_many(event, kind, rows))
    return total


async def _clear_material() -> None:
    from event.tables import ParticipationRecord, Presentation, Submission

    await Presentation.delete(force=True)
    await Submission.delete(force=True)
    await ParticipationRecord.delete(force=True)


def run() -> list[dict]:
    from event.session import database

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/import.sqlite3"
        qcconf(environment(url, tmp), "demo", "--size", "full")

        async def measure() -> dict:
            async with database(url):
                files = await _export_files()
                await _clear_material()
                started = time.perf_counter()
                rows = await _import(files)
                seconds = time.perf_counter() - started
            return {"what": "full demo material, SQLite", "files": len(files), "rows": rows,
                    "seconds": round(seconds, 2), "rows_per_second": round(rows / seconds)}  # fmt: skip

        return [asyncio.run(measure())]


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
