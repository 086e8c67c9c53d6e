"""The delegate's check-in code: an opaque token (never the personal link) shown as a QR code
on the personal page and printed on the badge; the desk scans it."""

from __future__ import annotations

import io
import secrets

import segno

from event.db import existing_row, write_transaction
from event.enums import RegistrationStatus
from event.tables import Registration as R
from event.tokens import find_by_token


def new_checkin_code() -> str:
    """A fresh check-in code (the only place one is made)."""
    return secrets.token_urlsafe(16)


async def own_code(personal_token: str) -> str | None:
    """The check-in token of an active registration, for the delegate's own page (given one
    now if it has none); None for a cancelled registration."""
    active = R.status == RegistrationStatus.active.value
    row = await find_by_token(R, personal_token, R.id, R.checkin_token, where=active)
    if row is None:
        return None
    if row["checkin_token"]:
        return row["checkin_token"]
    async with write_transaction(R._meta.db):
        await R.update({R.checkin_token: new_checkin_code()}).where(
            (R.id == row["id"]) & R.checkin_token.is_null()
        )
    stored = await existing_row(R.select(R.checkin_token).where(R.id == row["id"]).first())
    return stored["checkin_token"]


def qr_svg(data: str, scale: int = 6, title: str = "报到二维码") -> str:
    """An inline SVG QR code of `data` (a check-in token, or a personal link to scan)."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        out, kind="svg", scale=scale, border=4, xmldecl=False, svgclass="qr", title=title
    )
    return out.getvalue().decode()
