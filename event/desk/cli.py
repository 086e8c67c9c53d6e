"""`qcconf badges --out FILE.pdf [--category CODE] [--unit NAME] [--layout a6|card|a4-4up]`."""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
from pathlib import Path

from event import notice
from event.enums import AttendeeCategory


def add_badges_parser(sub: argparse._SubParsersAction) -> None:
    badges = sub.add_parser("badges", help="badge sheets as one PDF, sorted by unit and 姓氏笔画")
    badges.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    badges.add_argument("--category", choices=[c.value for c in AttendeeCategory])
    badges.add_argument("--unit", help="only this unit (its full name)")
    badges.add_argument(
        "--layout", choices=[layout.code for layout in notice.BADGE_LAYOUTS], default="a6"
    )
    badges.set_defaults(run=_badges, reads_only=True)  # no change: no message subscribers


def _badges(args: argparse.Namespace) -> int:
    from event.current import current_event
    from event.desk import badges
    from event.errors import DomainError, InvalidInput
    from event.printing import unprintable
    from event.session import database

    async def run() -> tuple[bytes, int]:
        async with database():
            event = await current_event()
            for u in await unprintable(event.id):  # left out of the run: say so
                print(f"无可用字体，代表证不生成：{u.name}（{u.label}含{u.code_points}，请在 {u.href} 修改）",
                      file=sys.stderr)  # fmt: skip
            return await badges.batch_pdf(
                event, layout=args.layout, category=args.category, unit=args.unit, off_loop=False
            )

    started = time.perf_counter()
    try:
        pdf, count = asyncio.run(run())
    except DomainError as exc:
        problems = exc.problems if isinstance(exc, InvalidInput) else []
        print(f"错误：{exc.message}", file=sys.stderr)
        for problem in problems[1:]:
            print(f"错误：{problem.message}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    seconds = time.perf_counter() - started
    print(f"已生成 {count} 张代表证（{args.layout}）：{args.out}，用时 {seconds:.1f} 秒")
    # The program ends here: the collection Python makes on exit would walk every object the
    # render left behind (fonts, caches: 0.2-0.4 s); frozen, they go with the process.
    gc.freeze()
    return 0
