"""Organiser and desk accounts: passwords hashed with Argon2."""

from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from msgspec import Struct

from event.enums import Role
from event.errors import Conflict, InvalidInput
from event.tables import Account

_HASHER = PasswordHasher()
# Verifying against this keeps the timing the same whether or not the user exists.
_DUMMY_HASH = _HASHER.hash("not-a-password")


class AccountInfo(Struct, kw_only=True):
    id: int
    username: str
    role: Role


async def add_account(username: str, password: str, role: Role) -> AccountInfo:
    """Create an account; refuse a taken name or a password shorter than 8 characters."""
    username = username.strip()
    if not username:
        raise InvalidInput.one("username", "用户名不能为空")
    if len(password) < 8:
        raise InvalidInput.one("password", "密码至少需要8个字符")
    if await Account.exists().where(Account.username == username):
        raise Conflict("duplicate", f"用户名 {username} 已存在", field="username")
    row = await Account.insert(
        Account(
            username=username,
            password_hash=_HASHER.hash(password),
            role=role.value,
            created_at=datetime.now(UTC),
        )
    ).returning(Account.id)
    return AccountInfo(id=row[0]["id"], username=username, role=role)


async def authenticate(username: str, password: str) -> AccountInfo | None:
    """The account when the password matches, else None."""
    row = (
        await Account.select()
        .where(
            (Account.username == username.strip()) & (Account.active == True)  # noqa: E712
        )
        .first()
    )
    try:
        _HASHER.verify(row["password_hash"] if row else _DUMMY_HASH, password)
    except VerificationError:
        return None
    if row is None:
        return None
    return AccountInfo(id=row["id"], username=row["username"], role=Role(row["role"]))
