"""The demo's judges: about 45 for the full event (9 for the small one), of many units.

Three in five come from enterprises that present (so the conflict rule has work to do), the
others from provincial associations that present nothing. All judge QC results, most also
teams, about a third stories; about two in five may lead a panel; most hold 诊断师.
"""

from __future__ import annotations

import random

from event.demo.pools import PROVINCES
from event.judging.roster import JudgeIn, add_judges, checked
from event.tables import Submission

COUNTS = {"full": 45, "small": 9}


async def _presenting_units(event_id: int) -> list[tuple[str, str]]:
    rows = await Submission.select(
        Submission.organization.name.as_alias("name"),
        Submission.organization.province.as_alias("province"),
    ).where((Submission.event == event_id) & Submission.presented.eq(True))
    return sorted({(r["name"], r["province"]) for r in rows})


def _judge(rng: random.Random, name: str, unit: str, province: str, n: int) -> JudgeIn:
    kinds = (
        ("qc",)
        + (("team",) if rng.random() < 0.8 else ())
        + (("story",) if rng.random() < 0.35 else ())
    )
    qualification = "诊断师" if rng.random() < 0.8 else "高级工程师"
    return JudgeIn(name, unit, f"1990{n:07d}", province, qualification, kinds, rng.random() < 0.4)


async def load_judges(rng: random.Random, size: str, event_id: int) -> int:
    """Add the demo's judges through the roster service; returns how many."""
    from event.demo.build import person_name

    count = COUNTS[size]
    presenting = await _presenting_units(event_id)
    units = rng.sample(presenting, min(len(presenting), count * 3 // 5))
    for province, *_ in PROVINCES:  # two judges per provincial association, as needed
        units += [(f"{province}机械工业质量管理协会", province)] * 2
    people = [
        checked(_judge(rng, person_name(rng), unit, province, n))
        for n, (unit, province) in enumerate(units[:count], start=1)
    ]
    return await add_judges(event_id, people)
