"""Messages: publishing a version that moves 100 presentations of the full demo, with the change
notices switched on (QCCONF_MESSAGES) and off, and the time until all of them have left through
a local SMTP server (aiosmtpd on loopback) by two `qcconf worker --once` processes at once
(issue 14 targets: the publish within 10 % of the publish without messages; 650 messages in
under 30 s). `received` counts what the SMTP server got: equal to `emails`, nothing twice.

On SQLite and, when it answers, PostgreSQL. Setup: `qcconf demo --size full`, `qcconf schedule
run`, version 1 published without messages. Each round stores a draft that moves 100
presentations of the latest version by five minutes and publishes it in process, alternately
with messages off and on (ROUNDS of each, medians).
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

from benchmarks.harness import ROOT, environment, free_port, on_both_backends, qcconf

COLUMNS = ("backend", "what", "seconds", "messages", "emails", "received", "per_second")
MOVED, ROUNDS = 100, 7


async def _draft_moving(event_id: int, count: int, minutes: int) -> None:
    """A draft equal to the latest version but with `count` presentations `minutes` later, taken
    from rooms that hold no plenary item (publishing refuses a talk overlapping one)."""
    from event.programme.publication import latest_version
    from event.tables import AgendaItem, Assignment, Schedule

    latest = await latest_version(event_id)
    await Schedule.delete().where(Schedule.version.is_null())
    draft = (await Schedule.insert(Schedule(event=event_id, created_at=datetime.now(UTC)))
             .returning(Schedule.id))[0]["id"]  # fmt: skip
    A = Assignment
    rows = await A.select(A.all_columns(), A.room.name.as_alias("room_name")).where(
        (A.schedule == latest["id"]) & A.cancelled.eq(False))  # fmt: skip
    held = {
        r["location"]
        for r in await AgendaItem.select(AgendaItem.location).where(AgendaItem.event == event_id)
    }
    movable = sorted(r["id"] for r in rows if r["room_name"] not in held)[:count]
    shift = {i: timedelta(minutes=minutes) for i in movable}
    await A.insert(*[
        A(schedule=draft, presentation=r["presentation"], room=r["room"], block=r["block"],
          position=r["position"], starts_at=r["starts_at"] + shift.get(r["id"], timedelta()),
          ends_at=r["ends_at"] + shift.get(r["id"], timedelta()))
        for r in rows
    ])  # fmt: skip
    assert len(movable) == count, f"only {len(movable)} presentations can move"


async def _publishes(url: str) -> tuple[list[float], list[float]]:
    from event.current import current_event
    from event.messages import notices  # noqa: F401  (subscribes to schedule.publish)
    from event.programme import publication
    from event.session import database

    off, on = [], []
    async with database(url):
        event = await current_event()
        for round_ in range(2 * ROUNDS):
            await _draft_moving(event.id, MOVED, 5 if round_ % 2 == 0 else -5)  # there and back
            os.environ["QCCONF_MESSAGES"] = "on" if round_ % 2 else "off"
            started = time.perf_counter()
            await publication.publish(event.id)
            (on if round_ % 2 else off).append(time.perf_counter() - started)
    return off, on


def _delivery(env: dict[str, str], workers: int) -> dict[str, Any]:
    """`workers` × `qcconf worker --once` at once against aiosmtpd: seconds until all are done."""
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
    command = [sys.executable, "-m", "event.cli", "worker", "--once"]
    try:
        started = time.perf_counter()
        running = [subprocess.Popen(command, cwd=ROOT, env=worker_env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL) for _ in range(workers)]  # fmt: skip
        for worker in running:
            worker.wait(600)
        seconds = time.perf_counter() - started
    finally:
        controller.stop()
    return {"seconds": seconds, "emails": Sink.count}


async def _count(url: str) -> tuple[int, int]:
    """Messages written by the notices (fan-out rows aside), and how many of them are e-mail."""
    from event.session import database
    from event.tables import Message

    async with database(url):
        made = await Message.count().where(Message.channel != "fanout")
        return made, await Message.count().where(Message.channel == "email")


WORKERS = 2


def _measure(backend: str, url: str) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        site = {"QCCONF_PUBLIC_URL": "https://qc.example.cn", "QCCONF_DATA_DIR": str(tmp / "data")}
        env = environment(url, tmp / "data", QCCONF_MESSAGES="off", **site)
        qcconf(env, "demo", "--size", "full")
        # The setup, not the measurement: a complete schedule however loaded the machine is (the
        # solve ends as soon as it is proven; 10 s was cut short at load 5 and left items out).
        qcconf(env, "schedule", "run", "--time-limit", "120")
        qcconf(env, "schedule", "publish")
        os.environ.update({"QCCONF_DATABASE_URL": url, **site})
        off, on = asyncio.run(_publishes(url))
        sent = _delivery({**env, "QCCONF_MESSAGES": "on"}, WORKERS)
        messages, emails = asyncio.run(_count(url))
    off_s, on_s = statistics.median(off), statistics.median(on)
    return [
        {"backend": backend, "what": f"publish moving {MOVED} presentations, messages off (median of {ROUNDS})", "seconds": off_s},
        {"backend": backend, "what": f"publish moving {MOVED} presentations, messages on (median of {ROUNDS})", "seconds": on_s},
        {"backend": backend, "what": "on / off", "seconds": on_s / off_s},
        {"backend": backend, "what": f"{WORKERS} × qcconf worker: every notice of {ROUNDS} versions out (SMS local, e-mail by SMTP)",
         "seconds": sent["seconds"], "messages": messages, "emails": emails, "received": sent["emails"],
         "per_second": messages / sent["seconds"]},
    ]  # fmt: skip


def run() -> list[dict[str, Any]]:
    return on_both_backends(_measure, "messages")


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
