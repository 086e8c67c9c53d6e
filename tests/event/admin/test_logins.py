"""Logins: the session id changes at login and dies at logout, passwords are strong enough,
disabling or re-passwording ends sessions, failed logins lock atomically, per address and name."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from httpx import AsyncClient

from event.admin.accounts import add_account
from event.app import create_app
from event.enums import Role
from event.errors import InvalidInput
from event.security import app_secret
from event.settings import Settings
from tests.conftest import ROOT
from tests.factories import PASSWORD, login, with_csrf_token

SESSION = "session"


def _put_session(client: AsyncClient, value: str) -> None:
    """Replace whatever session cookie the client holds by this one (as a replaying thief)."""
    for cookie in list(client.cookies.jar):
        if cookie.name == SESSION:
            client.cookies.jar.clear(cookie.domain, cookie.path, cookie.name)
    client.cookies.set(SESSION, value, domain="testserver.local")  # where httpx files the server's


def _client(app: object, address: str, secret: str) -> AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    client = AsyncClient(transport=transport, base_url="http://testserver")
    with_csrf_token(client, secret)
    return client


async def test_login_gives_a_new_session_id_and_the_planted_one_opens_nothing(
    client: AsyncClient,
) -> None:
    await add_account("zhang", PASSWORD, Role.organiser)
    planted = "a" * 64
    _put_session(client, planted)
    await client.post("/login", data={"username": "zhang", "password": PASSWORD})
    given = client.cookies.get(SESSION)
    _put_session(client, planted)
    assert (given != planted, (await client.get("/api/admin/registrations")).status_code) == (
        True, 401,
    )  # fmt: skip


async def test_second_login_rotates_the_session_id(client: AsyncClient) -> None:
    await login(client, "zhang", Role.organiser)
    first = client.cookies.get(SESSION)
    await client.post("/login", data={"username": "zhang", "password": PASSWORD})
    second = client.cookies.get(SESSION)
    _put_session(client, first)
    assert (first != second, (await client.get("/api/admin/registrations")).status_code) == (
        True, 401,
    )  # fmt: skip


async def test_session_id_replayed_after_logout_opens_nothing(client: AsyncClient) -> None:
    await login(client, "zhang", Role.organiser)
    kept = client.cookies.get(SESSION)
    await client.post("/logout")
    _put_session(client, kept)
    assert (await client.get("/api/admin/registrations")).status_code == 401


@pytest.mark.parametrize(
    ("password", "message"),
    [("abcdefghi", "密码至少需要10个字符"), (" " * 12, "密码不能全为空白"),
     ("1234567890", "该密码过于常见，请换一个不易被猜到的密码"),
     ("Password123", "该密码过于常见，请换一个不易被猜到的密码")],
)  # fmt: skip
async def test_weak_password_refused(db_url: str, password: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        await add_account("zhang", password, Role.organiser)
    assert refused.value.problems[0].message == message


def _qcconf(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QCCONF_DATABASE_URL": db_url}
    return subprocess.run([sys.executable, "-m", "event.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


async def test_disable_command_ends_the_open_session(client: AsyncClient, db_url: str) -> None:
    await login(client, "zhang", Role.organiser)
    done = await asyncio.to_thread(_qcconf, db_url, "user", "disable", "zhang")
    answer = await client.get("/api/admin/registrations")
    relogin = await client.post("/login", data={"username": "zhang", "password": PASSWORD})
    assert (done.returncode, answer.status_code, relogin.status_code) == (0, 401, 401)


async def test_passwd_command_ends_sessions_and_takes_the_new_password(
    client: AsyncClient, db_url: str
) -> None:
    await login(client, "zhang", Role.organiser)
    done = await asyncio.to_thread(
        _qcconf, db_url, "user", "passwd", "zhang", "--password", "a new long secret"
    )
    answer = await client.get("/api/admin/registrations")
    new = await client.post("/login", data={"username": "zhang", "password": "a new long secret"})
    assert (done.returncode, answer.status_code, new.status_code) == (0, 401, 303)


async def test_passwd_command_refuses_a_short_password_in_chinese(db_url: str) -> None:
    await add_account("zhang", PASSWORD, Role.organiser)
    done = await asyncio.to_thread(
        _qcconf, db_url, "user", "passwd", "zhang", "--password", "short"
    )
    assert (done.returncode, done.stderr.strip()) == (2, "错误：密码至少需要10个字符")


@pytest.fixture
async def app_and_secret(db_url: str, event: object, tmp_path: Path) -> tuple[object, str]:
    settings = Settings(database_url=db_url, data_dir=tmp_path, rate_limit=0)
    await add_account("wang", PASSWORD, Role.organiser)
    return create_app(settings), app_secret(settings)


async def test_sixty_concurrent_wrong_passwords_lock_after_five(
    app_and_secret: tuple[object, str],
) -> None:
    app, secret = app_and_secret
    async with _client(app, "10.1.1.1", secret) as client:
        wrong = {"username": "wang", "password": "not the password"}
        answers = await asyncio.gather(*(client.post("/login", data=wrong) for _ in range(60)))
        codes = sorted(a.status_code for a in answers)
        right = await client.post("/login", data={"username": "wang", "password": PASSWORD})
    assert (codes.count(401), codes.count(429), right.status_code) == (5, 55, 429)


async def test_lock_of_one_address_leaves_the_organiser_another(
    app_and_secret: tuple[object, str],
) -> None:
    app, secret = app_and_secret
    async with (
        _client(app, "10.1.1.1", secret) as attacker,
        _client(app, "10.2.2.2", secret) as own,
    ):
        for _ in range(6):
            await attacker.post("/login", data={"username": "wang", "password": "guess"})
        answer = await own.post("/login", data={"username": "wang", "password": PASSWORD})
    assert answer.status_code == 303


async def test_many_addresses_slow_the_user_name_down_everywhere(
    app_and_secret: tuple[object, str],
) -> None:
    app, secret = app_and_secret
    for i in range(4):
        async with _client(app, f"10.3.3.{i}", secret) as attacker:
            for _ in range(5):
                await attacker.post("/login", data={"username": "wang", "password": "guess"})
    async with _client(app, "10.9.9.9", secret) as own:
        answer = await own.post("/login", data={"username": "wang", "password": PASSWORD})
    assert (answer.status_code, "该账号近期登录失败过多，请1分钟后再试" in answer.text) == (
        429,
        True,
    )


async def test_login_refused_when_the_attempt_store_cannot_be_written(
    db_url: str, event: object, tmp_path: Path
) -> None:
    if db_url.startswith("postgres"):
        pytest.skip("the attempts are files only on SQLite")
    settings = Settings(database_url=db_url, data_dir=tmp_path, rate_limit=0)
    await add_account("wang", PASSWORD, Role.organiser)
    (tmp_path / "login_attempts").write_text("")  # a file where the store's folder should be
    app = create_app(settings)
    async with _client(app, "10.1.1.1", app_secret(settings)) as client:
        answer = await client.post("/login", data={"username": "wang", "password": PASSWORD})
    assert (answer.status_code, "服务器无法记录登录尝试" in answer.text) == (503, True)
