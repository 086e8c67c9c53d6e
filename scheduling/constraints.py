"""The block-level CP-SAT model: one function per constraint family, every variable named.

Variables (see `Vars`):
  x[p=QC-017,b=D1-AM]           presentation p is in block b (its room is chosen later)
  y[t=qc:现场型,r=R01,b=D1-AM]   room r holds a session of theme t in block b
  placed[p=QC-017]              p is scheduled at all
  stay[p=QC-017]                p keeps its previous room and block
  w[u=P-0001,t=qc:现场型,b=D1-AM] person u presents theme t in block b

Inside one (theme, block) the items only need enough sessions: counting per room-capacity
level (a Hall condition over nested room sets) is exact for equal-length items, so rooms can be
filled afterwards per block (rooms.py). Every family takes an optional `guard`, which returns
an enforcement literal for a rule group (used by explain.py), or None to make it hard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scheduling.model import Theme
from scheduling.prepare import Prepared, level_index

Guard = Callable[[tuple[Any, ...]], Any]


def tname(theme: Theme) -> str:
    """Theme as it appears in variable names: 'qc:现场型'."""
    return f"{theme[0]}:{theme[1]}"


@dataclass
class Vars:
    x: dict[tuple[str, str], Any] = field(default_factory=dict)
    y: dict[tuple[Theme, str, str], Any] = field(default_factory=dict)
    placed: dict[str, Any] = field(default_factory=dict)
    stay: dict[str, Any] = field(default_factory=dict)
    w: dict[tuple[str, Theme, str], Any] = field(default_factory=dict)


def new_vars(
    model: Any,
    prep: Prepared,
    blocks_for: Mapping[str, Iterable[str]],
    y_keys: Iterable[tuple[Theme, str, str]],
    stays: dict[str, tuple[str, str]] | None = None,
) -> Vars:
    """Create x for each item and block of `blocks_for`, y for `y_keys`, stay for `stays`."""
    v = Vars()
    for pid, blocks in blocks_for.items():
        v.placed[pid] = model.new_bool_var(f"placed[p={pid}]")
        for bid in blocks:
            v.x[pid, bid] = model.new_bool_var(f"x[p={pid},b={bid}]")
    for t, rid, bid in y_keys:
        v.y[t, rid, bid] = model.new_bool_var(f"y[t={tname(t)},r={rid},b={bid}]")
    for pid, (rid, bid) in (stays or {}).items():
        theme = prep.pres[pid].theme
        if (pid, bid) in v.x and (theme, rid, bid) in v.y:
            v.stay[pid] = model.new_bool_var(f"stay[p={pid}]")
    return v


def _enforce(ct: Any, guard: Guard | None, key: tuple[Any, ...]) -> None:
    lit = guard(key) if guard else None
    if lit is not None:
        ct.only_enforce_if(lit)


def add_one_theme_per_session(model: Any, v: Vars) -> None:
    """A room holds at most one session (of one theme) per block."""
    per_session: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for (_, rid, bid), var in v.y.items():
        per_session[rid, bid].append(var)
    for vars_ in per_session.values():
        if len(vars_) > 1:
            model.add_at_most_one(vars_)


def add_placed_once(model: Any, v: Vars, must_place: bool = False) -> None:
    """Each item is in exactly one block when placed (in every block when must_place)."""
    by_item: dict[str, list[Any]] = defaultdict(list)
    for (pid, _), var in v.x.items():
        by_item[pid].append(var)
    for pid, placed in v.placed.items():
        model.add(sum(by_item[pid]) == placed)
        if must_place:
            model.add(placed == 1)


def add_session_capacity(model: Any, v: Vars, prep: Prepared, guard: Guard | None = None) -> None:
    """Items of a theme in a block fit the sessions opened for it, per room-capacity level.

    Level 0 counts every item (and their minutes) against every session: the rule group
    ("category_capacity", theme). Higher levels count the items whose audience needs a room of
    at least that capacity: ("room_capacity", theme). Anchored items (pinned, or kept from the
    previous schedule) count at the level of their own room.
    """
    rooms_of: dict[tuple[Theme, str], list[str]] = defaultdict(list)
    for t, rid, bid in v.y:
        rooms_of[t, bid].append(rid)
    by_tb: dict[tuple[Theme, str], list[str]] = defaultdict(list)
    for pid, bid in v.x:
        by_tb[prep.pres[pid].theme, bid].append(pid)
    for (t, bid), items in sorted(by_tb.items()):
        _capacity_in_block(model, v, prep, t, bid, items, rooms_of[t, bid], guard)


def _anchor(v: Vars, prep: Prepared, pid: str, bid: str) -> tuple[Any, str] | None:
    p = prep.pres[pid]
    if p.pinned is not None and p.pinned.block == bid:
        return v.x[pid, bid], p.pinned.room
    if pid in v.stay and prev_spot(prep, pid)[1] == bid:
        return v.stay[pid], prev_spot(prep, pid)[0]
    return None


def prev_spot(prep: Prepared, pid: str) -> tuple[str, str]:
    """(room, block) of pid in the previous schedule."""
    return prep.previous[pid]


def _capacity_in_block(
    model: Any,
    v: Vars,
    prep: Prepared,
    t: Theme,
    bid: str,
    items: list[str],
    rooms: list[str],
    guard: Guard | None,
) -> None:
    cap = {r: prep.instance.room(r).capacity for r in rooms}
    levels = sorted(set(cap.values()))
    per = {r: prep.per_room[t, r, bid] for r in rooms}
    held = sum(per[r] * v.y[t, r, bid] for r in rooms)
    length = sum(prep.instance.usable(r, bid) * v.y[t, r, bid] for r in rooms)
    minutes = sum(prep.pres[p].minutes * v.x[p, bid] for p in items)
    _enforce(model.add(sum(v.x[p, bid] for p in items) <= held), guard, ("category_capacity", t))
    _enforce(model.add(minutes <= length), guard, ("category_capacity", t))
    item_level = {p: level_index(tuple(levels), prep.pres[p].audience) for p in items}
    anchors = {p: a for p in items if (a := _anchor(v, prep, p, bid)) is not None}
    for i in range(1, len(levels)):
        need = [v.x[p, bid] for p in items if item_level[p] >= i]
        need += [
            lit
            for p, (lit, r) in anchors.items()
            if item_level[p] < i and r in cap and cap[r] >= levels[i]
        ]
        supply = sum(per[r] * v.y[t, r, bid] for r in rooms if cap[r] >= levels[i])
        if need:
            _enforce(model.add(sum(need) <= supply), guard, ("room_capacity", t))
    _anchored_rooms(model, v, prep, t, bid, anchors)


def _anchored_rooms(
    model: Any, v: Vars, prep: Prepared, t: Theme, bid: str, anchors: dict[str, tuple[Any, str]]
) -> None:
    """Items anchored to one room fit that room's single session."""
    by_room: dict[str, list[str]] = defaultdict(list)
    for pid, (_, rid) in anchors.items():
        by_room[rid].append(pid)
    for rid, pids in by_room.items():
        if (t, rid, bid) not in v.y:
            continue
        per, length = prep.per_room[t, rid, bid], prep.instance.usable(rid, bid)
        lits = [anchors[p][0] for p in pids]
        model.add(sum(lits) <= per * v.y[t, rid, bid])
        model.add(
            sum(prep.pres[p].minutes * lit for p, lit in zip(pids, lits, strict=True))
            <= length * v.y[t, rid, bid]
        )


