"""Cookies and the application secret: HttpOnly, SameSite=Lax, Secure behind HTTPS, max age."""

from __future__ import annotations

import stat
from pathlib import Path

from httpx import ASGITransport, AsyncClient

from event.admin.accounts import add_account
from event.app import create_app
from event.enums import Role
from event.security import app_secret
from event.settings import Settings, load_settings
from event.tables import StoreEntry

PASSWORD = "correct horse battery"


async def _cookies_after_login(db_url: str, tmp_path: Path, secure: bool) -> list[str]:
    app = create_app(Settings(database_url=db_url, data_dir=tmp_path, secure_cookies=secure))
    base = "https://testserver" if secure else "http://testserver"  # browsers keep Secure to https
    async with AsyncClient(transport=ASGITransport(app=app), base_url=base) as c:
        await add_account("zhang", PASSWORD, Role.organiser)
        form = await c.get("/login")
        token = c.cookies["csrftoken"]
        login = {"username": "zhang", "password": PASSWORD, "_csrf_token": token}
        done = await c.post("/login", data=login)
        assert done.status_code == 303
        return form.headers.get_list("set-cookie") + done.headers.get_list("set-cookie")


def _attributes(header: str) -> tuple[str, set[str]]:
    name, *attrs = [part.strip() for part in header.split(";")]
    return name.split("=")[0], {a.split("=")[0].lower() for a in attrs} | {
        a.lower() for a in attrs if a.lower().startswith(("max-age", "samesite"))
    }


async def test_cookies_httponly_lax_and_not_secure_over_plain_http(
    db_url: str, event: object, tmp_path: Path
) -> None:
    cookies = dict(map(_attributes, await _cookies_after_login(db_url, tmp_path, secure=False)))
    assert {"httponly", "samesite=lax"} <= cookies["csrftoken"]
    assert {"httponly", "samesite=lax", "max-age=43200"} <= cookies["session"]
    assert ("secure" in cookies["csrftoken"], "secure" in cookies["session"]) == (False, False)


async def test_cookies_secure_when_served_over_https(
    db_url: str, event: object, tmp_path: Path
) -> None:
    cookies = dict(map(_attributes, await _cookies_after_login(db_url, tmp_path, secure=True)))
    assert ("secure" in cookies["csrftoken"], "secure" in cookies["session"]) == (True, True)


def test_secret_file_made_once_readable_by_owner_only(tmp_path: Path) -> None:
    settings = Settings(database_url="sqlite://", data_dir=tmp_path / "var")
    first = app_secret(settings)
    mode = stat.S_IMODE((tmp_path / "var" / "secret.key").stat().st_mode)
    assert (len(first) >= 64, mode, app_secret(settings)) == (True, 0o600, first)


def test_secret_from_environment_wins_and_writes_no_file(tmp_path: Path) -> None:
    env = {
        "QCCONF_SECRET": "s" * 64,
        "QCCONF_DATA_DIR": str(tmp_path),
        "QCCONF_SECURE_COOKIES": "1",
    }
    settings = load_settings(env)
    assert (app_secret(settings), settings.secure_cookies) == ("s" * 64, True)
    assert not (tmp_path / "secret.key").exists()


async def test_visitors_get_no_session_and_logout_deletes_it(
    db_url: str, event: object, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=db_url, data_dir=tmp_path))

    async def stored() -> int:  # sessions are files on SQLite, store_entry rows on PostgreSQL
        if db_url.startswith("postgres"):
            return await StoreEntry.count().where(StoreEntry.key.like("sessions/%"))
        folder = tmp_path / "sessions"
        return len(list(folder.iterdir())) if folder.exists() else 0

    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
        await add_account("zhang", PASSWORD, Role.organiser)
        page = await c.get("/register")
        api = await c.post("/api/registrations", json={"name": "甲", "mobile": "13800001111",
                           "organization": "某单位", "category": "observer"})  # fmt: skip
        assert (page.status_code, api.status_code) == (200, 201)
        assert "session" not in page.headers.get("set-cookie", "") + api.headers.get(
            "set-cookie", ""
        )
        assert await stored() == 0
        token = c.cookies["csrftoken"]
        login = {"username": "zhang", "password": PASSWORD, "_csrf_token": token}
        assert (await c.post("/login", data=login)).status_code == 303
        assert await stored() == 1
        await c.post("/logout", data={"_csrf_token": token})
        assert await stored() == 0
        assert c.cookies.get("session") in (None, "null")  # Litestar expires it with value "null"
