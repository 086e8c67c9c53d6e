"""Seeded synthetic scheduling instances in the JSON form of SCHEDULING.md.

    generate(365, seed=1)  # national size: ~300 QC results, ~50 team results, ~15 stories

Rooms and days grow with the size; there are presenter overlaps (one person with a result and
a story), organizations with several results, unavailable blocks, big audiences that need the
big halls, and a few pins (always consistent with each other).
"""

from __future__ import annotations

import math
import random
from typing import Any

QC_CATEGORIES = ("现场型", "攻关型", "管理型", "服务型", "创新型")
TEAM_CATEGORIES = ("生产型", "服务型", "管理型")
STORY_CATEGORIES = ("品牌战略", "品牌体系", "品牌传播", "风险防范", "方法途径", "品牌文化")
DAY_BLOCKS = (("AM", "08:30", "12:00"), ("PM", "13:30", "17:00"), ("EV", "19:00", "21:00"))


def _blocks(days: int) -> list[dict[str, Any]]:
    return [
        {"id": f"D{d + 1}-{tag}", "day": f"2021-08-{18 + d:02d}", "start": start, "end": end}
        for d in range(days)
        for tag, start, end in DAY_BLOCKS
    ]


def _rooms(count: int) -> list[dict[str, Any]]:
    caps = [400, 300, 200, 150, 120, 100, 100, 80, 80]
    rooms = [{"id": "R01", "name": "主会场", "capacity": 400, "kinds": ["qc", "team", "story"]}]
    for i in range(1, count):
        kinds = ["qc", "team"] if i % 4 else ["qc"]
        if i % 5 == 1:
            kinds = ["qc", "team", "story"]
        rooms.append(
            {
                "id": f"R{i + 1:02d}",
                "name": f"第{i + 1}分会场",
                "capacity": caps[i % len(caps)] if i < len(caps) else caps[4 + i % 5],
                "kinds": kinds,
            }
        )
    return rooms


def _kind(rng: random.Random, i: int, size: int) -> tuple[str, str, int]:
    share = i / size
    if share < 0.04:
        return "story", rng.choice(STORY_CATEGORIES), 10
    if share < 0.18:
        return "team", rng.choice(TEAM_CATEGORIES), 18
    return "qc", rng.choice(QC_CATEGORIES), 18


def _presentations(
    rng: random.Random, size: int, blocks: list[dict[str, Any]], big_room: int
) -> list[dict[str, Any]]:
    prefix = {"qc": "QC", "team": "TM", "story": "ST"}
    people = [f"P-{i:05d}" for i in range(size)]
    orgs = [f"ORG-{i:04d}" for i in range(max(2, size // 4))]
    out = []
    for i in range(size):
        kind, category, minutes = _kind(rng, i, size)
        presenters = [people[i]]
        if rng.random() < 0.06:  # the same person also presents another item
            presenters = [people[rng.randrange(size)]]
        audience = rng.randint(30, 120)
        if rng.random() < 0.03:
            audience = rng.randint(150, big_room)
        unavailable = [rng.choice(blocks)["id"]] if rng.random() < 0.05 else []
        out.append(
            {
                "id": f"{prefix[kind]}-{i + 1:05d}",
                "title": f"{category}成果 {i + 1}",
                "kind": kind,
                "category": category,
                "minutes": minutes,
                "presenters": presenters,
                "organization": rng.choice(orgs),
                "audience": audience,
                "unavailable_blocks": unavailable,
                "pinned": None,
            }
        )
    return out


def _pin_some(rng: random.Random, data: dict[str, Any], count: int) -> None:
    """Pin `count` items to distinct fresh (room, block) pairs that take them."""
    used: set[tuple[str, str]] = set()
    pinned_people: set[str] = set()
    items = list(data["presentations"])
    rng.shuffle(items)
    for p in items:
        if count == 0:
            break
        rooms = [
            r for r in data["rooms"] if p["kind"] in r["kinds"] and r["capacity"] >= p["audience"]
        ]
        blocks = [b for b in data["blocks"] if b["id"] not in p["unavailable_blocks"]]
        room, block = rng.choice(rooms), rng.choice(blocks)
        if (room["id"], block["id"]) in used or set(p["presenters"]) & pinned_people:
            continue
        used.add((room["id"], block["id"]))
        pinned_people.update(p["presenters"])
        p["pinned"] = {"room": room["id"], "block": block["id"]}
        count -= 1


def generate(size: int, seed: int = 1) -> dict[str, Any]:
    """An instance with `size` presentations (deterministic for a given size and seed)."""
    rng = random.Random(f"qcconf-scheduling:{size}:{seed}")
    days = 2 if size <= 400 else (3 if size <= 1500 else 4)
    blocks = _blocks(days)
    sessions = size / 9.5 * 1.3 + 16
    rooms = _rooms(max(9, math.ceil(sessions / len(blocks))))
    big_room = sorted(r["capacity"] for r in rooms)[-2]
    data = {
        "name": f"合成实例 {size}（种子 {seed}）",
        "timezone": "Asia/Shanghai",
        "rooms": rooms,
        "blocks": blocks,
        "presentations": _presentations(rng, size, blocks, big_room),
        "previous": None,
    }
    _pin_some(rng, data, max(1, size // 100))
    return data
