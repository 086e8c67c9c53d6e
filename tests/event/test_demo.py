"""`qcconf demo` builds a realistic event: sizes, categories, valid credit codes, idempotent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from event.tables import (
    AgendaItem,
    Block,
    Event,
    Organization,
    Person,
    Presentation,
    Registration,
    Room,
    Submission,
)
from event.validators import check_credit_code, check_postcode, normalise_mobile
from tests.conftest import ROOT


def demo(url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QCCONF_DATABASE_URL": url, "QCCONF_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "event.cli", "demo", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip


async def test_demo_small_is_realistic_and_valid(db_url: str, tmp_path: Path) -> None:
    done = demo(db_url, tmp_path, "--size", "small")
    assert done.returncode == 0, done.stderr
    assert await Event.count() == 1
    event = await Event.select().first()
    assert (event["edition"], event["starts_on"] is not None) == ("第40次", True)
    assert "演示数据" in event["venue"]  # invented values are marked as such
    assert await Registration.count() == 80
    categories = await Registration.raw("SELECT DISTINCT category FROM registration")
    assert len(categories) == 8
    units = await Organization.select()
    assert len(units) >= 25
    assert len({u["province"] for u in units}) == 6
    for unit in units:
        assert check_credit_code(unit["credit_code"]) == unit["credit_code"]
        assert check_postcode(unit["postcode"]) == unit["postcode"]
    for row in await Person.select(Person.mobile):
        assert normalise_mobile(row["mobile"]) == row["mobile"]
    assert await Room.count() == 4
    assert await Block.count() == 3
    plenary = await AgendaItem.select(AgendaItem.title, AgendaItem.host).order_by(
        AgendaItem.starts_at
    )
    assert [p["title"][:3] for p in plenary] == [
        "报到，",
        "评委预",
        "开幕式",
        "午餐",
        "午餐",
        "总结表",
    ]
    kinds = {
        r["kind"]: r["n"]
        for r in await Submission.raw("SELECT kind, COUNT(*) AS n FROM submission GROUP BY kind")
    }
    assert kinds == {
        "qc": 40,
        "team": 8,
        "story": 6,
        "nomination": 6,
        "application": 6,
        "summary": 4,
        "statistics": 4,
    }
    assert await Presentation.count() == 36 + 8 + 4
    assert await Submission.count().where(Submission.needs_verification == True) == 1  # noqa: E712
    assert await Submission.count().where(Submission.status != "received") == 0
    assert "organiser" in (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8")


async def test_demo_if_empty_leaves_existing_event_alone(db_url: str, tmp_path: Path) -> None:
    assert demo(db_url, tmp_path, "--size", "small").returncode == 0
    again = demo(db_url, tmp_path, "--size", "small", "--if-empty")
    assert again.returncode == 0
    assert "跳过" in again.stdout
    assert await Registration.count() == 80
