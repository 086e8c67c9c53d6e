"""`qcconf worker` killed (SIGKILL) while it sends 200 e-mails: after a restart every message
has reached the SMTP server, none is lost, and only the one the dead worker had in flight can
arrive twice — with the same Message-ID, which mail clients show once (SMTP has no way to learn
whether a message whose acceptance the client never recorded was accepted)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter

from event.messages import outbox
from event.messages.outbox import Outgoing
from event.tables import Message
from tests.conftest import ROOT

COUNT = 200


def start_worker(db_url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "QCCONF_DATABASE_URL": db_url, "QCCONF_SMTP_URL": f"smtp://127.0.0.1:{port}",
           "QCCONF_MAIL_FROM": "huiwu@cmqa.example.cn", "QCCONF_MESSAGE_LEASE": "2"}  # fmt: skip
    return subprocess.Popen([sys.executable, "-m", "event.cli", "worker"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


async def wait_for(condition, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_killed_worker_loses_nothing_and_repeats_at_most_its_message_in_flight(
    db_url, smtp_sink
) -> None:
    sink, port = smtp_sink
    await outbox.queue(None, [Outgoing(channel="email", recipient=f"d{i}@example.cn", subject=f"第{i}封",
                                       text=f"正文{i}", topic="test") for i in range(COUNT)])  # fmt: skip
    first = start_worker(db_url, port)
    try:
        await wait_for(lambda: asyncio.sleep(0, len(sink.received) >= COUNT // 3))
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        killed_at = len(sink.received)
    finally:
        first.kill()
    second = start_worker(db_url, port)
    try:
        sent = lambda: Message.count().where(Message.status == "sent")  # noqa: E731
        await wait_for(lambda: _equals(sent(), COUNT))
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(10)
    ids = Counter(m["Message-ID"] for m in sink.received)
    stored = {r["provider_id"] for r in await Message.select(Message.provider_id)}
    assert COUNT // 3 <= killed_at < COUNT
    assert (len(ids), set(ids) == stored, sum(ids.values()) - len(ids) <= 1) == (COUNT, True, True)


async def _equals(count, expected: int) -> bool:
    return await count == expected


async def test_two_workers_at_once_send_each_message_exactly_once(db_url, smtp_sink) -> None:
    sink, port = smtp_sink
    await outbox.queue(None, [Outgoing(channel="email", recipient=f"d{i}@example.cn", subject=f"第{i}封",
                                       text=f"正文{i}", topic="test") for i in range(COUNT)])  # fmt: skip
    workers = [start_worker(db_url, port) for _ in range(2)]
    try:
        sent = lambda: Message.count().where(Message.status == "sent")  # noqa: E731
        await wait_for(lambda: _equals(sent(), COUNT))
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
            worker.wait(10)
    ids = Counter(m["Message-ID"] for m in sink.received)
    assert (len(ids), max(ids.values())) == (COUNT, 1)
