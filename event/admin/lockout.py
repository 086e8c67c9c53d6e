"""Failed logins: five per client address and user name lock that pair for 15 minutes; many
failures for one user name from anywhere slow every address down to one try a minute, without
locking the organiser out everywhere (one address alone can never reach that threshold).

A try is counted *before* the password is checked, under a lock, so simultaneous wrong passwords
cannot all read "0 failures" and pass: the sixth of sixty concurrent tries is already refused. A
right password takes its count back. The lock is per process; the counts live in the app's
`login_attempts` store, shared by the workers (files) or the servers (database)."""

from __future__ import annotations

import asyncio
import logging
import time
import zlib

from litestar.stores.base import Store

MAX_FAILURES, LOCKOUT_SECONDS = 5, 15 * 60  # per client address and user name
GLOBAL_FAILURES, GLOBAL_WINDOW, GLOBAL_PAUSE = 20, 3600, 60  # per user name, from any address
_LOCKS = [asyncio.Lock() for _ in range(64)]  # by user name; a fixed set, whatever is typed
log = logging.getLogger("qcconf.login")


class LockoutUnavailable(Exception):
    """The store cannot be read or written: logins are refused rather than left unlimited."""


def _lock(username: str) -> asyncio.Lock:
    return _LOCKS[zlib.crc32(username.encode()) % len(_LOCKS)]


def _pair(address: str, username: str) -> str:
    return f"{address}|{username}"


def _user(username: str) -> str:
    return f"*|{username}"


async def _read(store: Store, key: str) -> tuple[int, float]:
    raw = await store.get(key)
    if not raw:
        return 0, 0.0
    count, _, last = raw.decode().partition(":")
    return int(count), float(last or 0)


async def reserve(store: Store, address: str, username: str) -> str | None:
    """Count one try; the reason in Chinese when it is refused (locked or paused), else None."""
    try:
        async with _lock(username):
            pair = _pair(address, username)
            pair_count, _ = await _read(store, pair)
            if pair_count >= MAX_FAILURES:
                return f"登录失败次数过多，请{LOCKOUT_SECONDS // 60}分钟后再试"
            user_count, last = await _read(store, _user(username))
            if user_count >= GLOBAL_FAILURES and time.time() - last < GLOBAL_PAUSE:
                return "该账号近期登录失败过多，请1分钟后再试"
            await store.set(pair, f"{pair_count + 1}:{time.time()}", expires_in=LOCKOUT_SECONDS)
    except (OSError, ValueError) as exc:
        log.error("login lockout store unusable (%s): logins refused until it is writable", exc)
        raise LockoutUnavailable from exc
    return None


async def failed(store: Store, username: str) -> None:
    """A wrong password: the try stays counted; the user name's slow back-off counts it too."""
    async with _lock(username):
        count, _ = await _read(store, _user(username))
        await store.set(_user(username), f"{count + 1}:{time.time()}", expires_in=GLOBAL_WINDOW)


async def succeeded(store: Store, address: str, username: str) -> None:
    """The right password: this address's count for the name starts again."""
    async with _lock(username):
        await store.delete(_pair(address, username))
