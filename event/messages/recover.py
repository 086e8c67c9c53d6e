"""找回我的链接: a mobile number or e-mail address in, the personal links out — to that address.

The answer is the same whether or not anyone registered with it, and each request costs the
same work (one write transaction with its audit entry), so neither the page nor its timing tells
who registered. Per client address the public-write rate limit applies; per recipient at most
RECENT_LIMIT links go out an hour, so the page cannot be used to flood someone's phone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from event import audit
from event.current import EventInfo
from event.db import write_transaction
from event.enums import RegistrationStatus
from event.errors import InvalidInput
from event.messages import outbox
from event.messages.compose import Recipient, addressed, render
from event.messages.config import load_config
from event.messages.events import SHORT_NAME, event_name, personal_links, registrations
from event.tables import Message, Registration
from event.validators import check_email, normalise_mobile

RECENT_LIMIT = 3
FIELD = "contact"


def parse_contact(raw: str) -> tuple[str, str]:
    """("sms", mobile) or ("email", address); InvalidInput when it is neither."""
    value = raw.strip()
    if "@" not in value:
        try:
            return "sms", normalise_mobile(value)
        except ValueError:
            pass
    elif value:
        try:
            return "email", check_email(value)
        except ValueError:
            pass
    raise InvalidInput.one(FIELD, "请填写登记时使用的手机号码（11位）或电子邮箱")


def mask(channel: str, value: str) -> str:
    """138****8000, w***@example.cn: enough for the audit log, not the address itself."""
    if channel == "sms":
        return f"{value[:3]}****{value[-4:]}"
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def _where(event_id: int, channel: str, value: str) -> Any:
    R = Registration
    where = (R.event == event_id) & (R.status == RegistrationStatus.active.value)
    if channel == "sms":
        return where & (R.person.mobile == value)
    return where & R.person.email.is_in(list({value, value.lower()}))


async def request_link(event: EventInfo, raw: str) -> None:
    """Queue the links of the active registrations of this address, if any (see the module)."""
    channel, value = parse_contact(raw)
    config = load_config()
    since = datetime.now(UTC) - timedelta(hours=1)
    async with write_transaction(Message._meta.db):
        recent = await Message.count().where(
            (Message.topic == "link.recover") & (Message.recipient == value) & (Message.created_at > since)
        )  # fmt: skip
        found = (
            await registrations(_where(event.id, channel, value)) if recent < RECENT_LIMIT else []
        )
        name = await event_name(event.id)
        messages = []
        for reg in found:
            rendered = render("recover", event_name=name, short_name=SHORT_NAME, name=reg["name"],
                              **(await personal_links(config, reg["token"])))  # fmt: skip
            to = Recipient(reg["name"], reg["mobile"], reg["email"], reg["person"], reg["id"])
            messages += addressed(rendered, to, topic="link.recover", channels=(channel,))
        queued = await outbox.queue(event.id, messages) if config.enabled else 0
        outcome = (
            f"已发送{queued}条"
            if queued
            else ("超过频率限制" if recent >= RECENT_LIMIT else "未找到登记")
        )
        await audit.record(
            event.id, "link.recover", "person", "", f"找回链接（{mask(channel, value)}）：{outcome}"
        )
