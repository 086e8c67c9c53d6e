"""Messages: publishing a version that moves 100 presentations of the full demo, with the change
notices switched on (QCCONF_MESSAGES) and off, and the time until all of them have left through
a local SMTP server (aiosmtpd on loopback) by `qcconf worker` (issue 14 targets: the publish
within 10 % of the publish without messages; 650 messages in under 30 s).

Setup (SQLite): `qcconf demo --size full`, `qcconf schedule run`, version 1 published without
messages. Each round stores a draft that moves 100 presentations of the latest version by five
minutes and publishes it, alternately with messages off and on (three of each, medians).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.harness import ROOT, environment, free_port, qcconf

COLUMNS = ("what", "seconds", "messages", "emails", "per_second")
MOVED, ROUNDS = 100, 7


async def _draft_moving(event_id: int, count: int, minutes: int) -> None:
    """A draft equal to the latest version but with `count` presentations `minutes` later."""
    from event.programme.publication import latest_version
    from event.tables import Assignment, Schedule

    latest = await latest_version(event_id)
    await Schedule.delete().where(Schedule.version.is_null())
    draft = (await Schedule.insert(Schedule(event=event_id, created_at=datetime.now(UTC)))
             .returning(Schedule.id))[0]["id"]  # fmt: skip
    rows = await Assignment.select().where(
        (Assignment.schedule == latest["id"]) & Assignment.cancelled.eq(False)
    )
    shift = timedelta(minutes=minutes)
    await Assignment.insert(*[
        Assignment(schedule=draft, presentation=r["presentation"], room=r["room"], block=r["block"],
                   position=r["position"], starts_at=r["starts_at"] + (shift if i < count else timedelta()),
                   ends_at=r["ends_at"] + (shift if i < count else timedelta()))
        for i, r in enumerate(sorted(rows, key=lambda r: r["id"]))
    ])  # fmt: skip


async def _publishes(url: str) -> tuple[list[float], list[float]]:
    from event.current import current_event
    from event.messages import notices  # noqa: F401  (subscribes to schedule.publish)
    from event.programme import publication
    from event.session import database

    off, on = [], []
    async with database(url):
        event = await current_event()
        for round_ in range(2 * ROUNDS):
            await _draft_moving(event.id, MOVED, 5 * (round_ + 1))
            os.environ["QCCONF_MESSAGES"] = "on" if round_ % 2 else "off"
            started = time.perf_counter()
            await publication.publish(event.id)
            (on if round_ % 2 else off).append(time.perf_counter() - started)
    return off, on


def _delivery(env: dict[str, str]) -> dict[str, Any]:
    """`qcconf worker` against aiosmtpd: seconds until the outbox holds nothing due."""
    from aiosmtpd.controller import Controller

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.count += 1
            return "250 OK"

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    worker_env = {
        **env,
        "QCCONF_SMTP_URL": f"smtp://127.0.0.1:{port}",
        "QCCONF_MAIL_FROM": "huiwu@cmqa.example.cn",
    }
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "event.cli", "worker", "--once"], cwd=ROOT, env=worker_env,
                       check=True, capture_output=True, timeout=600)  # fmt: skip
        seconds = time.perf_counter() - started
    finally:
        controller.stop()
    return {"seconds": seconds, "emails": Sink.count}


async def _count(url: str) -> int:
    from event.session import database
    from event.tables import Message

    async with database(url):
        return await Message.count().where(Message.channel != "fanout")


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        url = f"sqlite:///{tmp}/bench.sqlite3"
        env = environment(
            url, tmp / "data", QCCONF_MESSAGES="off", QCCONF_PUBLIC_URL="https://qc.example.cn"
        )
        qcconf(env, "demo", "--size", "full")
        qcconf(env, "schedule", "run", "--time-limit", "10")
        qcconf(env, "schedule", "publish")
        os.environ.update({"QCCONF_DATABASE_URL": url, "QCCONF_DATA_DIR": str(tmp / "data"),
                           "QCCONF_PUBLIC_URL": "https://qc.example.cn"})  # fmt: skip
        off, on = asyncio.run(_publishes(url))
        sent = _delivery({**env, "QCCONF_MESSAGES": "on"})
        messages = asyncio.run(_count(url))
    off_s, on_s = statistics.median(off), statistics.median(on)
    return [
        {"what": f"publish moving {MOVED} presentations, messages off (median of {ROUNDS})", "seconds": off_s},
        {"what": f"publish moving {MOVED} presentations, messages on (median of {ROUNDS})", "seconds": on_s},
        {"what": "on / off", "seconds": on_s / off_s},
        {"what": f"qcconf worker: every notice of {ROUNDS} versions out (SMS local, e-mail by SMTP)",
         "seconds": sent["seconds"], "messages": messages, "emails": sent["emails"],
         "per_second": messages / sent["seconds"]},
    ]  # fmt: skip


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
