"""python -m scheduling solve INSTANCE.json --out SCHEDULE.json [--time-limit S] [--seed N]
[--workers N]"""

from __future__ import annotations

import argparse
import sys

from scheduling.cli import solve_command


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m scheduling", description="会议日程求解器")
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="求解一个实例文件")
    solve.add_argument("instance")
    solve.add_argument("--out", required=True)
    solve.add_argument("--time-limit", type=float, default=None)
    solve.add_argument("--seed", type=int, default=1)
    solve.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    return solve_command(args.instance, args.out, args.time_limit, args.seed, args.workers)


if __name__ == "__main__":
    sys.exit(main())
