"""The outbox: claims, retries, the local mailbox, declined optional messages."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from event.messages import outbox
from event.messages.config import MessageConfig
from event.messages.delivery import Courier
from event.messages.outbox import OPTIONAL, Outgoing
from event.tables import Message, MessageOptOut, Organization, Person


def sms(n: int, **overrides: object) -> Outgoing:
    return Outgoing(
        channel="sms", recipient=f"1380000{n:04d}", text=f"第{n}条", topic="test", **overrides
    )


async def test_two_workers_claiming_at_once_take_disjoint_messages(db_url: str) -> None:
    await outbox.queue(None, [sms(i) for i in range(30)])
    first, second = await asyncio.gather(outbox.claim(20, 60), outbox.claim(20, 60))
    ids = [r["id"] for r in first] + [r["id"] for r in second]
    assert (len(ids), len(set(ids))) == (30, 30)


async def test_claimed_message_is_not_claimed_again_within_its_lease(db_url: str) -> None:
    await outbox.queue(None, [sms(1)])
    await outbox.claim(10, 60)
    assert await outbox.claim(10, 60) == []


async def test_claim_of_a_dead_worker_is_taken_again_after_its_lease(db_url: str) -> None:
    await outbox.queue(None, [sms(1)])
    await outbox.claim(10, 60)
    await Message.update(
        {Message.claimed_until: datetime.now(UTC) - timedelta(seconds=1)}, force=True
    )
    again = await outbox.claim(10, 60)
    assert [(r["status"], r["attempts"]) for r in again] == [("sending", 2)]


async def test_failed_attempt_waits_before_the_next(db_url: str) -> None:
    await outbox.queue(None, [sms(1)])
    (row,) = await outbox.claim(10, 60)
    await outbox.mark_failed(
        row["id"], row["attempts"], "SMTP 451", permanent=False, max_attempts=6
    )
    stored = await Message.select(Message.status, Message.last_error, Message.next_try_at).first()
    assert (stored["status"], stored["last_error"]) == ("queued", "SMTP 451")
    assert stored["next_try_at"] > datetime.now(UTC) + timedelta(seconds=25)
    assert await outbox.claim(10, 60) == []


def test_retry_delay_doubles_up_to_an_hour() -> None:
    waits = [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 10)]
    assert waits == [30, 60, 120, 3600]


async def test_permanent_failure_is_recorded_with_its_reason(db_url: str) -> None:
    await outbox.queue(None, [sms(1)])
    (row,) = await outbox.claim(10, 60)
    await outbox.mark_failed(row["id"], row["attempts"], "SMTP 550", permanent=True, max_attempts=6)
    stored = await Message.select(Message.status, Message.last_error).first()
    assert stored == {"status": "failed", "last_error": "SMTP 550"}


async def test_last_allowed_attempt_fails_for_good(db_url: str) -> None:
    await outbox.queue(None, [sms(1)])
    (row,) = await outbox.claim(10, 60)
    await outbox.mark_failed(row["id"], 6, "超时", permanent=False, max_attempts=6)
    assert (await Message.select(Message.status).first())["status"] == "failed"


async def test_without_transports_messages_land_in_the_local_mailbox(db_url: str) -> None:
    await outbox.queue(
        None, [sms(1), Outgoing(channel="email", recipient="a@b.cn", text="x", topic="t")]
    )
    claimed = await Courier(MessageConfig(public_url="http://x")).drain()
    statuses = await Message.select(Message.status).order_by(Message.id)
    assert (claimed, [s["status"] for s in statuses]) == (2, ["local", "local"])


async def test_resend_queues_a_failed_message_again(db_url: str) -> None:
    await outbox.queue(None, [sms(1)])
    (row,) = await outbox.claim(10, 60)
    await outbox.mark_failed(row["id"], 1, "x", permanent=True, max_attempts=6)
    assert await outbox.resend(row["id"]) is True
    assert [r["id"] for r in await outbox.claim(10, 60)] == [row["id"]]


async def test_optional_message_to_someone_who_declined_is_not_queued(db_url: str) -> None:
    org = (await Organization.insert(Organization(name="某厂", created_at=datetime.now(UTC))))[0][
        "id"
    ]
    pid = (
        await Person.insert(
            Person(name="甲", organization=org, mobile="13800000001", created_at=datetime.now(UTC))
        )
    )[0]["id"]
    await MessageOptOut.insert(MessageOptOut(person=pid, at=datetime.now(UTC)))
    queued = await outbox.queue(None, [sms(1, kind=OPTIONAL, person=pid), sms(2, person=pid)])
    assert (queued, await Message.count()) == (1, 1)
