"""`qcconf worker`: sends the outbox apart from the web servers (production, PostgreSQL).

event/cli.py subscribes the messages wing to the domain events before any command that may
change data, so changes made from the command line (`qcconf schedule publish`) queue their
messages too."""

from __future__ import annotations

import argparse
import asyncio
import signal


def add_worker_parser(sub: argparse._SubParsersAction) -> None:
    worker = sub.add_parser("worker", help="send queued e-mail and SMS until stopped")
    worker.add_argument("--once", action="store_true", help="send what is due now, then stop")
    worker.set_defaults(run=_worker)
    remind = sub.add_parser(
        "remind", help="queue the reminder (报到, own presentations) to everyone"
    )
    remind.set_defaults(run=_remind)


def _remind(_: argparse.Namespace) -> int:
    from event.current import current_event
    from event.messages.config import load_config
    from event.messages.reminders import remind
    from event.session import database

    async def run() -> int:
        async with database():
            return await remind((await current_event()).id, load_config())

    print(f"已加入发送队列：{asyncio.run(run())}条会前提醒")
    return 0


def _worker(args: argparse.Namespace) -> int:
    from event.messages.config import load_config
    from event.messages.delivery import Courier
    from event.session import database

    async def run() -> None:
        courier, stop = Courier(load_config()), asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):  # finish the message in hand, then stop
            loop.add_signal_handler(signum, stop.set)
        async with database():
            try:
                await (courier.drain() if args.once else courier.run(stop))
            finally:
                await courier.close()

    asyncio.run(run())
    return 0
