"""`qcconf schedule export | solve | run`: the scheduler on files and on the database."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any


def _export(args: argparse.Namespace) -> int:
    from event.current import current_event
    from event.errors import DomainError
    from event.programme.schedule.instance import instance_dict
    from event.session import database

    async def run() -> dict[str, Any]:
        async with database():
            return await instance_dict(await current_event())

    try:
        data = asyncio.run(run())
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    Path(args.out).write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"已导出 {len(data['rooms'])} 个分会场、{len(data['blocks'])} 个时段、"
          f"{len(data['presentations'])} 项发表到 {args.out}")  # fmt: skip
    return 0


def _solve(args: argparse.Namespace) -> int:
    from scheduling.cli import solve_command

    return solve_command(args.instance, args.out, args.time_limit, args.seed, args.workers)


def progress_printer(echo=print):
    """A progress callback printing one line per phase or improvement."""
    from scheduling.cli import PHASES

    last: list[Any] = [None]

    def progress(data: dict[str, Any]) -> None:
        key = (data["phase"], data["objective"], data["bound"])
        if key != last[0]:
            last[0] = key
            extra = "".join(f"  {name} {data[k]:g}" for k, name in (("objective", "目标"), ("bound", "下界"))
                            if data[k] is not None)  # fmt: skip
            echo(f"[{data['seconds']:7.2f}s] {PHASES.get(data['phase'], data['phase'])}{extra}")

    return progress


def _run(args: argparse.Namespace) -> int:
    from event.current import current_event
    from event.errors import DomainError
    from event.programme.schedule.runs import solve_and_store
    from event.session import database

    async def run():
        async with database():
            return await solve_and_store(
                await current_event(), seed=args.seed, time_limit=args.time_limit,
                workers=args.workers, progress=progress_printer(),
            )  # fmt: skip

    try:
        schedule_id, schedule = asyncio.run(run())
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    stats = schedule.stats
    assert stats is not None
    print(f"日程草稿已保存（编号 {schedule_id}，抽签种子 {stats.seed}）：已安排 {len(schedule.assignments)} 项，"
          f"未安排 {len(schedule.unscheduled)} 项；场次 {stats.sessions_used}（下界 {stats.lower_bound}）")  # fmt: skip
    for item in schedule.unscheduled:
        print(f"未安排 {item.presentation}：{item.reason}")
    return 3 if schedule.unscheduled else 0


def add_schedule_parser(sub: Any) -> None:
    """The `schedule` command and its subcommands."""
    schedule = sub.add_parser("schedule", help="the session scheduler").add_subparsers(
        dest="schedule_command", required=True
    )
    export = schedule.add_parser("export", help="write the instance built from the database")
    export.add_argument("--out", required=True)
    export.set_defaults(run=_export)
    solve = schedule.add_parser("solve", help="solve an instance file into a schedule file")
    solve.add_argument("instance")
    solve.add_argument("--out", required=True)
    solve.set_defaults(run=_solve)
    run = schedule.add_parser("run", help="solve the event in the database; store the draft")
    run.set_defaults(run=_run)
    for parser in (solve, run):
        parser.add_argument("--time-limit", type=float, default=30.0, help="seconds")
        parser.add_argument("--seed", type=int, default=1, help="the draw by lot (抽签)")
        parser.add_argument("--workers", type=int, default=1)
