"""`qcconf judges assign` and `qcconf judges export` on a real database, the JSON read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from event.current import EventInfo
from tests.conftest import ROOT
from tests.event.judging.world import add_judges, build


def qcconf(db_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QCCONF_DATABASE_URL": db_url, "QCCONF_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "event.cli", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_assign_fills_every_session_and_exits_0(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    await build(event)
    done = qcconf(db_url, tmp_path, "judges", "assign", "--seed", "2", "--time-limit", "5")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "第1版日程：2个场次，2个已安排评委组，评委8人。"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_assign_with_too_few_judges_exits_3_with_the_reason(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    world = await build(event, with_judges=False)
    await add_judges(world, count=4)  # two sessions at once need at least six
    done = qcconf(db_url, tmp_path, "judges", "assign")
    assert done.returncode == 3, done.stderr
    assert "无法安排" in done.stdout


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_export_writes_the_documented_shape(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    await build(event)
    assert qcconf(db_url, tmp_path, "judges", "assign").returncode == 0
    out = tmp_path / "panels.json"
    done = qcconf(db_url, tmp_path, "judges", "export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["panels"]
    assert [(p["room"], p["day"], p["start"], p["end"]) for p in data["panels"]] == [
        ("第一分会场", "2021-08-18", "08:30", "12:00"),
        ("第二分会场", "2021-08-18", "08:30", "12:00"),
    ]
    for panel in data["panels"]:
        assert list(panel) == ["room", "day", "start", "end", "judges", "presentations"]
        assert [sorted(j) for j in panel["judges"]] == [["leader", "name", "unit"]] * len(
            panel["judges"]
        )
        assert sum(j["leader"] for j in panel["judges"]) == 1
    assert data["panels"][1]["presentations"] == [
        {"code": f"QC-000{n}", "unit": "丙汽车零部件有限公司"} for n in (4, 5, 6)
    ]
