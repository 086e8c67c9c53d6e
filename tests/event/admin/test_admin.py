"""The organisers' desk: login, roles, the filtered list, counts, Excel export, settings."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import httpx
import openpyxl
import pytest
from httpx import AsyncClient

from event.admin.accounts import add_account
from event.app import create_app
from event.current import EventInfo, quotas
from event.enums import AttendeeCategory, Role
from event.security import app_secret
from event.settings import Settings
from event.tables import Event
from tests.factories import PASSWORD, login, person, shown_errors, with_csrf_token


@pytest.fixture
async def organiser(client: AsyncClient) -> AsyncClient:
    await login(client, "zhang", Role.organiser)
    return client


async def seed(client: AsyncClient) -> None:
    rows = [
        ("王一", "13800000001", "甲重型机械股份有限公司", "observer"),
        ("李二", "13800000002", "甲重型机械股份有限公司", "presenter"),
        ("张三", "13800000003", "乙机床有限公司", "presenter"),
        ('=HYPERLINK("http://x")', "13800000004", "+乙机床有限公司", "executive"),
    ]
    for name, mobile, org, category in rows:
        body = person(name=name, mobile=mobile, organization=org, category=category)
        assert (await client.post("/api/registrations", json=body)).status_code == 201


async def test_admin_without_login_is_401_json_or_redirect_for_browsers(
    client: AsyncClient,
) -> None:
    api = await client.get("/api/admin/registrations")
    assert (api.status_code, api.json()["message"]) == (401, "请先登录")
    page = await client.get("/admin/registrations", headers={"accept": "text/html"})
    assert (page.status_code, page.headers["location"]) == (302, "/login?next=/admin/registrations")


async def test_login_wrong_password_is_refused(client: AsyncClient) -> None:
    await add_account("li", PASSWORD, Role.organiser)
    response = await client.post("/login", data={"username": "li", "password": "wrong password"})
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.text
    assert (await client.get("/api/admin/registrations")).status_code == 401


async def test_login_never_redirects_off_site(client: AsyncClient) -> None:
    await add_account("li", PASSWORD, Role.organiser)
    response = await client.post(
        "/login", data={"username": "li", "password": PASSWORD, "next": "//evil.example"}
    )
    assert response.headers["location"] == "/admin"


async def test_list_filters_and_counts(organiser: AsyncClient) -> None:
    await seed(organiser)
    body = (
        await organiser.get("/api/admin/registrations", params={"category": "presenter"})
    ).json()
    assert body["total"] == 2
    assert sorted(r["name"] for r in body["items"]) == ["张三", "李二"]
    counts = {c["category"]: c["active"] for c in body["counts"]}
    assert counts == {"presenter": 2, "storyteller": 0, "quality_manager": 0, "association": 0,
                      "executive": 1, "frontline": 0, "award_rep": 0, "observer": 1}  # fmt: skip
    by_unit = (
        await organiser.get("/api/admin/registrations", params={"organization": "甲重型"})
    ).json()
    assert by_unit["total"] == 2


async def test_dashboard_shows_counts_per_category_and_unit(organiser: AsyncClient) -> None:
    await seed(organiser)
    page = await organiser.get("/admin")
    assert page.status_code == 200
    assert "成果发表者" in page.text and "甲重型机械股份有限公司" in page.text


async def test_export_xlsx_reads_back_with_formulas_as_text(organiser: AsyncClient) -> None:
    await seed(organiser)
    response = await organiser.get("/admin/registrations.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))[1:]  # below the title row
    assert rows[0][:4] == ("序号", "姓名", "性别", "单位")
    assert len(rows) == 5
    names = {r[1] for r in rows[1:]}
    assert names == {"王一", "李二", "张三", '=HYPERLINK("http://x")'}
    formula_cell = next(c for c in sheet["B"] if c.value == '=HYPERLINK("http://x")')
    assert (formula_cell.data_type, formula_cell.quotePrefix) == ("s", True)


async def test_staff_sees_list_but_not_export_or_settings(client: AsyncClient) -> None:
    await login(client, "desk", Role.staff)
    assert (await client.get("/api/admin/registrations")).status_code == 200
    assert (await client.get("/admin/registrations.xlsx")).status_code == 403
    assert (await client.get("/admin/settings")).status_code == 403


async def test_settings_sets_quota_and_refuses_bad_values(
    organiser: AsyncClient, event: EventInfo
) -> None:
    form = {"name": event.name, "edition": "第40次", "venue": "", "starts_on": "2021-08-18", "ends_on": "2021-08-17",
            "quota_observer": "-1"}  # fmt: skip
    bad = await organiser.post("/admin/settings", data=form)
    assert bad.status_code == 400
    assert "结束日期不能早于开始日期" in bad.text and "名额应为不小于0的整数" in bad.text
    good = await organiser.post(
        "/admin/settings", data=form | {"ends_on": "2021-08-20", "quota_observer": "120"}
    )
    assert good.status_code == 303
    assert (await quotas(event.id))[AttendeeCategory.observer] == 120
    assert "2021年8月18日至2021年8月20日" in (await organiser.get("/")).text


async def test_settings_shows_every_wrong_field_at_once_and_keeps_values(
    organiser: AsyncClient, event: EventInfo
) -> None:
    form = {"name": "  ", "edition": "第40次", "starts_on": "2021-13-01", "ends_on": "2021-08-20",
            "registration_closes_at": "明天", "quota_observer": "很多", "quota_presenter": "-3"}  # fmt: skip
    bad = await organiser.post("/admin/settings", data=form)
    assert bad.status_code == 400
    assert shown_errors(bad.text) == {
        "name": "请填写会议名称（不超过200字）",
        "starts_on": "开始日期应为日期，格式如 2021-08-18",
        "registration_closes_at": "报名截止时间格式应如 2021-08-10T18:00",
        "quota_observer": "名额应为不小于0的整数，留空表示不限",
        "quota_presenter": "名额应为不小于0的整数，留空表示不限",
    }
    assert 'value="很多"' in bad.text and 'value="2021-13-01"' in bad.text
    assert (await quotas(event.id))[AttendeeCategory("presenter")] is None


async def test_settings_stores_closing_time_in_beijing_and_trims_text(
    organiser: AsyncClient, event: EventInfo
) -> None:
    form = {"name": f" {event.name} ", "edition": "第40次", "venue": " 北京 ",
            "organisers": "中国机械工业质量管理协会\n\n  某某协会 ", "registration_closes_at": "2021-08-10T18:00"}  # fmt: skip
    assert (await organiser.post("/admin/settings", data=form)).status_code == 303
    row = await Event.select(Event.name, Event.venue, Event.organisers, Event.registration_closes_at)\
        .where(Event.id == event.id).first()  # fmt: skip
    assert (row["name"], row["venue"], row["organisers"]) == (
        event.name,
        "北京",
        "中国机械工业质量管理协会\n某某协会",
    )
    assert row["registration_closes_at"] == datetime(2021, 8, 10, 10, 0, tzinfo=UTC)


async def test_logout_ends_session(organiser: AsyncClient) -> None:
    assert (await organiser.post("/logout")).status_code == 303
    assert (await organiser.get("/api/admin/registrations")).status_code == 401


async def test_login_locked_after_five_failures(client: AsyncClient) -> None:
    await add_account("wang", PASSWORD, Role.organiser)
    for _ in range(5):
        assert (
            await client.post("/login", data={"username": "wang", "password": "wrong"})
        ).status_code == 401
    locked = await client.post("/login", data={"username": "wang", "password": PASSWORD})
    assert locked.status_code == 429
    assert "登录失败次数过多，请15分钟后再试" in locked.text
    assert (await client.get("/api/admin/registrations")).status_code == 401


async def test_login_lockout_counts_across_worker_processes(
    db_url: str, event: object, tmp_path: Path
) -> None:
    """Two apps on one data folder stand for two worker processes: failures on one lock both."""
    await add_account("wang", PASSWORD, Role.organiser)
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)),
                          base_url="http://testserver")
        for _ in range(2)
    ]  # fmt: skip
    for c in clients:
        with_csrf_token(c, app_secret(settings))
    try:
        for i in range(5):
            failed = await clients[i % 2].post("/login", data={"username": "wang", "password": "x"})
            assert failed.status_code == 401
        for c in clients:
            locked = await c.post("/login", data={"username": "wang", "password": PASSWORD})
            assert locked.status_code == 429
    finally:
        for c in clients:
            await c.aclose()
