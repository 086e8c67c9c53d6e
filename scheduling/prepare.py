"""Facts derived from an instance once, shared by the models, the bounds and the explanations.

Items that can never be placed (no room takes their kind, a pin that breaks a rule, ...) are
found here without a solver and set aside with a Chinese reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from scheduling.model import KIND_LABELS, Instance, Presentation, Theme


@dataclass(frozen=True)
class Excluded:
    rule: str
    reason: str


@dataclass(frozen=True)
class Prepared:
    instance: Instance
    themes: tuple[Theme, ...]
    items: dict[Theme, tuple[str, ...]]  # placeable items per theme, instance order
    excluded: dict[str, Excluded]
    allowed: dict[str, tuple[str, ...]]  # blocks each placeable item may use
    rooms: dict[Theme, tuple[str, ...]]  # rooms taking the theme's kind
    per_session: dict[tuple[Theme, str], int]  # max items of a theme in one session of a block
    per_room: dict[tuple[Theme, str, str], int]  # ... in the session of one room (plenary items)
    levels: dict[Theme, tuple[int, ...]]  # distinct capacities of the theme's rooms, ascending
    pres: dict[str, Presentation]
    previous: dict[str, tuple[str, str]]  # (room, block) before, for known presentations


def theme_label(instance: Instance, theme: Theme) -> str:
    """'现场型', or '现场型（QC小组）' when the category name exists in several kinds."""
    kinds = {p.kind for p in instance.presentations if p.category == theme[1]}
    return theme[1] if len(kinds) <= 1 else f"{theme[1]}（{KIND_LABELS[theme[0]]}）"


def _item_problem(p: Presentation, inst: Instance) -> Excluded | None:
    kind_rooms = [r for r in inst.rooms if p.kind in r.kinds]
    longest = max((b.length for b in inst.blocks), default=0)
    label = KIND_LABELS[p.kind]
    if not kind_rooms:
        return Excluded("room_kind", f"没有分会场接收「{label}」类发表")
    biggest = max(r.capacity for r in kind_rooms)
    if p.audience > biggest:
        return Excluded(
            "room_capacity",
            f"预计听众 {p.audience} 人，超过接收「{label}」的最大分会场容量 {biggest} 人",
        )
    if p.minutes > longest:
        return Excluded("block_length", f"发表时长 {p.minutes} 分钟，超过最长时段 {longest} 分钟")
    if p.pinned is None and not _allowed_blocks(p, inst):
        return Excluded("unavailable", "没有可用时段：其余时段都不可参加或时长不足")
    return _pin_problem(p, inst) if p.pinned else None


def _pin_problem(p: Presentation, inst: Instance) -> Excluded | None:
    assert p.pinned is not None
    room, block = inst.room(p.pinned.room), inst.block(p.pinned.block)
    where = f"固定在 {room.name}（{room.id}）{block.id}"
    if p.kind not in room.kinds:
        return Excluded("pin", f"{where}，但该分会场不接收「{KIND_LABELS[p.kind]}」类发表")
    if p.audience > room.capacity:
        return Excluded("pin", f"{where}，但预计听众 {p.audience} 人超过容量 {room.capacity} 人")
    if block.id in p.unavailable_blocks:
        return Excluded("pin", f"{where}，但该时段不可参加")
    if inst.holds(room.id, block.id, p.minutes) < 1:
        free = inst.usable(room.id, block.id)
        return Excluded("pin", f"{where}，但发表时长 {p.minutes} 分钟超过该时段可用的 {free} 分钟")
    return None


def _allowed_blocks(p: Presentation, inst: Instance) -> tuple[str, ...]:
    if p.pinned is not None:
        return (p.pinned.block,)
    return tuple(
        b.id for b in inst.blocks if b.id not in p.unavailable_blocks and b.length >= p.minutes
    )


def _pin_clashes(inst: Instance, excluded: dict[str, Excluded]) -> None:
    """Pins that cannot hold together: the later one (instance order) is set aside."""
    session: dict[tuple[str, str], list[Presentation]] = defaultdict(list)
    person_room: dict[tuple[str, str], tuple[str, str]] = {}
    for p in inst.presentations:
        if p.pinned is None or p.id in excluded:
            continue
        key = (p.pinned.room, p.pinned.block)
        mates = session[key]
        used = sum(q.minutes for q in mates)
        if mates and mates[0].theme != p.theme:
            excluded[p.id] = Excluded(
                "pin_clash", f"与 {mates[0].id} 固定在同一场次（{key[0]} {key[1]}），但类别不同"
            )
            continue
        if used + p.minutes > inst.usable(*key):
            excluded[p.id] = Excluded(
                "pin_clash",
                f"固定在 {key[0]} {key[1]} 的发表共超过该时段可用的 {inst.usable(*key)} 分钟",
            )
            continue
        clash = next(
            (person for person in p.presenters if person_room.get((person, key[1]), key) != key),
            None,
        )
        if clash is not None:
            other = person_room[(clash, key[1])]
            excluded[p.id] = Excluded(
                "pin_clash", f"发表人 {clash} 在 {key[1]} 已固定在 {other[0]}，不能同时在 {key[0]}"
            )
            continue
        mates.append(p)
        for person in p.presenters:
            person_room[(person, key[1])] = key


def prepare(instance: Instance) -> Prepared:
    """Derive themes, per-session capacities, room levels and the items set aside."""
    excluded: dict[str, Excluded] = {}
    for p in instance.presentations:
        problem = _item_problem(p, instance)
        if problem is not None:
            excluded[p.id] = problem
    _pin_clashes(instance, excluded)
    placeable = [p for p in instance.presentations if p.id not in excluded]
    themes = tuple(sorted({p.theme for p in placeable}))
    items = {t: tuple(p.id for p in placeable if p.theme == t) for t in themes}
    shortest = {t: min(p.minutes for p in placeable if p.theme == t) for t in themes}
    rooms = {t: tuple(r.id for r in instance.rooms if t[0] in r.kinds) for t in themes}
    per_room = {
        (t, r.id, b.id): instance.holds(r.id, b.id, shortest[t])
        for t in themes
        for r in instance.rooms
        for b in instance.blocks
    }
    per_session = {
        (t, b.id): max((per_room[t, r, b.id] for r in rooms[t]), default=0)
        for t in themes
        for b in instance.blocks
    }
    levels = {t: tuple(sorted({instance.room(r).capacity for r in rooms[t]})) for t in themes}
    allowed = {p.id: _allowed_blocks(p, instance) for p in placeable}
    pres = {p.id: p for p in instance.presentations}
    previous = {
        a.presentation: (a.room, a.block) for a in instance.previous or () if a.presentation in pres
    }
    return Prepared(
        instance,
        themes,
        items,
        excluded,
        allowed,
        rooms,
        per_session,
        per_room,
        levels,
        pres,
        previous,
    )


def level_index(levels: tuple[int, ...], audience: int) -> int:
    """Index of the smallest capacity level that holds `audience` (levels ascending)."""
    for i, cap in enumerate(levels):
        if cap >= audience:
            return i
    return len(levels)
