"""Chinese sentences for the rule groups that explain.py finds in conflict."""

from __future__ import annotations

import math
from typing import Any

from scheduling.model import KIND_LABELS, Conflict, Presentation, Theme
from scheduling.prepare import Prepared, theme_label

Key = tuple[Any, ...]


def _slots(prep: Prepared, themes: list[Theme]) -> int:
    """(room, block) pairs that take one of the themes and are not pinned to another theme."""
    pinned = {
        (p.pinned.room, p.pinned.block): p.theme
        for items in prep.items.values()
        for p in (prep.pres[i] for i in items)
        if p.pinned
    }
    kinds = {t[0] for t in themes}
    return sum(
        1
        for r in prep.instance.rooms
        for b in prep.instance.blocks
        if kinds & set(r.kinds)
        and pinned.get((r.id, b.id), themes[0]) in themes
        and any(prep.per_session[t, b.id] >= 1 for t in themes)
    )


def _need(prep: Prepared, t: Theme) -> tuple[int, int]:
    """(sessions a theme needs at least, the block length that gives that count)."""
    best = max(prep.instance.blocks, key=lambda b: (prep.per_session[t, b.id], b.length))
    per = prep.per_session[t, best.id]
    return math.ceil(len(prep.items[t]) / per), best.length


def _capacity(prep: Prepared, t: Theme, keys: list[Key]) -> Conflict:
    label = theme_label(prep.instance, t)
    need, length = _need(prep, t)
    slots = _slots(prep, [t])
    if need > slots:
        text = (
            f"{label} 需要 {need} 个 {length} 分钟的场次，但只有 {slots} 个「分会场×时段」"
            f"接收{label}"
        )
        return Conflict("category_capacity", text, t[1], t[0])
    others = [k[1] for k in keys if k[0] == "category_capacity"]
    total = sum(_need(prep, o)[0] for o in others)
    slots = _slots(prep, others)
    labels = "、".join(theme_label(prep.instance, o) for o in others)
    text = (
        f"{labels} 共需要至少 {total} 个场次（按每场最多可容纳的项数计），接收它们的"
        f"「分会场×时段」共 {slots} 个；加上时段长短、会场容量与类型等限制，仍无法全部容纳"
    )
    if len(others) == 1:
        return Conflict("category_capacity", text, t[1], t[0])
    return Conflict("category_capacity", text)


def _room_capacity(prep: Prepared, t: Theme) -> Conflict:
    label = theme_label(prep.instance, t)
    rooms = [prep.instance.room(r) for r in prep.rooms[t]]
    top = max(r.capacity for r in rooms)
    big = [
        prep.pres[p]
        for p in prep.items[t]
        if prep.pres[p].audience > min(r.capacity for r in rooms)
    ]
    names = "、".join(
        r.name for r in rooms if r.capacity >= max((p.audience for p in big), default=0)
    )
    text = (
        f"{label} 有 {len(big)} 项预计听众较多，只有 {names} 容量足够（最大 {top} 人），"
        "这些会场的场次不够"
    )
    return Conflict("room_capacity", text, t[1], t[0])


def _room_kind(prep: Prepared, t: Theme) -> Conflict:
    label = theme_label(prep.instance, t)
    rooms = [prep.instance.room(r) for r in prep.rooms[t]]
    names = "、".join(r.name for r in rooms) or "没有"
    text = (
        f"只有 {names} 接收「{KIND_LABELS[t[0]]}」类发表，共 "
        f"{len(rooms) * len(prep.instance.blocks)} 个「分会场×时段」，不够{label}使用"
    )
    return Conflict("room_kind", text, t[1], t[0])


def _pin(prep: Prepared, pid: str) -> Conflict:
    p = prep.pres[pid]
    assert p.pinned is not None
    text = f"{pid} 固定在 {p.pinned.room} {p.pinned.block}，与其他规则冲突"
    return Conflict("pin", text, p.category, p.kind, pid, None, p.pinned.room, p.pinned.block)


def _unavailable(prep: Prepared, t: Theme) -> Conflict:
    label = theme_label(prep.instance, t)
    limited = [p for p in prep.items[t] if prep.pres[p].unavailable_blocks]
    text = f"{label} 有 {len(limited)} 项不能参加某些时段，其余时段的场次不够"
    return Conflict("unavailable", text, t[1], t[0])


def _presenter(prep: Prepared, person: str) -> Conflict:
    items = [p for p in prep.pres.values() if person in p.presenters and p.id in prep.allowed]
    themes = sorted({theme_label(prep.instance, p.theme) for p in items})
    blocks = sorted({b for p in items for b in prep.allowed[p.id]})
    text = (
        f"发表人 {person} 有 {len(items)} 项发表（{'、'.join(p.id for p in items)}），"
        f"分属 {len(themes)} 个类别（{'、'.join(themes)}），须在不同时段；"
        f"但可用时段只有 {len(blocks)} 个（{'、'.join(blocks)}）"
    )
    return Conflict("presenter", text, person=person)


def conflict_for(prep: Prepared, key: Key, keys: list[Key]) -> Conflict:
    """The Chinese explanation of one rule group found in conflict."""
    rule, subject = key[0], key[1]
    if rule == "category_capacity":
        return _capacity(prep, subject, keys)
    if rule == "room_capacity":
        return _room_capacity(prep, subject)
    if rule == "room_kind":
        return _room_kind(prep, subject)
    if rule == "pin":
        return _pin(prep, subject)
    if rule == "unavailable":
        return _unavailable(prep, subject)
    return _presenter(prep, subject)


MORE_TIME = "；求解在时间限制处停止，延长时间限制可能找到完整安排"


def unproven(verdict: bool | None, cut: bool) -> Conflict:
    """The explanation when no rule group was proven in conflict."""
    if verdict is None:
        text = "未能在剩余时间内找出相互冲突的规则"
    else:
        text = "各项规则分别都能满足，但本次求解未找到包含全部发表的安排"
    return Conflict("time_limit" if cut else "packing", text + (MORE_TIME if cut else ""))


def _concerns(p: Presentation, key: Key) -> bool:
    subject = key[1]
    return subject == p.theme or subject == p.id or subject in p.presenters


def reason_for(prep: Prepared, pid: str, keys: list[Key], found: list[Conflict], cut: bool) -> str:
    """The reason of one unscheduled item: the first conflict that concerns it (its theme,
    itself or one of its presenters), else what its own theme ran out of; never another
    item's pin, and longer time only when a phase was stopped by its limit."""
    p = prep.pres[pid]
    for key, conflict in zip(keys, found, strict=False):
        if _concerns(p, key):
            return f"无法安排：{conflict.message}"
    label = theme_label(prep.instance, p.theme)
    rooms = len(prep.rooms[p.theme]) * len(prep.allowed.get(pid, ()))
    text = (
        f"无法安排：{label}可用的 {rooms} 个「分会场×时段」已被其他发表占满"
        "（其他类别、固定安排、发表人时间冲突共同占用）"
    )
    return text + (MORE_TIME if cut else "")
