"""`qcconf judges assign [--seed N] [--time-limit S]` and `qcconf judges export --out PANELS.json`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any


def _assign(args: argparse.Namespace) -> int:
    from event.current import current_event
    from event.errors import DomainError
    from event.judging import panels
    from event.session import database

    async def run() -> Any:
        async with database():
            event = await current_event()
            return await panels.solve(event.id, args.seed, args.time_limit, event.timezone)

    try:
        before, answer = asyncio.run(run())
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    filled = {s.session for s in answer.seats}
    print(f"第{before.programme.version}版日程：{len(before.programme.sessions)}个场次，"
          f"{len(filled)}个已安排评委组，评委{len(before.judges)}人。")  # fmt: skip
    for conflict in answer.explanation:
        print(f"  无法安排：{conflict.message}")
    return 0 if answer.complete else 3


def _export(args: argparse.Namespace) -> int:
    from event.current import current_event
    from event.errors import DomainError
    from event.judging import panels
    from event.session import database

    async def run() -> Any:
        async with database():
            event = await current_event()
            return panels.export(await panels.world(event.id, event.timezone))

    try:
        data = asyncio.run(run())
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"已写入{len(data['panels'])}个场次的评委组到 {args.out}")
    return 0


def add_judges_parser(sub: Any) -> None:
    """`qcconf judges …` for event/cli.py."""
    judges = sub.add_parser("judges", help="judging panels").add_subparsers(
        dest="judges_command", required=True
    )
    assign = judges.add_parser("assign", help="assign panels for the latest published programme")
    assign.add_argument("--seed", type=int, default=1)
    assign.add_argument("--time-limit", type=float, default=10.0)
    assign.set_defaults(run=_assign)
    export = judges.add_parser("export", help="the stored panels as JSON")
    export.add_argument("--out", type=Path, required=True)
    export.set_defaults(run=_export)
