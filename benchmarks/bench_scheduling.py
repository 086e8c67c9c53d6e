"""The scheduler on synthetic instances of 100, 365 (national size), 1,000 and 5,000 items.

`run()` returns one row per size: seconds (solve only; ortools is imported before timing),
sessions used, the proven lower bound, the gap, and the violations found by validate.py and by
the independent tools/check_schedule.py together (must be 0). Targets: 365 items complete with
gap <= 1 session in < 10 s; 1,000 with gap <= 3 % in < 30 s; 5,000 complete with gap <= 5 %
in < 60 s, on 2 cores.

    .venv/bin/python -m benchmarks.bench_scheduling
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.scheduling_instances import generate
from scheduling.io import instance_from_dict, schedule_to_dict
from scheduling.model import SolveConfig
from scheduling.solver import solve
from scheduling.validate import validate

REPO = Path(__file__).resolve().parent.parent
CHECKER = REPO.parent / "shared" / "tools" / "check_schedule.py"
SIZES = ((100, 10.0), (365, 10.0), (1000, 30.0), (5000, 60.0))


def _checker_violations(data: dict[str, Any], schedule: dict[str, Any]) -> int:
    """Total of tools/check_schedule.py (-1 when the checker is not found)."""
    if not CHECKER.exists():
        return -1
    with tempfile.TemporaryDirectory() as tmp:
        ipath, spath = Path(tmp) / "instance.json", Path(tmp) / "schedule.json"
        ipath.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        spath.write_text(json.dumps(schedule, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(CHECKER), str(ipath), str(spath)],
            capture_output=True,
            text=True,
            check=False,
        )
    return int(json.loads(done.stdout)["total"])


def measure(size: int, time_limit: float, seed: int = 1) -> dict[str, Any]:
    """Generate, solve and check one instance; one result row."""
    data = generate(size, seed)
    instance = instance_from_dict(data)
    started = time.perf_counter()
    schedule = solve(instance, SolveConfig(time_limit=time_limit, seed=seed, workers=1))
    seconds = time.perf_counter() - started
    stats = schedule.stats
    assert stats is not None
    violations = len(validate(instance, schedule))
    violations += _checker_violations(data, schedule_to_dict(schedule))
    lower = stats.lower_bound
    return {
        "size": size,
        "seconds": round(seconds, 2),
        "sessions_used": stats.sessions_used,
        "lower_bound": lower,
        "gap": round((stats.sessions_used - lower) / lower, 4) if lower else 0.0,
        "violations": violations,
        "unscheduled": len(schedule.unscheduled),
        "proven_optimal": stats.proven_optimal,
    }


def run() -> list[dict]:
    """One row per instance size (see the module docstring for the targets)."""
    from scheduling.cpsat import cp_model

    cp_model()  # import ortools (~0.9 s) before timing
    return [measure(size, limit) for size, limit in SIZES]


def _table(rows: list[dict]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(row[k]) for k in keys) + " |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(_table(run()))
