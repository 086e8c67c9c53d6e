"""Two app servers behind Debian's nginx on one PostgreSQL database behave as one: a login made
through one is valid on the other, and when one dies (even in the middle of a delegation or an
Excel upload) nothing is half-written and the other serves the retries."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from subprocess import Popen

import httpx
import pytest

from event.admin.accounts import add_account
from event.current import EventInfo
from event.enums import Role
from event.tables import Registration, Submission
from tests.event.live import server_process
from tests.event.nginx import nginx
from tests.event.programme.schedule_data import busy_event
from tests.event.submissions.test_kill_upload import ROWS, big_upload, writing
from tests.factories import person

SECRET = "the installation's one secret, the same on every server"
PASSWORD = "correct horse battery 2021"


@pytest.fixture
def behind_nginx(
    db_url: str, event: object, tmp_path: Path
) -> Iterator[tuple[str, list[Popen[bytes]], list[str]]]:
    if not db_url.startswith("postgres"):
        pytest.skip("several servers share one PostgreSQL database")
    env = {"QCCONF_SECRET": SECRET, "QCCONF_RATE_LIMIT": "0"}
    with (
        server_process(db_url, tmp_path / "a", extra_env=env) as (proc_a, url_a),
        server_process(db_url, tmp_path / "b", extra_env=env) as (proc_b, url_b),
        nginx([url_a, url_b], tmp_path / "nginx") as url,
    ):
        yield url, [proc_a, proc_b], [url_a, url_b]


async def _log_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/login")
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    form = {
        "_csrf_token": token.group(1),
        "username": "zhang",
        "password": PASSWORD,
        "next": "/admin",
    }
    assert (await client.post("/login", data=form)).status_code == 303


async def test_login_through_nginx_holds_on_both_servers(
    behind_nginx: tuple[str, list[Popen[bytes]], list[str]],
) -> None:
    url, _, servers = behind_nginx
    await add_account("zhang", PASSWORD, Role.organiser)
    async with httpx.AsyncClient(base_url=url) as client:
        await _log_in(client)
        through_nginx = [
            (await client.get("/api/admin/registrations")).status_code for _ in range(6)
        ]
        cookies = client.cookies
    direct = []
    for server in servers:
        async with httpx.AsyncClient(base_url=server, cookies=cookies) as one:
            direct.append((await one.get("/api/admin/registrations")).status_code)
    assert (through_nginx, direct) == ([200] * 6, [200, 200])


async def test_one_server_killed_the_other_serves_every_retry(
    behind_nginx: tuple[str, list[Popen[bytes]], list[str]],
) -> None:
    url, processes, _ = behind_nginx
    os.killpg(processes[0].pid, signal.SIGKILL)
    processes[0].wait()
    async with httpx.AsyncClient(base_url=url) as client:
        answers = [
            (
                await client.post("/api/registrations", json=person(mobile=f"1390000{i:04d}"))
            ).status_code
            for i in range(6)
        ]
    assert (answers, await Registration.count()) == ([201] * 6, 6)


async def test_server_killed_during_a_delegation_leaves_all_or_nothing(
    behind_nginx: tuple[str, list[Popen[bytes]], list[str]],
) -> None:
    """SIGKILL the server that is writing a 500-member delegation: the database holds every
    member or none, and the retry through nginx (served by the other) completes it once."""
    url, processes, servers = behind_nginx
    body = {"organization": "某某重型机械股份有限公司", "contact_name": "赵联络", "contact_mobile": "13600000000",
            "members": [{"name": f"代表{i}", "mobile": f"1371{i:07d}", "category": "observer"}
                        for i in range(500)]}  # fmt: skip

    async def send_then_kill() -> None:
        async with httpx.AsyncClient(base_url=servers[0], timeout=30) as direct:
            sending = asyncio.create_task(direct.post("/api/delegations", json=body))
            await asyncio.sleep(0.3)
            os.killpg(processes[0].pid, signal.SIGKILL)
            with contextlib.suppress(httpx.HTTPError):
                await sending

    await send_then_kill()
    processes[0].wait()
    assert await Registration.count() in (0, 500)
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        retry = await client.post("/api/delegations", json=body)
    assert retry.status_code in (201, 409)  # 409: the first had committed before the kill
    assert await Registration.count() == 500


async def test_server_killed_during_an_excel_upload_the_other_stores_the_retry_once(
    db_url: str, behind_nginx: tuple[str, list[Popen[bytes]], list[str]]
) -> None:
    """SIGKILL the server while it writes a 1,500-row template: nothing of it is stored, and
    the same file sent again through nginx is stored whole by the other server."""
    url, processes, servers = behind_nginx
    content = big_upload()

    async def send_then_kill() -> None:
        async with httpx.AsyncClient(base_url=servers[0], timeout=120) as direct:
            files = {"file": ("big.xlsx", content)}
            sending = asyncio.create_task(direct.post("/api/submissions/qc/excel", files=files))
            for _ in range(1200):  # until its write transaction is open (60 s at most)
                if await writing(db_url):
                    break
                await asyncio.sleep(0.05)
            else:
                pytest.fail("the upload never started writing")
            os.killpg(processes[0].pid, signal.SIGKILL)
            with contextlib.suppress(httpx.HTTPError):
                await sending

    await send_then_kill()
    processes[0].wait()
    assert await Submission.count() == 0
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        retry = await client.post(
            "/api/submissions/qc/excel", files={"file": ("big.xlsx", content)}
        )
    assert retry.status_code == 201, retry.text[:300]
    assert await Submission.count() == ROWS


async def test_solve_started_on_one_server_shows_its_progress_on_the_other(
    event: EventInfo, behind_nginx: tuple[str, list[Popen[bytes]], list[str]]
) -> None:
    """The run is a row of the database: the other server shows the same run while it goes,
    refuses a second press, and shows the same result when it is done."""
    _, _, servers = behind_nginx
    await add_account("zhang", PASSWORD, Role.organiser)
    await busy_event(event)
    async with (
        httpx.AsyncClient(base_url=servers[0], timeout=30) as one,
        httpx.AsyncClient(base_url=servers[1], timeout=30) as other,
    ):
        await _log_in(one)
        other.cookies = one.cookies
        page = await one.get("/admin/schedule")
        csrf = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)
        assert csrf, page.text[:500]
        form = {"_csrf_token": csrf.group(1), "seed": "7", "time_limit": "20"}
        assert (await one.post("/admin/schedule/solve", data=form)).status_code == 303
        seen = (await other.get("/api/admin/schedule/progress")).json()
        assert seen["seed"] == 7
        if seen["running"]:  # a second press, on the other server, while it runs
            again = await other.post("/admin/schedule/solve", data=form)
            assert again.status_code == 409, again.text[:300]
        for _ in range(600):
            seen = (await other.get("/api/admin/schedule/progress")).json()
            if not seen["running"]:
                break
            await asyncio.sleep(0.1)
        assert seen["error"] is None and seen["placed"] + seen["unscheduled"] == 60
        assert (await one.get("/api/admin/schedule/progress")).json() == seen
