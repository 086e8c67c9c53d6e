"""The quality terms of a finished schedule, for its stats (no solver code).

Each term is what issue 18 asks a reader to see traded, counted on the sessions themselves:
  parallel            sessions of a theme beyond one per block, summed over themes
  parallel_forced     the part of `parallel` these sessions force: at least what their lengths
                      force per theme (more sessions of a length than blocks that long), or
                      the bound arrange.py proves with the rooms, pins and presenters, when
                      higher; another schedule of as many sessions may share them among the
                      themes, or fill them, so as to force fewer
  parallel_bound      a lower bound on `parallel` over every schedule with these items and
                      this many sessions (parallel_bound below)
  rooms_per_category  distinct rooms each theme uses, summed
  empty_seats         per session, room capacity minus the largest expected audience, summed
  near_empty          sessions holding less than half of their theme's average session
  unit_splits         per (organization, block), the rooms beyond the first its items use
"""

from __future__ import annotations

import math
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


def _spread_cost(capacities: list[int], items: int, n: int) -> int | None:
    """Fewest parallel sessions of a theme with `n` sessions holding `items`, when a session
    in block i holds at most capacities[i] items (descending): d distinct blocks hold at
    most the d largest plus n - d sessions of the largest; None when n sessions cannot."""
    if not capacities or n * capacities[0] < items:
        return None
    best, held = 0, 0
    for d, cap in enumerate(capacities[:n], start=1):
        held += cap
        if held + (n - d) * capacities[0] >= items:
            best = d
    return n - best


def parallel_bound(instance: Instance, counts: dict[Theme, int], sessions: int) -> int:
    """A lower bound on `parallel` for every schedule placing counts[theme] items of each
    theme in `sessions` sessions: how the sessions can be shared among the themes (a
    knapsack over the themes), each theme spread as widely as its sessions' lengths allow.
    Rooms per block, pins and presenters are left out, so it may be below what they force."""
    shortest: dict[Theme, int] = {}
    for p in instance.presentations:
        shortest[p.theme] = min(p.minutes, shortest.get(p.theme, p.minutes))
    caps: dict[Theme, list[int]] = {}
    for kind, category in counts:
        rooms = [r for r in instance.rooms if kind in r.kinds]
        per_block = [
            max((instance.holds(r.id, b.id, shortest[kind, category]) for r in rooms), default=0)
            for b in instance.blocks
        ]
        caps[kind, category] = sorted((c for c in per_block if c > 0), reverse=True)
    least = {t: math.ceil(m / caps[t][0]) if caps[t] else 0 for t, m in counts.items() if m}
    spare = sessions - sum(least.values())
    if spare < 0 or any(not caps[t] for t in least):
        return 0
    best = {0: 0}  # extra sessions used so far -> fewest parallel sessions
    for t in sorted(least):
        cost = [_spread_cost(caps[t], counts[t], least[t] + extra) for extra in range(spare + 1)]
        step: dict[int, int] = {}
        for used, so_far in best.items():
            for extra in range(spare - used + 1):
                more = cost[extra]
                if more is not None and so_far + more < step.get(used + extra, 1 << 30):
                    step[used + extra] = so_far + more
        best = step
    return best.get(spare, 0)


def forced(instance: Instance, sessions: Sessions) -> int:
    """The parallel sessions these sessions' lengths force, summed over the themes."""
    return sum(
        _forced(
            instance, [sum(instance.presentation(p).minutes for p in sessions[k]) for k in keys]
        )
        for keys in _theme_sessions(instance, sessions).values()
    )


def quality(instance: Instance, sessions: Sessions, proven: int = 0) -> dict[str, int]:
    """The terms above for `sessions` ((room, block) -> presentation ids); `proven` is a
    proven lower bound on `parallel` for these sessions (arrange.py's), 0 when none."""
    by_theme = _theme_sessions(instance, sessions)
    parallel = rooms = near_empty = 0
    for keys in by_theme.values():
        blocks = {b for _, b in keys}
        parallel += len(keys) - len(blocks)
        pids = [p for k in keys for p in sessions[k]]
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
    counts = {t: sum(len(sessions[k]) for k in keys) for t, keys in by_theme.items()}
    used = sum(len(keys) for keys in by_theme.values())
    return {
        "parallel": parallel,
        "parallel_forced": min(parallel, max(proven, forced(instance, sessions))),
        "parallel_bound": parallel_bound(instance, counts, used),
        "rooms_per_category": rooms,
        "empty_seats": seats,
        "near_empty": near_empty,
        "unit_splits": sum(len(rs) - 1 for rs in org_rooms.values()),
    }
