"""E-mail through a real SMTP server on loopback: MIME, Chinese headers, calendar parts, failures."""

from __future__ import annotations

from event.messages import outbox
from event.messages.config import MessageConfig, SmtpConfig
from event.messages.delivery import Courier
from event.messages.outbox import Outgoing
from event.tables import Message
from tests.event.messages.conftest import free_port

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//ZH\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n"


def mail(**overrides: object) -> Outgoing:
    body = {"channel": "email", "recipient": "wang@example.cn", "recipient_name": "王小明",
            "subject": "登记成功：第40次交流活动", "text": "您好：\n链接 http://testserver/r/x\n",
            "html": "<p>您好</p>", "topic": "test"}  # fmt: skip
    return Outgoing(**(body | overrides))


async def send_one(config: MessageConfig, message: Outgoing) -> dict:
    await outbox.queue(None, [message])
    await Courier(config).drain()
    return await Message.select().first()


async def test_received_message_decodes_its_chinese_subject_and_name(
    db_url, mail_config, smtp_sink
) -> None:
    sink, _ = smtp_sink
    await send_one(mail_config, mail())
    (received,) = sink.received
    assert (received["Subject"], received["To"].addresses[0].display_name) == (
        "登记成功：第40次交流活动",
        "王小明",
    )


async def test_received_message_has_text_and_html_alternatives(
    db_url, mail_config, smtp_sink
) -> None:
    sink, _ = smtp_sink
    await send_one(mail_config, mail())
    body = sink.received[0]
    assert (
        body.get_body(("plain",)).get_content().replace("\r\n", "\n")
        == "您好：\n链接 http://testserver/r/x\n"
    )
    assert body.get_body(("html",)).get_content().strip() == "<p>您好</p>"


async def test_calendar_part_carries_its_method(db_url, mail_config, smtp_sink) -> None:
    sink, _ = smtp_sink
    await send_one(mail_config, mail(calendars=[ICS]))
    (part,) = [p for p in sink.received[0].walk() if p.get_content_type() == "text/calendar"]
    assert (part.get_param("method"), part.get_filename(), part.get_content()) == (
        "CANCEL",
        "cancel.ics",
        ICS,
    )


async def test_sent_message_records_its_message_id(db_url, mail_config, smtp_sink) -> None:
    sink, _ = smtp_sink
    row = await send_one(mail_config, mail())
    assert (row["status"], row["provider_id"]) == ("sent", sink.received[0]["Message-ID"])
    assert row["provider_id"] == f"<qcconf-message-{row['id']}@cmqa.example.cn>"


async def test_received_message_is_dated(db_url, mail_config, smtp_sink) -> None:
    sink, _ = smtp_sink
    row = await send_one(mail_config, mail())
    dated = sink.received[0]["Date"].datetime
    assert abs((dated - row["sent_at"]).total_seconds()) < 60


async def test_refused_recipient_fails_for_good_with_the_servers_answer(
    db_url, mail_config, smtp_sink
) -> None:
    sink, _ = smtp_sink
    sink.refuse.add("nobody@example.cn")
    row = await send_one(mail_config, mail(recipient="nobody@example.cn"))
    assert row["status"] == "failed"
    assert "550" in row["last_error"]


async def test_unreachable_server_leaves_the_message_queued_for_a_retry(db_url) -> None:
    down = SmtpConfig(
        host="127.0.0.1", port=free_port(), username=None, password=None, implicit_tls=False
    )
    row = await send_one(MessageConfig(public_url="http://x", smtp=down), mail())
    assert (row["status"], row["attempts"]) == ("queued", 1)
    assert row["last_error"].startswith("SMTP")
