"""Organiser and desk accounts: passwords hashed with Argon2 (in a worker thread: a hash takes
tens of milliseconds of CPU, which would stall every other request on the event loop)."""

from __future__ import annotations

from datetime import UTC, datetime

from anyio import to_thread
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from msgspec import Struct

from event.enums import Role
from event.errors import Conflict, InvalidInput, NotFound
from event.tables import Account

_HASHER = PasswordHasher()
# Verifying against this keeps the timing the same whether or not the user exists.
_DUMMY_HASH = _HASHER.hash("not-a-password")
MIN_LENGTH = 10
# The most common passwords of Chinese and English leaks that are 10 characters or longer.
COMMON = frozenset({
    "1234567890", "0123456789", "12345678910", "1234567891", "0987654321", "1111111111",
    "0000000000", "1q2w3e4r5t", "qwertyuiop", "password123", "password12", "passw0rd123",
    "a123456789", "abc1234567", "abcd123456", "qwe1234567", "qwer123456", "woaini1314",
    "woaini5201314", "5201314520", "1314520520", "iloveyou12", "aa12345678", "admin12345",
    "administrator", "qazwsxedc123", "1qaz2wsx3edc", "zxcvbnm123", "asdfghjkl1", "qwerty1234",
    "zhang123456", "wang123456", "li12345678", "liu123456789", "chen123456", "abc123456789",
    "123456789a", "123456789abc", "88888888888", "66666666666", "147258369a", "1472583690",
})  # fmt: skip


class AccountInfo(Struct, kw_only=True):
    id: int
    username: str
    role: Role
    session_epoch: int = 0  # a session made at another epoch has been ended


def check_password(password: str) -> None:
    """Refuse a password shorter than 10 characters, all blank, or on the common list."""
    if not password.strip():
        raise InvalidInput.one("password", "密码不能全为空白")
    if len(password) < MIN_LENGTH:
        raise InvalidInput.one("password", f"密码至少需要{MIN_LENGTH}个字符")
    if password.strip().lower() in COMMON:
        raise InvalidInput.one("password", "该密码过于常见，请换一个不易被猜到的密码")


async def _hash(password: str) -> str:
    return await to_thread.run_sync(_HASHER.hash, password)


async def add_account(username: str, password: str, role: Role) -> AccountInfo:
    """Create an account; refuse a taken name or a weak password (check_password)."""
    username = username.strip()
    if not username:
        raise InvalidInput.one("username", "用户名不能为空")
    check_password(password)
    if await Account.exists().where(Account.username == username):
        raise Conflict("duplicate", f"用户名 {username} 已存在", field="username")
    row = await Account.insert(
        Account(
            username=username,
            password_hash=await _hash(password),
            role=role.value,
            created_at=datetime.now(UTC),
        )
    ).returning(Account.id)
    return AccountInfo(id=row[0]["id"], username=username, role=role)


async def set_password(username: str, password: str) -> None:
    """A new password; every session of the account ends (its epoch moves on)."""
    check_password(password)
    hashed = await _hash(password)
    changed = await (
        Account.update({Account.password_hash: hashed, Account.session_epoch: Account.session_epoch + 1})
        .where(Account.username == username.strip())
        .returning(Account.id)
    )  # fmt: skip
    if not changed:
        raise NotFound(f"没有用户名为 {username} 的账号")


async def disable(username: str) -> None:
    """The account can no longer log in, and its open sessions end at their next request."""
    changed = await (
        Account.update({Account.active: False, Account.session_epoch: Account.session_epoch + 1})
        .where(Account.username == username.strip())
        .returning(Account.id)
    )  # fmt: skip
    if not changed:
        raise NotFound(f"没有用户名为 {username} 的账号")


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
        await to_thread.run_sync(
            _HASHER.verify, row["password_hash"] if row else _DUMMY_HASH, password
        )
    except VerificationError:
        return None
    if row is None:
        return None
    return AccountInfo(id=row["id"], username=row["username"], role=Role(row["role"]),
                       session_epoch=row["session_epoch"])  # fmt: skip
