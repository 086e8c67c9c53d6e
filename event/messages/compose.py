"""Messages from the templates in templates/messages/ (Simplified Chinese, one file per kind of
message, each with the blocks subject, text, html and sms), addressed to a person's mobile and,
where given, e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from event.messages.outbox import ESSENTIAL, Outgoing
from event.messages.sms import check_length

TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False,
    keep_trailing_newline=True, trim_blocks=False,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str
    sms: str


def render(template_name: str, /, **context: Any) -> Rendered:
    """The four blocks of templates/messages/{name}.j2 with this context."""
    template = _ENV.get_template(f"messages/{template_name}.j2")
    ctx = template.new_context(context)
    block = lambda b: "".join(template.blocks[b](ctx)).strip()  # noqa: E731
    return Rendered(
        subject=" ".join(block("subject").split()), text=block("text") + "\n",
        html=block("html"), sms=" ".join(block("sms").split()),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    mobile: str = ""
    email: str = ""
    person: int | None = None
    registration: int | None = None


def addressed(
    rendered: Rendered, to: Recipient, *, topic: str, kind: str = ESSENTIAL,
    calendars: list[str] | None = None, channels: tuple[str, ...] = ("sms", "email"),
) -> list[Outgoing]:  # fmt: skip
    """An SMS to the mobile and an e-mail to the address, where each is known and wanted."""
    common: dict[str, Any] = {"recipient_name": to.name, "topic": topic, "kind": kind,
                              "person": to.person, "registration": to.registration}  # fmt: skip
    made = []
    if to.mobile and "sms" in channels:
        made.append(
            Outgoing(channel="sms", recipient=to.mobile, text=check_length(rendered.sms), **common)
        )
    if to.email and "email" in channels:
        made.append(Outgoing(
            channel="email", recipient=to.email, subject=rendered.subject, text=rendered.text,
            html=rendered.html, calendars=calendars or [], **common,
        ))  # fmt: skip
    return made
