"""Private links: how long random tokens are made and compared."""

from __future__ import annotations

import hmac
import secrets

TOKEN_BYTES = 32  # 256 bits: 43 URL-safe characters


def new_token() -> str:
    """A fresh private link token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_token(stored: str, given: str) -> bool:
    """Compare in constant time (never `==` on a secret)."""
    return hmac.compare_digest(stored.encode(), given.encode())
