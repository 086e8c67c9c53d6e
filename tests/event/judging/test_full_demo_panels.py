"""The full demo, scheduled and published, gets a panel for every session from its 45 judges,
none of them in a session where their own unit presents (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.event.judging.test_cli import qcconf


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_full_demo_panels_have_no_own_unit_conflict(db_url: str, tmp_path: Path) -> None:
    for step in (("demo", "--size", "full"), ("schedule", "run", "--time-limit", "30"),
                 ("schedule", "publish")):  # fmt: skip
        done = qcconf(db_url, tmp_path, *step)
        assert done.returncode == 0, done.stderr
    assigned = qcconf(db_url, tmp_path, "judges", "assign", "--time-limit", "20")
    assert assigned.returncode == 0, assigned.stdout + assigned.stderr
    out = tmp_path / "panels.json"
    assert qcconf(db_url, tmp_path, "judges", "export", "--out", str(out)).returncode == 0
    panels = json.loads(out.read_text(encoding="utf-8"))["panels"]
    conflicts = [(p["room"], p["day"], p["start"], j["name"]) for p in panels for j in p["judges"]
                 if j["unit"] in {x["unit"] for x in p["presentations"]}]  # fmt: skip
    assert conflicts == []
    assert {sum(j["leader"] for j in p["judges"]) for p in panels} == {1}
    assert {len(p["judges"]) for p in panels} <= {3, 5}
    assert len({j["name"] + j["unit"] for p in panels for j in p["judges"]}) <= 45
