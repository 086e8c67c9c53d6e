"""The Chinese HTML pages: registration form, personal page, delegation form."""

from __future__ import annotations

import re

from httpx import AsyncClient

from event.tables import Registration
from tests.factories import person


def token_of(location: str) -> str:
    match = re.fullmatch(r"/r/([\w-]+)\?new=1", location)
    assert match, location
    return match.group(1)


async def test_home_is_chinese_with_unannounced_date_and_venue(client: AsyncClient) -> None:
    page = await client.get("/")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text
    assert "第40次全国机械工业质量管理小组" in page.text
    assert page.text.count("另行通知") == 2  # date and venue are not announced yet
    assert "质量信得过班组、质量管理小组观摩人员" in page.text


async def test_form_bad_mobile_shows_message_beside_field_and_keeps_values(
    client: AsyncClient,
) -> None:
    response = await client.post("/register", data=person(mobile="12345", department="总装车间"))
    assert response.status_code == 400
    assert re.search(r'id="err-mobile"[^>]*>手机号码应为11位数字', response.text)
    assert 'value="王小明"' in response.text
    assert 'value="总装车间"' in response.text
    assert 'value="observer" selected' in response.text
    assert await Registration.count() == 0


async def test_form_escapes_typed_html(client: AsyncClient) -> None:
    response = await client.post(
        "/register", data=person(name="<script>alert(1)</script>", mobile="1")
    )
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


async def test_form_register_then_edit_then_cancel(client: AsyncClient) -> None:
    created = await client.post("/register", data=person(needs_room="on", room_type="single"))
    assert created.status_code == 303
    token = token_of(created.headers["location"])
    page = await client.get(f"/r/{token}?new=1")
    assert "登记成功" in page.text and "王小明" in page.text
    form = person(mobile="138 0013 8000", position="副总经理", room_type="single", needs_room="on")
    edited = await client.post(f"/r/{token}", data=form)
    assert (edited.status_code, edited.headers["location"]) == (303, f"/r/{token}?saved=1")
    row = await Registration.select(Registration.person.position, Registration.room_type).first()
    assert row == {"person.position": "副总经理", "room_type": "single"}
    cancelled = await client.post(f"/r/{token}/cancel")
    assert cancelled.status_code == 303
    assert "该登记已取消" in (await client.get(f"/r/{token}")).text
    assert (await Registration.select(Registration.status).first())["status"] == "cancelled"


async def test_personal_page_edit_error_keeps_values(client: AsyncClient) -> None:
    token = token_of((await client.post("/register", data=person())).headers["location"])
    response = await client.post(f"/r/{token}", data=person(email="bad@", name="王大明"))
    assert response.status_code == 400
    assert re.search(r'id="err-email"[^>]*>电子邮箱格式不正确', response.text)
    assert 'value="王大明"' in response.text


async def test_delegation_form_reports_row_and_stores_nothing(client: AsyncClient) -> None:
    form = {
        "organization": "洛阳华锐重型机械股份有限公司",
        "contact_name": "赵联络",
        "contact_mobile": "13600000000",
        "_rows": "3",
    }
    for i, (name, mobile) in enumerate(
        [("甲", "13700000001"), ("乙", "137"), ("丙", "13700000003")]
    ):
        form |= {
            f"members[{i}].name": name,
            f"members[{i}].mobile": mobile,
            f"members[{i}].category": "presenter",
        }
    response = await client.post("/register/delegation", data=form)
    assert response.status_code == 400
    assert re.search(r'name="members\[1\]\.mobile" value="137"', response.text)
    assert "手机号码应为11位数字" in response.text
    assert await Registration.count() == 0
    form["members[1].mobile"] = "13700000002"
    done = await client.post("/register/delegation", data=form)
    assert done.status_code == 200
    assert done.text.count('href="/r/') == 3
    assert await Registration.count() == 3
