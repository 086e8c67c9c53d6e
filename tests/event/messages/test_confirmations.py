"""Messages queued by registering, by a delegation and by sending material, and what arrives."""

from __future__ import annotations

import re

from event.messages.delivery import Courier
from event.tables import Message
from tests.factories import delegation, person, qc

LINK = re.compile(r"http://testserver(/r/[A-Za-z0-9_-]+)\s")


async def queued() -> list[dict]:
    return await Message.select(Message.channel, Message.recipient, Message.topic, Message.text,
                                Message.subject).order_by(Message.id)  # fmt: skip


async def test_registering_queues_an_sms_and_an_email(client) -> None:
    await client.post("/api/registrations", json=person(email="wang@example.cn"))
    rows = await queued()
    assert [(r["channel"], r["recipient"], r["topic"]) for r in rows] == [
        ("sms", "13800138000", "registration.create"), ("email", "wang@example.cn", "registration.create"),
    ]  # fmt: skip


async def test_registering_without_email_queues_the_sms_only(client) -> None:
    await client.post("/api/registrations", json=person())
    assert [r["channel"] for r in await queued()] == ["sms"]


async def test_sms_carries_the_absolute_personal_link(client) -> None:
    created = (await client.post("/api/registrations", json=person())).json()
    (sms,) = await queued()
    assert f"http://testserver/r/{created['token']}" in sms["text"]


async def test_refused_registration_queues_nothing(client) -> None:
    await client.post("/api/registrations", json=person())
    refused = await client.post("/api/registrations", json=person(name="重复"))
    assert (refused.status_code, len(await queued())) == (409, 1)


async def test_received_email_link_opens_the_persons_page(client, mail_config, smtp_sink) -> None:
    sink, _ = smtp_sink
    await client.post("/api/registrations", json=person(email="wang@example.cn"))
    await Courier(mail_config).drain()
    (received,) = sink.received
    text = received.get_body(("plain",)).get_content()
    page = await client.get(LINK.search(text)[1])
    assert (
        received["Subject"].startswith("登记成功："),
        page.status_code,
        "王小明" in page.text,
    ) == (True, 200, True)


async def test_email_gives_the_read_only_calendar_link(client) -> None:
    created = (await client.post("/api/registrations", json=person(email="wang@example.cn"))).json()
    email = (await queued())[1]
    feed = re.search(r"http://testserver(/c/[\w-]+/schedule\.ics)", email["text"])
    answer = await client.get(feed[1])
    assert (created["token"] in email["text"].split("/c/")[1], answer.status_code) == (False, 200)
    assert answer.headers["content-type"].startswith("text/calendar")


async def test_delegation_tells_the_contact_and_each_member(client) -> None:
    created = (await client.post("/api/delegations", json=delegation())).json()
    rows = await queued()
    assert [(r["recipient"], r["topic"]) for r in rows] == [
        ("13600000000", "delegation.create"), ("13700000001", "registration.create"),
        ("qian@example.cn", "registration.create"),
    ]  # fmt: skip
    assert f"http://testserver/d/{created['token']}" in rows[0]["text"]


async def test_material_receipt_names_the_missing_sealed_scan(client) -> None:
    created = (await client.post("/api/submissions/qc", json=qc())).json()
    material = [r for r in await queued() if r["topic"] == "submission.create"]
    assert [r["recipient"] for r in material] == ["13800138001"]
    assert "尚缺盖章扫描件" in material[0]["text"]
    assert f"http://testserver/s/{created['token']}" in material[0]["text"]


async def test_messages_off_queues_nothing(client, monkeypatch) -> None:
    monkeypatch.setenv("QCCONF_MESSAGES", "off")
    await client.post("/api/registrations", json=person(email="wang@example.cn"))
    assert await queued() == []


async def test_cancelling_tells_the_person_by_sms(client) -> None:
    created = (await client.post("/api/registrations", json=person())).json()
    await client.post(f"/r/{created['token']}/cancel")
    (sms,) = [r for r in await queued() if r["topic"] == "registration.cancel"]
    link = f"http://testserver/r/{created['token']}"
    assert (
        sms["text"]
        == f"王小明您好，您的参会登记已取消。如非本人操作，请打开个人链接或联系会务组：{link}"
    )
