"""The quality terms of a finished schedule, for its stats (no solver code).

Each term is what issue 18 asks a reader to see traded, counted on the sessions themselves:
  parallel            sessions of a theme beyond one per block, summed over themes
  parallel_forced     the part of `parallel` the sessions' lengths force (more sessions of a
                      length than blocks that long)
  rooms_per_category  distinct rooms each theme uses, summed
  empty_seats         per session, room capacity minus the largest expected audience, summed
  near_empty          sessions holding less than half of their theme's average session
  unit_splits         per (organization, block), the rooms beyond the first its items use
"""

from __future__ import annotations

from collections import defaultdict

from scheduling.model import Instance, Theme

Sessions = dict[tuple[str, str], list[str]]


def _theme_sessions(instance: Instance, sessions: Sessions) -> dict[Theme, list[tuple[str, str]]]:
    out: dict[Theme, list[tuple[str, str]]] = defaultdict(list)
    for key, pids in sessions.items():
        if pids:
            out[instance.presentation(pids[0]).theme].append(key)
    return out


def _forced(instance: Instance, minutes: list[int]) -> int:
    """Parallel sessions a theme cannot avoid: its k longest sessions need k blocks at least
    that long (a Hall count over the session lengths)."""
    lengths = sorted((b.length for b in instance.blocks), reverse=True)
    forced = 0
    for k, need in enumerate(sorted(minutes, reverse=True), start=1):
        forced = max(forced, k - sum(1 for n in lengths if n >= need))
    return forced


def quality(instance: Instance, sessions: Sessions) -> dict[str, int]:
    """The terms above for `sessions` ((room, block) -> presentation ids)."""
    by_theme = _theme_sessions(instance, sessions)
    parallel = forced = rooms = near_empty = 0
    for keys in by_theme.values():
        blocks = {b for _, b in keys}
        parallel += len(keys) - len(blocks)
        pids = [p for k in keys for p in sessions[k]]
        forced += _forced(
            instance, [sum(instance.presentation(p).minutes for p in sessions[k]) for k in keys]
        )
        rooms += len({r for r, _ in keys})
        average = len(pids) / len(keys)
        near_empty += sum(1 for k in keys if len(sessions[k]) * 2 < average)
    seats = sum(
        instance.room(r).capacity - max(instance.presentation(p).audience for p in pids)
        for (r, _), pids in sessions.items()
        if pids
    )
    org_rooms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (r, b), pids in sessions.items():
        for p in pids:
            org = instance.presentation(p).organization
            if org:
                org_rooms[org, b].add(r)
    return {
        "parallel": parallel,
        "parallel_forced": forced,
        "rooms_per_category": rooms,
        "empty_seats": seats,
        "near_empty": near_empty,
        "unit_splits": sum(len(rs) - 1 for rs in org_rooms.values()),
    }
