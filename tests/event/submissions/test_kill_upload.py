"""The server killed (SIGKILL) in the middle of a large Excel upload leaves all rows or none."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import threading
import time
from io import BytesIO
from pathlib import Path

import asyncpg
import httpx
import openpyxl

from event.current import EventInfo
from event.submissions.attachments.excel import FIRST_DATA_ROW, template
from event.submissions.attachments.specs import QC
from event.tables import Submission
from tests.event.live import live_server
from tests.factories import qc

ROWS = 1500


def big_upload() -> bytes:
    wb = openpyxl.load_workbook(BytesIO(template(QC)))
    ws = wb.active
    names = [f.name for f in QC.fields]
    for r in range(ROWS):
        values = qc(
            group_name=f"第{r}号QC小组", presented=False, presenter_name=None, presenter_mobile=None
        )
        for c, name in enumerate(names, start=1):
            value = values.get(name)
            ws.cell(
                row=FIRST_DATA_ROW + r,
                column=c,
                value=("是" if value else "否") if isinstance(value, bool) else value,
            )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


async def writing(db_url: str) -> bool:
    """Whether the upload's write transaction is open right now."""
    if db_url.startswith("sqlite"):  # a writer holds SQLite's write lock: we cannot take it
        conn = sqlite3.connect(db_url.removeprefix("sqlite://"), timeout=0)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()
    conn = await asyncpg.connect(db_url)
    try:
        rows = await conn.fetch("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                                "AND xact_start IS NOT NULL AND pid <> pg_backend_pid() AND query ILIKE '%submission%'")  # fmt: skip
        return bool(rows)
    finally:
        await conn.close()


async def test_server_killed_mid_upload_leaves_all_or_nothing(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    content = big_upload()
    with live_server(db_url, tmp_path, extra_env={"QCCONF_RATE_LIMIT": "0"}) as base:
        sender = threading.Thread(target=lambda: _post(base, content), daemon=True)
        sender.start()
        deadline = time.monotonic() + 60
        while not await writing(db_url):
            assert time.monotonic() < deadline, "the upload never started writing"
            await asyncio.sleep(0.05)
        killed = _kill_server(base)
        assert killed
    stored = await Submission.count()
    assert stored in (0, ROWS)
    assert stored == 0  # killed inside the transaction: nothing half-written survives


def _post(base: str, content: bytes) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the server dies under the request
        httpx.post(
            f"{base}/api/submissions/qc/excel", files={"file": ("big.xlsx", content)}, timeout=120
        )


def _kill_server(base: str) -> bool:
    port = base.rsplit(":", 1)[1]
    for line in os.popen(f"ss -ltnp 'sport = :{port}'").read().splitlines():
        if "pid=" in line:
            os.kill(int(line.split("pid=")[1].split(",")[0]), signal.SIGKILL)
            return True
    return False
