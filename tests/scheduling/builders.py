"""Small hand-built instances for the scheduling tests, and the independent checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scheduling.io import instance_to_dict, schedule_to_dict
from scheduling.model import Block, Instance, Pin, Presentation, Room, Schedule

REPO = Path(__file__).resolve().parents[2]
CHECKER = REPO.parent / "shared" / "tools" / "check_schedule.py"

AM = Block("D1-AM", "2021-08-18", "08:30", "12:00")  # 210 minutes: 11 items of 18
PM = Block("D1-PM", "2021-08-18", "13:30", "17:00")
EV = Block("D1-EV", "2021-08-18", "19:00", "21:00")  # 120 minutes: 6 items of 18


def room(
    rid: str,
    capacity: int = 100,
    kinds: tuple[str, ...] = ("qc", "team", "story"),
    name: str | None = None,
) -> Room:
    return Room(rid, name or f"会场{rid}", capacity, kinds)


def item(
    pid: str,
    category: str = "现场型",
    kind: str = "qc",
    minutes: int = 18,
    presenters: tuple[str, ...] | None = None,
    organization: str = "",
    audience: int = 50,
    unavailable: tuple[str, ...] = (),
    pinned: tuple[str, str] | None = None,
) -> Presentation:
    return Presentation(
        pid,
        f"成果{pid}",
        kind,
        category,
        minutes,
        presenters or (f"P-{pid}",),
        organization,
        audience,
        unavailable,
        Pin(*pinned) if pinned else None,
    )


def items(prefix: str, count: int, **kwargs: Any) -> list[Presentation]:
    return [item(f"{prefix}-{i:03d}", **kwargs) for i in range(1, count + 1)]


def instance(
    rooms: list[Room], blocks: list[Block], presentations: list[Presentation], previous: Any = None
) -> Instance:
    return Instance(
        "测试实例", tuple(rooms), tuple(blocks), tuple(presentations), previous=previous
    )


def check(inst: Instance, schedule: Schedule, tmp_path: Path) -> dict[str, Any]:
    """Run tools/check_schedule.py on the pair as a subprocess; its JSON verdict.

    Skips the test (saying why) when the shared checker is not there, and fails with the
    checker's own output when it does not answer with JSON.
    """
    if not CHECKER.exists():
        pytest.skip(f"independent checker not found: {CHECKER}")
    ipath, spath = tmp_path / "instance.json", tmp_path / "schedule.json"
    ipath.write_text(json.dumps(instance_to_dict(inst), ensure_ascii=False), encoding="utf-8")
    spath.write_text(json.dumps(schedule_to_dict(schedule), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(CHECKER), str(ipath), str(spath)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"{CHECKER} gave no JSON (exit {done.returncode}): {done.stdout}{done.stderr}")
