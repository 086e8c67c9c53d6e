"""Seeded scheduling instances that resemble real meetings, feasible by construction.

    generate(365, seed=1, family="pins")   # national size, 1 % pins
    FAMILIES                               # pins, overlap, tight, stories3x3

Each instance is built around a hidden complete schedule (a *planted* one): sessions of one
theme are laid into (room, block) slots first, then the items are drawn into them, and every
other fact (audience, presenters shared between items, unavailable blocks, pins) is chosen so
that the planted schedule keeps every rule. So a complete schedule always exists, and the
planted session count is an upper bound on the optimum. The planted schedule is kept under `data["planted"]` (a list of
{"presentation", "room", "block"}; an extra key the solver ignores) so that tests and the
benchmark can check it.

Families (the shapes that made the first solver leave items out):
  pins        1 % of the items pinned to their planted room and block
  overlap     a third of the items share a presenter with another item (up to three each)
  tight       rooms about 90 % used by the planted schedule
  stories3x3  3 days x 3 blocks, a quarter of the items 10-minute brand stories
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

QC_CATEGORIES = ("现场型", "攻关型", "管理型", "服务型", "创新型")
TEAM_CATEGORIES = ("生产型", "服务型", "管理型")
STORY_CATEGORIES = ("品牌战略", "品牌体系", "品牌传播", "风险防范", "方法途径", "品牌文化")
DAY_BLOCKS = (("AM", "08:30", "12:00"), ("PM", "13:30", "17:00"), ("EV", "19:00", "21:00"))
CAPACITIES = (300, 200, 150, 120, 100, 100, 80, 80)


@dataclass(frozen=True)
class Family:
    days: int  # 0: by size (2 up to 400 items, 3 up to 1,500, else 4)
    story_share: float
    overlap: float  # share of items whose presenter also presents another item
    pins: float
    fill: float  # share of the (room, block) slots the planted schedule uses
    slack: float  # chance that a planted session is one item short of full


FAMILIES = {
    "pins": Family(0, 0.04, 0.06, 0.01, 0.95, 0.05),
    "overlap": Family(0, 0.04, 0.5, 0.005, 0.9, 0.05),
    "tight": Family(0, 0.04, 0.06, 0.005, 1.0, 0.0),
    "stories3x3": Family(3, 0.25, 0.1, 0.005, 0.95, 0.05),
}


def _blocks(days: int) -> list[dict[str, Any]]:
    return [
        {"id": f"D{d + 1}-{tag}", "day": f"2021-08-{18 + d:02d}", "start": start, "end": end}
        for d in range(days)
        for tag, start, end in DAY_BLOCKS
    ]


def _length(block: dict[str, Any]) -> int:
    (h1, m1), (h2, m2) = (map(int, block[k].split(":")) for k in ("start", "end"))
    return (h2 * 60 + m2) - (h1 * 60 + m1)


def _rooms(count: int) -> list[dict[str, Any]]:
    rooms = [{"id": "R01", "name": "主会场", "capacity": 400, "kinds": ["qc", "team", "story"]}]
    for i in range(1, count):
        kinds = (
            ["qc", "team", "story"] if i % 3 == 1 else (["qc"] if i % 4 == 0 else ["qc", "team"])
        )
        rooms.append(
            {
                "id": f"R{i + 1:02d}",
                "name": f"第{i + 1}分会场",
                "capacity": CAPACITIES[i % len(CAPACITIES)],
                "kinds": kinds,
            }
        )
    return rooms


def _themes(rng: random.Random, size: int, fam: Family) -> list[tuple[str, str, int]]:
    """(kind, category, minutes) of each item, stories first."""
    stories = round(size * fam.story_share)
    teams = round(size * 0.14)
    out = [("story", rng.choice(STORY_CATEGORIES), 10) for _ in range(stories)]
    out += [("team", rng.choice(TEAM_CATEGORIES), 18) for _ in range(teams)]
    out += [("qc", rng.choice(QC_CATEGORIES), 18) for _ in range(size - stories - teams)]
    return out


def _plant(
    rng: random.Random, themes: list[tuple[str, str, int]], fam: Family, days: int
) -> tuple[list[dict], list[dict], list[tuple[int, str, str]]]:
    """Rooms, blocks and each item's planted (item index, room, block)."""
    blocks = _blocks(days)
    by_theme: dict[tuple[str, str], list[int]] = {}
    for i, (kind, cat, _) in enumerate(themes):
        by_theme.setdefault((kind, cat), []).append(i)
    per_block = sum(_length(b) for b in blocks) / len(blocks)
    sessions = sum(math.ceil(len(ix) / (per_block // themes[ix[0]][2])) for ix in by_theme.values())
    count = max(6, math.ceil(sessions / (len(blocks) * fam.fill)))
    while True:  # add a room while the planted sessions do not fit (kinds)
        planted = _fill(rng, themes, by_theme, _rooms(count), blocks, fam.slack)
        if planted is not None:
            return _rooms(count), blocks, planted
        count += 1


def _fill(
    rng: random.Random,
    themes: list[tuple[str, str, int]],
    by_theme: dict[tuple[str, str], list[int]],
    rooms: list[dict],
    blocks: list[dict],
    slack: float,
) -> list[tuple[int, str, str]] | None:
    slots = [(r, b) for b in blocks for r in rooms]
    rng.shuffle(slots)
    used: set[tuple[str, str]] = set()
    spots: list[tuple[int, str, str]] = []
    for (kind, _), idx in sorted(by_theme.items()):
        rest = list(idx)
        while rest:
            free = (
                (r, b) for r, b in slots if (r["id"], b["id"]) not in used and kind in r["kinds"]
            )
            room, block = next(free, (None, None))
            if room is None or block is None:
                return None
            used.add((room["id"], block["id"]))
            fit = _length(block) // themes[rest[0]][2]
            take = max(1, fit - (1 if rng.random() < slack else 0))
            spots += [(i, room["id"], block["id"]) for i in rest[:take]]
            rest = rest[take:]
    return spots


def _presenters(
    rng: random.Random, spots: list[tuple[int, str, str]], overlap: float
) -> dict[int, str]:
    """A person per item; `overlap` of them reuse the presenter of an item in another block
    (or in the same session), never of one in another room of the same block."""
    person = {i: f"P-{i:05d}" for i, _, _ in spots}
    where = {i: (r, b) for i, r, b in spots}
    busy: dict[str, dict[str, str]] = {p: {where[i][1]: where[i][0]} for i, p in person.items()}
    talks = {p: 1 for p in person.values()}
    order = [i for i, _, _ in spots]
    for i in order:
        if rng.random() >= overlap:
            continue
        room, block = where[i]
        for j in rng.sample(order, min(8, len(order))):
            other = person[j]
            if j == i or talks[other] >= 3 or busy[other].get(block, room) != room:
                continue
            talks[person[i]] -= 1
            person[i] = other
            busy[other][block] = room
            talks[other] += 1
            break
    return person


def generate(size: int, seed: int = 1, family: str = "pins") -> dict[str, Any]:
    """An instance of `family` with `size` presentations (the same for the same arguments)."""
    fam = FAMILIES[family]
    rng = random.Random(f"qcconf-scheduling:{family}:{size}:{seed}")
    days = fam.days or (2 if size <= 400 else (3 if size <= 1500 else 4))
    themes = _themes(rng, size, fam)
    rooms, blocks, spots = _plant(rng, themes, fam, days)
    capacity = {r["id"]: r["capacity"] for r in rooms}
    person = _presenters(rng, spots, fam.overlap)
    prefix = {"qc": "QC", "team": "TM", "story": "ST"}
    orgs = [f"ORG-{i:04d}" for i in range(max(2, size // 4))]
    pinned_items = set(rng.sample(range(size), round(size * fam.pins)))
    presentations, planted = [], []
    for i, room, block in sorted(spots):
        kind, category, minutes = themes[i]
        others = [b["id"] for b in blocks if b["id"] != block]
        pinned = i in pinned_items
        presentations.append(
            {
                "id": f"{prefix[kind]}-{i + 1:05d}",
                "title": f"{category}成果 {i + 1}",
                "kind": kind,
                "category": category,
                "minutes": minutes,
                "presenters": [person[i]],
                "organization": rng.choice(orgs),
                "audience": rng.randint(min(30, capacity[room]), min(120, capacity[room]))
                if rng.random() > 0.03
                else capacity[room],
                "unavailable_blocks": [rng.choice(others)] if rng.random() < 0.05 else [],
                "pinned": {"room": room, "block": block} if pinned else None,
            }
        )
        planted.append({"presentation": presentations[-1]["id"], "room": room, "block": block})
    return {
        "name": f"合成实例 {family} {size}（种子 {seed}）",
        "timezone": "Asia/Shanghai",
        "rooms": rooms,
        "blocks": blocks,
        "presentations": presentations,
        "previous": None,
        "planted": planted,
    }
