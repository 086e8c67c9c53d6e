"""JSON in and out, and the solve command with its exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scheduling.cli import solve_command
from scheduling.io import InstanceError, instance_from_dict, instance_to_dict, load_instance
from tests.scheduling.builders import AM, REPO, instance, items, room


def _write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _data(count: int = 3):
    return instance_to_dict(instance([room("R1")], [AM], items("Q", count)))


def test_io_round_trip_keeps_instance():
    inst = instance([room("R1")], [AM], items("Q", 2))
    assert instance_from_dict(instance_to_dict(inst)) == inst


def test_io_unknown_pin_room_names_field_and_id():
    data = _data()
    data["presentations"][1]["pinned"] = {"room": "R9", "block": "D1-AM"}
    with pytest.raises(InstanceError) as err:
        instance_from_dict(data)
    assert (err.value.field, err.value.item_id) == ("presentations[1].pinned.room", "Q-002")


def test_io_duplicate_id_names_it():
    data = _data()
    data["presentations"][2]["id"] = "Q-001"
    with pytest.raises(InstanceError) as err:
        instance_from_dict(data)
    assert (err.value.field, err.value.item_id) == ("presentations[2].id", "Q-001")


def test_io_bad_kind_message_in_chinese():
    data = _data()
    data["presentations"][0]["kind"] = "talk"
    with pytest.raises(InstanceError) as err:
        instance_from_dict(data)
    assert str(err.value) == (
        "实例无效：presentations[0].kind（Q-001）：未知类型 'talk'（应为 qc/team/story）"
    )


def test_io_missing_block_end_names_field():
    data = _data()
    del data["blocks"][0]["end"]
    with pytest.raises(InstanceError) as err:
        instance_from_dict(data)
    assert (err.value.field, err.value.item_id) == ("blocks[0].end", "D1-AM")


def test_io_unreadable_file_is_instance_error(tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InstanceError):
        load_instance(path)


def test_solve_command_all_placed_exit_0(tmp_path: Path):
    lines: list[str] = []
    out = tmp_path / "s.json"
    status = solve_command(_write(tmp_path / "i.json", _data()), out, 2, 1, 1, lines.append)
    assert status == 0
    assert json.loads(out.read_text(encoding="utf-8"))["stats"]["sessions_used"] == 1
    assert lines[-1].startswith("已安排 3 项，未安排 0 项；场次 1（下界 1，已证明最优）")


def test_solve_command_some_unscheduled_exit_3(tmp_path: Path):
    lines: list[str] = []
    out = tmp_path / "s.json"
    status = solve_command(_write(tmp_path / "i.json", _data(12)), out, 2, 1, 1, lines.append)
    assert status == 3
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert (len(saved["assignments"]), len(saved["unscheduled"])) == (11, 1)
    assert saved["explanation"]["conflicts"][0]["rule"] == "category_capacity"


def test_solve_command_invalid_instance_exit_2(tmp_path: Path):
    data = _data()
    data["rooms"][0]["capacity"] = "many"
    lines: list[str] = []
    status = solve_command(
        _write(tmp_path / "i.json", data), tmp_path / "s.json", echo=lines.append
    )
    assert status == 2
    assert lines == ["实例无效：rooms[0].capacity（R1）：类型错误：'many'"]


def test_python_m_scheduling_solve_end_to_end(tmp_path: Path):
    path = _write(tmp_path / "i.json", _data())
    out = tmp_path / "s.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scheduling",
            "solve",
            str(path),
            "--out",
            str(out),
            "--time-limit",
            "2",
            "--seed",
            "3",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["stats"]["seed"] == 3


def test_scheduling_imports_no_web_stack_and_no_ortools():
    code = (
        "import sys, scheduling; print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'ortools', 'litestar', 'piccolo', 'event', 'badges'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