def add_presenter_blocks(model: Any, v: Vars, prep: Prepared, guard: Guard | None = None) -> None:
    """A person is in one room per block: never two themes in one block ("presenter", u).

    Two items of one person in one theme and block share a room; rooms.py keeps them together.
    """
    themes_of: dict[str, set[Theme]] = defaultdict(set)
    for pid in v.placed:
        for person in prep.pres[pid].presenters:
            themes_of[person].add(prep.pres[pid].theme)
    for (pid, bid), var in v.x.items():
        p = prep.pres[pid]
        for person in p.presenters:
            if len(themes_of[person]) < 2:
                continue
            key = (person, p.theme, bid)
            if key not in v.w:
                v.w[key] = model.new_bool_var(f"w[u={person},t={tname(p.theme)},b={bid}]")
            _enforce(model.add_implication(var, v.w[key]), guard, ("presenter", person))
    per_block: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for (person, _, bid), var in v.w.items():
        per_block[person, bid].append(var)
    for (person, _), vars_ in per_block.items():
        if len(vars_) > 1:
            _enforce(model.add_at_most_one(vars_), guard, ("presenter", person))


def add_unavailability(model: Any, v: Vars, prep: Prepared, guard: Guard | None = None) -> None:
    """No item in one of its unavailable blocks: rule group ("unavailable", theme)."""
    for (pid, bid), var in v.x.items():
        p = prep.pres[pid]
        if bid in p.unavailable_blocks:
            _enforce(model.add(var == 0), guard, ("unavailable", p.theme))


