"""The solve command, shared by `qcconf schedule solve` and `python -m scheduling solve`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scheduling.io import InstanceError, dump_schedule, load_instance
from scheduling.model import Schedule, SolveConfig

DEFAULT_TIME_LIMIT = 30.0
PHASES = {
    "plan": "场次规划",
    "placement": "分配时段",
    "repair": "修复",
    "rooms": "分配会场",
    "explain": "分析原因",
    "done": "完成",
}


def _printer(echo: Callable[[str], Any]) -> Callable[[dict[str, Any]], None]:
    last: dict[str, Any] = {}

    def progress(data: dict[str, Any]) -> None:
        key = (data["phase"], data["objective"], data["bound"])
        if last.get("key") == key:
            return
        last["key"] = key
        parts = [f"[{data['seconds']:7.2f}s] {PHASES.get(data['phase'], data['phase'])}"]
        if data["objective"] is not None:
            parts.append(f"目标 {data['objective']:g}")
        if data["bound"] is not None:
            parts.append(f"下界 {data['bound']:g}")
        echo("  ".join(parts))

    return progress


def _summary(schedule: Schedule, out_path: str | Path, echo: Callable[[str], Any]) -> None:
    stats = schedule.stats
    assert stats is not None
    proven = "已证明最优" if stats.proven_optimal else "未证明最优"
    echo(
        f"已安排 {len(schedule.assignments)} 项，未安排 {len(schedule.unscheduled)} 项；"
        f"场次 {stats.sessions_used}（下界 {stats.lower_bound}，{proven}）；"
        f"用时 {stats.seconds:.1f} 秒；同类别并行 {stats.parallel} 场"
        f"（其中 {stats.parallel_forced} 场不可避免），各类别共用会场 {stats.rooms_per_category} 个；"
        f"结果写入 {out_path}"
    )
    for conflict in schedule.explanation:
        echo(f"原因：{conflict.message}")
    for item in schedule.unscheduled:
        echo(f"未安排 {item.presentation}：{item.reason}")


def solve_command(
    instance_path: str | Path,
    out_path: str | Path,
    time_limit: float | None = None,
    seed: int = 1,
    workers: int = 1,
    echo: Callable[[str], Any] = print,
) -> int:
    """Solve INSTANCE into OUT; returns the exit status.

    0 every presentation placed; 3 some unscheduled (the file still holds the partial
    schedule, the reasons and the explanation); 2 the instance is invalid (the message names
    the field and the id).
    """
    from scheduling.solver import solve

    try:
        instance = load_instance(instance_path)
    except InstanceError as exc:
        echo(str(exc))
        return 2
    config = SolveConfig(
        time_limit=time_limit or DEFAULT_TIME_LIMIT,
        seed=seed,
        workers=max(1, workers),
        progress=_printer(echo),
    )
    schedule = solve(instance, config)
    dump_schedule(schedule, out_path)
    _summary(schedule, out_path, echo)
    return 3 if schedule.unscheduled else 0
