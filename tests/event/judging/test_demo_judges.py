"""`qcconf demo --size full` brings about 45 judges of many units, some of units that present."""

from __future__ import annotations

from pathlib import Path

import pytest

from event.tables import Judge, Submission
from tests.event.test_demo import demo


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_full_demo_has_45_judges_of_many_units(db_url: str, tmp_path: Path) -> None:
    done = demo(db_url, tmp_path, "--size", "full")
    assert done.returncode == 0, done.stderr
    judges = await Judge.select(Judge.unit, Judge.kinds, Judge.may_lead)
    presenting = await Submission.select(Submission.organization.name.as_alias("name")).where(
        Submission.presented.eq(True)
    )
    units = {j["unit"] for j in judges}
    assert len(judges) == 45
    assert len(units) >= 30
    assert len(units & {r["name"] for r in presenting}) == 27
    assert all("qc" in j["kinds"] for j in judges)
    assert sum(j["may_lead"] for j in judges) >= 9
