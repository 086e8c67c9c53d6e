"""The benchmark's instance families: seeded, and feasible by construction (planted schedule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scheduling_instances import FAMILIES, generate
from scheduling.io import instance_from_dict
from scheduling.model import Assignment, Schedule
from scheduling.validate import validate
from tests.scheduling.builders import check


def _planted(data: dict) -> Schedule:
    return Schedule(
        tuple(Assignment(a["presentation"], a["room"], a["block"]) for a in data["planted"])
    )


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_generate_planted_schedule_keeps_every_rule(family: str, tmp_path: Path):
    data = generate(365, 3, family)
    inst = instance_from_dict(data)
    assert validate(inst, _planted(data)) == []
    assert check(inst, _planted(data), tmp_path)["ok"] is True


def test_generate_same_arguments_same_instance():
    assert generate(200, 5, "overlap") == generate(200, 5, "overlap")


def test_generate_pins_family_pins_one_percent():
    data = generate(1000, 1, "pins")
    assert sum(1 for p in data["presentations"] if p["pinned"]) == 10
