"""`qcconf schedule export | solve | run`: files, the stored draft, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from event.cli import main
from event.current import EventInfo
from event.programme.schedule import drafts
from event.programme.schedule.instance import instance_dict
from event.tables import Presentation
from scheduling.io import instance_from_dict, instance_to_dict, schedule_to_dict
from scheduling.model import Schedule
from scheduling.validate import validate
from tests.conftest import ROOT
from tests.event.programme.schedule_data import add_presentation, small_event

CHECKER = ROOT.parent / "shared" / "tools" / "check_schedule.py"


def qcconf(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QCCONF_DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "event.cli", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip


async def stored_draft() -> tuple[int, Schedule]:
    row = await drafts.draft_row((await Presentation.select(Presentation.event).first())["event"])
    assert row is not None
    return row["seed"], drafts.as_schedule(row, await drafts.assignment_rows(row["id"]))


def checked(instance: dict, schedule: Schedule, tmp_path: Path) -> dict:
    (tmp_path / "i.json").write_text(json.dumps(instance, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps(schedule_to_dict(schedule)), encoding="utf-8")
    done = subprocess.run([sys.executable, str(CHECKER), str(tmp_path / "i.json"), str(tmp_path / "s.json")],
                          capture_output=True, text=True, check=False)  # fmt: skip
    return json.loads(done.stdout)


async def test_schedule_run_stores_draft_that_passes_checks(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    await small_event(event, qc=6, team=2)
    done = qcconf(db_url, "schedule", "run", "--seed", "5", "--time-limit", "5")
    assert done.returncode == 0, done.stderr
    assert "场次规划" in done.stdout
    assert "抽签种子 5）：已安排 8 项，未安排 0 项；场次 3（下界 3）" in done.stdout
    seed, schedule = await stored_draft()
    data = await instance_dict(event)
    assert (seed, len(schedule.assignments)) == (5, 8)
    assert validate(instance_from_dict(data), schedule) == []
    verdict = checked(data, schedule, tmp_path)
    assert (verdict["ok"], verdict["total"], verdict["sessions_used"]) == (True, 0, 3)


async def test_schedule_run_same_seed_same_draft(db_url: str, event: EventInfo) -> None:
    await small_event(event, qc=8, team=0)
    assert qcconf(db_url, "schedule", "run", "--seed", "7", "--time-limit", "5").returncode == 0
    first = (await stored_draft())[1].assignments
    assert qcconf(db_url, "schedule", "run", "--seed", "7", "--time-limit", "5").returncode == 0
    second = (await stored_draft())[1].assignments
    assert first == second
    assert len(first) == 8


async def test_schedule_run_keeps_pin(db_url: str, event: EventInfo) -> None:
    seeded = await small_event(event, qc=4, team=0)
    await Presentation.update(
        {Presentation.pinned_room: seeded.rooms["第二会场"], Presentation.pinned_block: "D1-PM"}
    ).where(Presentation.code == "QC-0003")
    assert qcconf(db_url, "schedule", "run", "--time-limit", "5").returncode == 0
    placed = (await stored_draft())[1].by_presentation()["QC-0003"]
    assert (placed.room, placed.block) == (f"R{seeded.rooms['第二会场']:02d}", "D1-PM")


async def test_schedule_run_unplaceable_exits_3(db_url: str, event: EventInfo) -> None:
    seeded = await small_event(event, qc=2, team=0)
    await add_presentation(event, seeded, "QC-0009", minutes=120)
    done = qcconf(db_url, "schedule", "run", "--time-limit", "5")
    assert done.returncode == 3
    assert "未安排 QC-0009：" in done.stdout
    row = await drafts.draft_row(event.id)
    assert row is not None
    assert [u["presentation"] for u in row["unscheduled"]] == ["QC-0009"]


async def test_schedule_export_writes_instance_file(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    await small_event(event, qc=2, team=1)
    done = qcconf(db_url, "schedule", "export", "--out", str(tmp_path / "instance.json"))
    assert (done.returncode, done.stdout.strip()) == (
        0, f"已导出 2 个分会场、2 个时段、3 项发表到 {tmp_path / 'instance.json'}"
    )  # fmt: skip
    data = json.loads((tmp_path / "instance.json").read_text(encoding="utf-8"))
    assert data == await instance_dict(event)


def _instance_file(tmp_path: Path, minutes: list[int]) -> Path:
    from tests.scheduling.builders import AM, instance, item, room

    inst = instance([room("R1")], [AM], [item(f"Q-{i}", minutes=m) for i, m in enumerate(minutes)])
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(instance_to_dict(inst), ensure_ascii=False), encoding="utf-8")
    return path


def test_schedule_solve_all_placed_exits_0(tmp_path: Path) -> None:
    path = _instance_file(tmp_path, [18, 18])
    assert (
        main(
            ["schedule", "solve", str(path), "--out", str(tmp_path / "s.json"), "--time-limit", "2"]
        )
        == 0
    )
    assert len(json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["assignments"]) == 2


def test_schedule_solve_unplaceable_exits_3(tmp_path: Path) -> None:
    path = _instance_file(tmp_path, [18, 300])
    assert (
        main(
            ["schedule", "solve", str(path), "--out", str(tmp_path / "s.json"), "--time-limit", "2"]
        )
        == 3
    )
    assert [
        u["presentation"] for u in json.loads((tmp_path / "s.json").read_text())["unscheduled"]
    ] == ["Q-1"]


def test_schedule_solve_invalid_instance_exits_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"rooms": [], "blocks": []}), encoding="utf-8")
    assert main(["schedule", "solve", str(path), "--out", str(tmp_path / "s.json")]) == 2
    assert capsys.readouterr().out.strip() == "实例无效：$.presentations：缺少该字段"
    assert not (tmp_path / "s.json").exists()
