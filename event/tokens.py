"""Private links: how long random tokens are made, stored, found and compared.

A token from a request is never compared with stored tokens by the database (`WHERE token = …`
takes a time that depends on how much of the secret matches). Each row keeps, beside its
token, `token_key`: the token's SHA-256 in hex. A lookup goes by that key, whose timing tells
nothing of the token, and the stored token is then confirmed with `hmac.compare_digest`.
The raw token stays stored because the unit contact's page shows its members' personal links
and its submissions' links.

`token_key` is unique through an index made by the migration that fills it in for older rows
(not Piccolo's `unique=True`/`index=True`: SQLite cannot add a UNIQUE column to a table, and
PostgreSQL already uses the name "<table>_token_key" for the unique constraint of `token`). It is
nullable for the same reason; a row without a key is never found. `token` keeps its own unique
constraint, which SQLite could not drop without rebuilding the table."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

from piccolo.columns import Selectable
from piccolo.custom_types import Combinable
from piccolo.table import Table

TOKEN_BYTES = 32  # 256 bits: 43 URL-safe characters


def new_token() -> str:
    """A fresh private link token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def _bytes(token: str) -> bytes:
    # A path may carry a lone surrogate; it must find nothing, not fail to encode.
    return token.encode("utf-8", "surrogatepass")


def token_key(token: str) -> str:
    """The lookup key stored beside a token: its SHA-256, 64 hex digits."""
    return hashlib.sha256(_bytes(token)).hexdigest()


def calendar_token(secret: str, personal_token: str) -> str:
    """The read-only calendar token of a personal token: an HMAC under the application secret,
    so a feed link (synced by calendar apps to their clouds) never yields the edit/cancel key."""
    digest = hmac.new(secret.encode(), b"calendar:" + _bytes(personal_token), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def token_columns(token: str) -> dict[str, Any]:
    """The values of a new row's `token` and `token_key` columns, to spread into an insert."""
    return {"token": token, "token_key": token_key(token)}


def same_token(stored: str, given: str) -> bool:
    """Compare in constant time (never `==` on a secret)."""
    return hmac.compare_digest(_bytes(stored), _bytes(given))


async def find_by_token(
    table: type[Table], token: str, *columns: Selectable, where: Combinable | None = None
) -> dict[str, Any] | None:
    """The `columns` of the row of `table` (one with `token` and `token_key` columns) whose
    private token is `token` and which meets `where`; None when there is none."""
    condition: Combinable = table._meta.get_column_by_name("token_key") == token_key(token)
    if where is not None:
        condition &= where
    stored = table._meta.get_column_by_name("token").as_alias("_stored_token")
    row = await table.select(*columns, stored).where(condition).first()
    if row is None or not same_token(row.pop("_stored_token"), token):
        return None
    return row
