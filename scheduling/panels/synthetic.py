"""Seeded panel instances of the full demo's shape, for the tests and the benchmark.

    generate(scale=1, seed=1)   # 9 rooms x 6 blocks, 45 judges; scale=5: 45 rooms, 225 judges

Per scale unit: a plenary room (brand stories in the first block, QC results after), seven QC
rooms and one team room over three days of two blocks; 8–11 results per session from 160
enterprises of 22 provinces; 45 judges, 27 from enterprises that present (one each) and 18 from
nine associations that do not; all judge QC results, most teams, about a third stories, about
two in five may lead.
"""

from __future__ import annotations

import random

from scheduling.panels.model import Judge, PanelInstance, PanelRules, Session

PROVINCES = (
    "北京", "天津", "河北", "山西", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "四川", "重庆", "陕西", "云南",
)  # fmt: skip
BLOCKS = (("08:30", "12:00"), ("14:00", "17:30"))
DAYS = ("2026-07-20", "2026-07-21", "2026-07-22")
NUMBERS = "一二三四五六七"


def _rooms(scale: int) -> list[tuple[str, tuple[str, ...]]]:
    """(room name, kind per block) for every room."""
    blocks = len(DAYS) * len(BLOCKS)
    out = []
    for part in range(1, scale + 1):
        tag = f"（{part}区）" if scale > 1 else ""
        out.append((f"主会场{tag}", ("story",) + ("qc",) * (blocks - 1)))
        out += [(f"第{n}分会场{tag}", ("qc",) * blocks) for n in NUMBERS]
        out.append((f"第八分会场（班组）{tag}", ("team",) * blocks))
    return out


def _sessions(rng: random.Random, scale: int, units: list[str]) -> list[Session]:
    slots = [(day, start, end) for day in DAYS for start, end in BLOCKS]
    out = []
    for r, (room, kinds) in enumerate(_rooms(scale)):
        for b, (day, start, end) in enumerate(slots):
            heard = tuple(sorted(rng.sample(units, rng.randint(8, 11))))
            out.append(Session(f"R{r + 1:02d}-B{b + 1}", room, day, start, end, kinds[b], heard))
    return out


def _judge(rng: random.Random, n: int, unit: str, province: str) -> Judge:
    kinds = (
        ("qc",)
        + (("team",) if rng.random() < 0.8 else ())
        + (("story",) if rng.random() < 0.35 else ())
    )
    return Judge(f"J{n:03d}", f"评委{n:03d}", unit, province, kinds, rng.random() < 0.4)


def generate(scale: int = 1, seed: int = 1) -> PanelInstance:
    """A feasible-looking instance of `scale` times the full demo (see the module docstring)."""
    rng = random.Random(seed)
    provinces = {
        f"样例机械{n:03d}有限公司": rng.choice(PROVINCES) for n in range(1, 160 * scale + 1)
    }
    enterprises = list(provinces)
    sessions = _sessions(rng, scale, enterprises)
    presenting = sorted({u for s in sessions for u in s.units})
    judges = [
        _judge(rng, n + 1, unit, provinces[unit])
        for n, unit in enumerate(rng.sample(presenting, 27 * scale))
    ]
    for a in range(9 * scale):
        province = PROVINCES[a % len(PROVINCES)]
        for _ in range(2):
            judges.append(_judge(rng, len(judges) + 1, f"{province}机械工业质量管理协会", province))
    return PanelInstance(tuple(judges), tuple(sessions), PanelRules())
