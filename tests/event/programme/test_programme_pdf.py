"""`qcconf schedule publish`, `qcconf agenda` and `qcconf ics` on a real database, read back."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest
from httpx import AsyncClient
from pypdf import PdfReader

from event.current import EventInfo, update_event
from event.enums import Role
from event.programme import agenda_items
from tests.conftest import ROOT
from tests.event.programme.programme_data import FIRST, SECOND, build, store_draft
from tests.factories import login, plenary


def qcconf(db_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QCCONF_DATABASE_URL": db_url, "QCCONF_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "event.cli", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_cli_publish_queues_its_change_notices(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    """The command line subscribes the messages wing before a change (event/cli.py), so a
    version published by `qcconf schedule publish` queues its notices as one from a page does."""
    from event.tables import Message

    world = await build(event)
    await store_draft(world, FIRST)
    assert qcconf(db_url, tmp_path, "schedule", "publish").returncode == 0
    queued = await Message.select(Message.topic).where(Message.event == event.id)
    assert {"topic": "schedule.publish"} in queued


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_cli_publishes_and_prints_the_handbook_with_cjk_font(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    await update_event(event.id, starts_on=date(2021, 8, 18), ends_on=date(2021, 8, 20))
    world = await build(event)
    await agenda_items.add(event.id, plenary({
        "title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30",
        "location": "主会场", "host": "协会领导"}))  # fmt: skip
    await store_draft(world, FIRST)
    published = qcconf(db_url, tmp_path, "schedule", "publish")
    assert published.returncode == 0, published.stderr
    assert published.stdout.splitlines()[0] == (
        "已发布第1版日程：3项发表；新增3项，调整0项，取消0项；受影响3人。"
    )
    await store_draft(world, SECOND)
    assert qcconf(db_url, tmp_path, "schedule", "publish").returncode == 0

    out = tmp_path / "programme.pdf"
    printed = qcconf(db_url, tmp_path, "agenda", "--out", str(out))
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == f"会议手册已写入 {out}（第2版，4名代表）"
    pdf = out.read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    packed = "".join(text.split())
    assert "2021年8月18日" in packed
    for words in (
        "开幕式",
        "协会领导",
        "缩短齿轮加工周期",
        "第一分会场",
        "代表名单",
        "某某重型机械股份有限公司",
    ):
        assert words in packed, words
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert any("Noto-Sans-CJK-SC" in row[0] and row[-5] == "yes" for row in rows), fonts.stdout
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 4

    calendar = tmp_path / "all.ics"
    assert qcconf(db_url, tmp_path, "ics", "--out", str(calendar)).returncode == 0
    events = icalendar.Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert sorted((str(e["SUMMARY"])[:6], str(e["STATUS"]), int(e["SEQUENCE"])) for e in events) == [
        ("【已取消】提", "CANCELLED", 1), ("开幕式", "CONFIRMED", 0), ("缩短齿轮加工", "CONFIRMED", 0),
        ("降低\"焊接\"", "CONFIRMED", 1),
    ]  # fmt: skip


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_cli_publish_without_draft_says_so(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    result = qcconf(db_url, tmp_path, "schedule", "publish")
    assert (result.returncode, result.stderr.strip()) == (2, "错误：尚无日程草稿，请先运行排程")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_guide_saved_in_settings_is_printed_in_the_handbook(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "zhang", Role.organiser)
    form = {"name": event.name, "edition": event.edition,
            "handbook_notes": "请佩戴代表证入场。\n会场内请将手机调至静音。",
            "handbook_contacts": "会务组 李娜 13800000001", "handbook_transport": "地铁4号线西苑站",
            "handbook_lodging": "北京友谊宾馆"}  # fmt: skip
    assert (await client.post("/admin/settings", data=form)).status_code == 303
    settings = (await client.get("/admin/settings")).text
    assert "会场内请将手机调至静音。" in settings  # the form shows what was saved
    pdf = (await client.get("/programme/handbook.pdf")).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    printed = text.stdout.decode()
    for line in ("请佩戴代表证入场。", "会场内请将手机调至静音。", "会务组 李娜 13800000001",
                 "地铁4号线西苑站", "北京友谊宾馆"):  # fmt: skip
        assert line in printed, line


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_cli_prints_the_a5_booklet(db_url: str, event: EventInfo, tmp_path: Path) -> None:
    await build(event)
    out = tmp_path / "booklet.pdf"
    done = qcconf(db_url, tmp_path, "agenda", "--out", str(out), "--layout", "a5-booklet")
    assert done.returncode == 0, done.stderr
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        (842, 595)
    }