def add_pins(model: Any, v: Vars, prep: Prepared, guard: Guard | None = None) -> None:
    """A pinned item, when placed, is in its block and its room holds its theme ("pin", p)."""
    for pid in v.placed:
        p = prep.pres[pid]
        if p.pinned is None:
            continue
        key = (p.theme, p.pinned.room, p.pinned.block)
        x = v.x.get((pid, p.pinned.block))
        if x is None or key not in v.y:
            _enforce(model.add(v.placed[pid] == 0), guard, ("pin", pid))
            continue
        _enforce(model.add(x == v.placed[pid]), guard, ("pin", pid))
        _enforce(model.add_implication(x, v.y[key]), guard, ("pin", pid))


def add_room_kinds(model: Any, v: Vars, prep: Prepared, guard: Guard | None = None) -> None:
    """No session of a theme in a room that does not take its kind ("room_kind", theme)."""
    for (t, rid, _), var in v.y.items():
        if t[0] not in prep.instance.room(rid).kinds:
            _enforce(model.add(var == 0), guard, ("room_kind", t))


def add_stays(model: Any, v: Vars, prep: Prepared) -> None:
    """stay[p] means p is in its previous block and that room holds p's theme."""
    for pid, lit in v.stay.items():
        rid, bid = prev_spot(prep, pid)
        model.add_implication(lit, v.x[pid, bid])
        model.add_implication(lit, v.y[prep.pres[pid].theme, rid, bid])


def add_one_item_per_person_block(model: Any, v: Vars, prep: Prepared) -> None:
    """Stricter than rule 4: a person presents at most one item per block.

    The plan-based placement uses it so that the room step never has to keep two items of one
    person together in one session (which the per-level counts cannot see); the free model
    and the fallback do without it.
    """
    by_person: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for (pid, bid), var in v.x.items():
        for person in prep.pres[pid].presenters:
            by_person[person, bid].append(var)
    for vars_ in by_person.values():
        if len(vars_) > 1:
            model.add_at_most_one(vars_)


def add_all(
    model: Any,
    v: Vars,
    prep: Prepared,
    guard: Guard | None = None,
    must_place: bool = False,
    one_item_per_block: bool = False,
) -> None:
    """Every family at once (the order does not matter)."""
    add_one_theme_per_session(model, v)
    add_placed_once(model, v, must_place)
    add_session_capacity(model, v, prep, guard)
    if one_item_per_block:
        add_one_item_per_person_block(model, v, prep)
    add_presenter_blocks(model, v, prep, guard)
    add_unavailability(model, v, prep, guard)
    add_pins(model, v, prep, guard)
    add_room_kinds(model, v, prep, guard)
    add_stays(model, v, prep)
