"""The domain events that send messages: registered, cancelled, a delegation registered, material
received.

Each subscriber runs inside the transaction of the change (audit.on), reads what it needs from
the rows the change just wrote, and queues the messages there: a change rolled back sends nothing.
"""

from __future__ import annotations

from typing import Any

from event import audit, notice
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory
from event.messages import outbox
from event.messages.compose import Recipient, addressed, render
from event.messages.config import MessageConfig, load_config
from event.messages.outbox import Outgoing
from event.tables import Delegation, Event, Registration, Submission, SubmissionFile
from event.tokens import calendar_token, token_key

SHORT_NAME = "本次交流活动"  # SMS are short; the sign name 【…】 says who sends them


async def event_name(event_id: int | None) -> str:
    row = await Event.select(Event.name).where(Event.id == event_id).first() if event_id else None
    return row["name"] if row else "会议"


async def personal_links(config: MessageConfig, token: str) -> dict[str, str]:
    """The absolute personal link, its read-only calendar feed (/c/: never the key that edits
    and cancels; its key is stored here so the link works before the page was ever opened)
    and the recovery page."""
    calendar = calendar_token(config.secret, token)
    R = Registration
    await R.update({R.calendar_key: token_key(calendar)}).where(
        (R.token_key == token_key(token)) & R.calendar_key.is_null()
    )
    return {
        "link": config.link(f"/r/{token}"),
        "calendar": config.link(f"/c/{calendar}/schedule.ics"),
        "recover": config.link("/recover"),
    }


async def registrations(where: Any) -> list[dict[str, Any]]:
    """Registration rows with the person's name, mobile and e-mail."""
    R = Registration
    return await R.select(
        R.id, R.token, R.category, R.person, R.person.name.as_alias("name"),
        R.person.mobile.as_alias("mobile"), R.person.email.as_alias("email"),
    ).where(where).order_by(R.id)  # fmt: skip


async def confirmation(config: MessageConfig, name: str, reg: dict[str, Any]) -> list[Outgoing]:
    """The messages telling one person they are registered, with their links."""
    category = SHORT_CATEGORY_LABELS[AttendeeCategory(reg["category"])]
    rendered = render(
        "registered", event_name=name, short_name=SHORT_NAME, name=reg["name"],
        category=category, **(await personal_links(config, reg["token"])),
    )  # fmt: skip
    to = Recipient(reg["name"], reg["mobile"], reg["email"], reg["person"], reg["id"])
    return addressed(rendered, to, topic="registration.create")


@audit.on("registration.create")
async def registered(entry: audit.AuditView, event_id: int | None) -> None:
    config = load_config()
    if not config.enabled:
        return
    reg_id, known = int(entry.entity_id), entry.detail
    if "token" in known:  # the one-statement registration passes what it wrote
        reg = {"id": reg_id, "person": None, **known}
        await outbox.queue(event_id, await confirmation(config, known["event_name"], reg))
        return
    found = await registrations(Registration.id == reg_id)
    if found:
        await outbox.queue(
            event_id, await confirmation(config, await event_name(event_id), found[0])
        )


@audit.on("registration.cancel")
async def cancelled(entry: audit.AuditView, event_id: int | None) -> None:
    config = load_config()
    if not config.enabled:
        return
    for reg in await registrations(Registration.id == int(entry.entity_id)):
        rendered = render("cancelled", event_name=await event_name(event_id), name=reg["name"],
                          link=config.link(f"/r/{reg['token']}"))  # fmt: skip
        to = Recipient(reg["name"], reg["mobile"], reg["email"], reg["person"], reg["id"])
        await outbox.queue(event_id, addressed(rendered, to, topic="registration.cancel"))


@audit.on("delegation.create")
async def delegation_registered(entry: audit.AuditView, event_id: int | None) -> None:
    config = load_config()
    if not config.enabled:
        return
    D = Delegation
    delegation_id = int(entry.entity_id)
    unit = await D.select(
        D.token, D.contact_name, D.contact_mobile, D.contact_email,
        D.organization.name.as_alias("organization"),
    ).where(D.id == delegation_id).first()  # fmt: skip
    if unit is None:
        return
    members = await registrations(Registration.delegation == delegation_id)
    name = await event_name(event_id)
    rendered = render(
        "delegation", event_name=name, name=unit["contact_name"],
        organization=unit["organization"], count=len(members), link=config.link(f"/d/{unit['token']}"),
    )  # fmt: skip
    to = Recipient(unit["contact_name"], unit["contact_mobile"], unit["contact_email"])
    messages = addressed(rendered, to, topic="delegation.create")
    for reg in members:
        messages += await confirmation(config, name, reg)
    await outbox.queue(event_id, messages)


@audit.on("submission.create")
async def material_received(entry: audit.AuditView, event_id: int | None) -> None:
    config = load_config()
    if not config.enabled:
        return
    S = Submission
    sub_id = int(entry.entity_id)
    row = await S.select(
        S.kind, S.title, S.token, S.data, S.organization.name.as_alias("organization")
    ).where(S.id == sub_id).output(load_json=True).first()  # fmt: skip
    if row is None:
        return
    data = row["data"] or {}
    if not data.get("contact_mobile") and not data.get("contact_email"):
        return
    scans = await SubmissionFile.count().where(SubmissionFile.submission == sub_id)
    rendered = render(
        "material", event_name=await event_name(event_id), name=data.get("contact_name", ""),
        organization=row["organization"], attachment=notice.SUBMISSION_KIND[row["kind"]].number,
        title=row["title"], missing=[] if scans else ["盖章扫描件"],
        link=config.link(f"/s/{row['token']}"),
    )  # fmt: skip
    to = Recipient(
        data.get("contact_name", ""), data.get("contact_mobile", ""), data.get("contact_email", "")
    )
    await outbox.queue(event_id, addressed(rendered, to, topic="submission.create"))
