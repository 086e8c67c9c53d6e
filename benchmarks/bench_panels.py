"""Judging panels on synthetic instances of the full demo's shape and of five times it.

One row per (scale, seed): 9 rooms x 6 blocks x 45 judges (scale 1) and 45 rooms x 6 blocks x
225 judges (scale 5); seconds (the solve only, ortools imported before timing; each in a fresh
process, whose peak memory is its own), the goals' values and proven bounds (short,
room_changes, spread, same_province: see scheduling/panels/objective.py), whether the optimum
is proven, the seats filled and the hard-rule violations validate.py finds (must be 0).
Target: the full demo proven optimal in < 5 s on 2 cores.

    .venv/bin/python -m benchmarks.bench_panels
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.harness import in_fresh_process, peak_rss_mb
from benchmarks.table import markdown

RUNS = ((1, 1, 10.0), (1, 2, 10.0), (1, 3, 10.0), (5, 1, 240.0))  # (scale, seed, time limit)
COLUMNS = ("instance", "seed", "seconds", "status", "proven_optimal", "short", "room_changes",
           "spread", "same_province", "seats", "violations", "peak_rss_mb")  # fmt: skip


def _child(scale: int, seed: int, limit: float) -> dict[str, Any]:
    """Generate, solve and check one instance (run in a fresh process)."""
    from scheduling.cpsat import cp_model
    from scheduling.panels import PanelConfig, assign, validate
    from scheduling.panels.synthetic import generate

    cp_model()  # import ortools (~0.9 s) before timing
    inst = generate(scale, seed)
    started = time.perf_counter()
    panels = assign(inst, PanelConfig(time_limit=limit, seed=1))
    seconds = time.perf_counter() - started
    stats = panels.stats
    assert stats is not None
    rooms = len({s.room for s in inst.sessions})
    blocks = len({(s.day, s.start) for s in inst.sessions})
    row: dict[str, Any] = {
        "instance": f"{rooms} rooms x {blocks} blocks x {len(inst.judges)} judges",
        "seed": seed,
        "seconds": round(seconds, 2),
        "status": stats.status,
        "proven_optimal": stats.proven_optimal,
        "seats": f"{len(panels.seats)}/{inst.rules.max_judges * len(inst.sessions)}",
        "violations": len(validate(inst, panels)),
        "peak_rss_mb": peak_rss_mb(),
    }
    for name, value, bound in stats.goals:
        row[name] = f"{value}" if value == bound else f"{value} (bound {bound})"
    return row


def run() -> list[dict]:
    """One row per run of RUNS (see the module docstring for the target)."""
    return [in_fresh_process("bench_panels", "_child", *args) for args in RUNS]


if __name__ == "__main__":
    print(markdown(run(), COLUMNS))
