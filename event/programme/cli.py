"""`qcconf schedule publish`, `qcconf agenda --out FILE.pdf|FILE.html`, `qcconf ics --out FILE.ics`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any


def _publish(_: argparse.Namespace) -> int:
    from event.current import current_event
    from event.errors import DomainError
    from event.programme.publication import publish
    from event.session import database

    async def run() -> Any:
        async with database():
            return await publish((await current_event()).id)

    try:
        version = asyncio.run(run())
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    log = version.changelog
    counts = {a: sum(c.action == a for c in log.changes) for a in ("moved", "added", "withdrawn")}
    print(f"已发布第{version.version}版日程：{version.placed}项发表；新增{counts['added']}项，"
          f"调整{counts['moved']}项，取消{counts['withdrawn']}项；受影响{len(log.affected)}人。")  # fmt: skip
    for change in log.changes:
        old = change.old.text if change.old else "—"
        new = change.new.text if change.new else "—"
        print(f"  {change.label} {change.code} {change.title[:30]}：{old} → {new}")
    return 0


async def _snapshot_and_people(order: str) -> Any:
    from event.current import current_event
    from event.programme.service import Naming, delegates, load, programme
    from event.session import database
    from event.settings import load_settings

    async with database():
        event = await current_event()
        snap = await load(event, Naming.of(load_settings()))
        return snap, programme(snap, await delegates(event.id), order)  # type: ignore[arg-type]


def _agenda(args: argparse.Namespace) -> int:
    from event.errors import DomainError
    from event.programme.render.pdf import render_programme_html, render_programme_pdf

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".html"):
        print("错误：--out 应以 .pdf 或 .html 结尾", file=sys.stderr)
        return 2
    try:
        snap, model = asyncio.run(_snapshot_and_people(args.order))
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    if out.suffix.lower() == ".pdf":
        try:
            out.write_bytes(render_programme_pdf(model, args.layout))
        except DomainError as exc:
            for problem in getattr(exc, "problems", []) or [exc]:
                print(f"错误：{problem.message}", file=sys.stderr)
            return 2
    else:
        out.write_text(render_programme_html(model), encoding="utf-8")
    version = f"第{snap.version}版" if snap.version else "尚未发布分会场安排"
    print(f"会议手册已写入 {out}（{version}，{len(model.delegates)}名代表）")
    return 0


def _ics(args: argparse.Namespace) -> int:
    from event.errors import DomainError

    try:
        snap, _ = asyncio.run(_snapshot_and_people("strokes"))
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    items = snap.plenary + snap.presentations
    feed = snap.feed("all", snap.event.name, lambda: items, site=snap.naming.site or "")
    Path(args.out).write_bytes(feed.body)
    print(f"日历已写入 {args.out}（{len(items)}项）")
    return 0


def _subcommands(parser: argparse.ArgumentParser) -> Any:
    """The sub-command group of `parser` (created by whoever added the parser first)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="schedule_command", required=True)


def add_programme_parsers(sub: Any) -> None:
    """Add `schedule publish`, `agenda` and `ics` to the `qcconf` parser's sub-commands."""
    schedule = sub.choices.get("schedule") or sub.add_parser("schedule", help="the schedule")
    publish = _subcommands(schedule).add_parser(
        "publish", help="publish the draft as the next version"
    )
    publish.set_defaults(run=_publish)
    agenda = sub.add_parser("agenda", help="the printed programme (会议手册) as PDF or HTML")
    agenda.add_argument("--out", required=True, help="FILE.pdf or FILE.html")
    agenda.add_argument("--order", choices=["strokes", "pinyin"], default="strokes",
                        help="delegate list order: 姓氏笔画 (default) or pinyin")  # fmt: skip
    agenda.add_argument("--layout", choices=["a4", "a5-booklet"], default="a4",
                        help="A4 pages, or A5 imposed two to an A4 sheet for saddle stitching")  # fmt: skip
    agenda.set_defaults(run=_agenda)
    ics = sub.add_parser("ics", help="the whole event as one calendar file")
    ics.add_argument("--out", required=True)
    ics.set_defaults(run=_ics)
