"""The draw by lot (抽签) inside each session, and the times that follow from it.

The shuffle of a session is seeded with f"{seed}:{room}:{block}" (random.Random seeds strings
through SHA-512, so the draw is the same on every machine and in every run). Afterwards the
order is repaired, deterministically and as little as possible, so that two results of one
organization are not back to back when that can be avoided.
"""

from __future__ import annotations

import random
from collections import Counter

from scheduling.model import Assignment, Instance, minutes_to_hhmm
from scheduling.spans import walk


def _can_finish(orgs: Counter[str], last: str) -> bool:
    n = sum(orgs.values())
    return all(c <= (n + 1) // 2 and (org != last or c <= n // 2) for org, c in orgs.items() if org)


def separate(order: list[str], org_of: dict[str, str]) -> list[str]:
    """Keep the drawn order but never put two items of one organization side by side if avoidable.

    At each step take the first remaining item whose organization differs from the last one and
    after which the rest can still be separated.
    """
    rest = list(order)
    out: list[str] = []
    last = ""
    while rest:
        counts = Counter(org_of[p] for p in rest)
        pick = None
        for p in rest:
            org = org_of[p]
            if org and org == last:
                continue
            counts[org] -= 1
            ok = _can_finish(counts, org)
            counts[org] += 1
            if ok:
                pick = p
                break
        if pick is None:
            pick = next((p for p in rest if not org_of[p] or org_of[p] != last), rest[0])
        rest.remove(pick)
        out.append(pick)
        last = org_of[pick]
    return out


def draw(
    presentation_ids: list[str], org_of: dict[str, str], seed: int, room: str, block: str
) -> list[str]:
    """The order of one session: sorted ids, shuffled by the session's seed, then separated."""
    order = sorted(presentation_ids)
    random.Random(f"{seed}:{room}:{block}").shuffle(order)
    return separate(order, org_of)


def _starts(instance: Instance, rid: str, bid: str, pids: list[str]) -> list[int]:
    """Back to back in the time the room's plenary items leave (validate.py reports the rare
    mix of lengths that does not fit in this order)."""
    minutes = [instance.presentation(p).minutes for p in pids]
    starts = walk(instance.free(rid, bid), minutes) if instance.held(rid, bid) else None
    if starts is None:
        clock = instance.block(bid).start_minute
        starts = [clock + sum(minutes[:i]) for i in range(len(minutes))]
    return starts


def timed(instance: Instance, sessions: dict[tuple[str, str], list[str]]) -> list[Assignment]:
    """Assignments with back-to-back times in the given order of each session, around the
    room's plenary items."""
    out = []
    for (rid, bid), pids in sessions.items():
        for i, (pid, start) in enumerate(zip(pids, _starts(instance, rid, bid, pids), strict=True)):
            end = start + instance.presentation(pid).minutes
            out.append(
                Assignment(pid, rid, bid, minutes_to_hhmm(start), minutes_to_hhmm(end), i + 1)
            )
    return sort_assignments(instance, out)


def sort_assignments(instance: Instance, assignments: list[Assignment]) -> list[Assignment]:
    """By block (instance order), room (instance order), then order in the session."""
    block_pos = {b.id: i for i, b in enumerate(instance.blocks)}
    room_pos = {r.id: i for i, r in enumerate(instance.rooms)}
    return sorted(assignments, key=lambda a: (block_pos[a.block], room_pos[a.room], a.order))


def _previous_order(instance: Instance) -> dict[tuple[str, str], list[str]]:
    """Each previous session's items in their previous order (empty without orders)."""
    out: dict[tuple[str, str], list[Assignment]] = {}
    for a in instance.previous or ():
        if a.order:
            out.setdefault((a.room, a.block), []).append(a)
    return {k: [a.presentation for a in sorted(v, key=lambda a: a.order)] for k, v in out.items()}


def draw_all(
    instance: Instance, sessions: dict[tuple[str, str], list[str]], seed: int
) -> list[Assignment]:
    """Draw every session by lot and give each item its start and end.

    In a re-solve, the items a session keeps from the previous schedule keep their previous
    order (an untouched session is unchanged); items new to it are drawn and follow them.
    """
    org_of = {p.id: p.organization for p in instance.presentations}
    before = _previous_order(instance)
    drawn = {}
    for key, pids in sessions.items():
        kept = [p for p in before.get(key, ()) if p in pids]
        new = [p for p in pids if p not in kept]
        drawn[key] = kept + (draw(new, org_of, seed, key[0], key[1]) if new else [])
    return timed(instance, drawn)
