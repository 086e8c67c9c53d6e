"""Through nginx in front of two app servers on one PostgreSQL database (every page load may go
to either): a delegate registers on a phone, an organiser logs in, finds them by mobile and
corrects the name; the delegate's own link shows the correction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from event.admin.accounts import add_account
from event.enums import Role
from tests.event.conftest import event  # noqa: F401  (the event in the database)
from tests.event.live import server_process
from tests.event.nginx import nginx
from tests.journeys.conftest import DESK, PHONE

PASSWORD = "correct horse battery 2021"


@pytest.fixture
def front(db_url: str, event: object, tmp_path: Path) -> Iterator[str]:  # noqa: F811
    if not db_url.startswith("postgres"):
        pytest.skip("two servers share one PostgreSQL database")
    env = {"QCCONF_SECRET": "one secret for both servers", "QCCONF_RATE_LIMIT": "0"}
    with (
        server_process(db_url, tmp_path / "a", extra_env=env) as (_, a),
        server_process(db_url, tmp_path / "b", extra_env=env) as (_, b),
        nginx([a, b], tmp_path / "nginx") as url,
    ):
        yield url


async def test_register_then_correct_through_two_servers(front: str, people) -> None:
    me = await people(PHONE)
    await me.goto(f"{front}/register")
    await me.page.fill("#f-name", "欧阳明月")
    await me.page.fill("#f-organization", "洛阳华锐重型机械股份有限公司")
    await me.page.fill("#f-mobile", "13800138765")
    await me.page.select_option("#f-category", "observer")
    await me.click("button[type=submit]")
    link = await me.page.input_value("#personal-link")

    await add_account("zhang", PASSWORD, Role.organiser)
    organiser = await people(DESK)
    await organiser.goto(f"{front}/login?next=/admin/registrations")
    await organiser.page.fill("#f-username", "zhang")
    await organiser.page.fill("#f-password", PASSWORD)
    await organiser.click("button[type=submit]")
    for _ in range(3):  # the session holds whichever server answers
        await organiser.goto(f"{front}/admin/registrations")
        assert "欧阳明月" in await organiser.text()
    await organiser.page.fill("#q", "8765")
    await organiser.click("form.filters button[type=submit]")
    await organiser.click("table.list tbody a")
    await organiser.page.click("#edit summary")
    await organiser.page.fill("#f-name", "欧阳改正")
    await organiser.click("#edit button[type=submit]")
    assert "修改已保存" in await organiser.text("#done")

    await me.goto(link.replace(link.split("/r/")[0], front))
    assert "欧阳改正" in await me.text(".who")
