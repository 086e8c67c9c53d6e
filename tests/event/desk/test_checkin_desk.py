"""The desk and badge pages over HTTP: scan, choose, arrive, print; batches; arrival counts."""

from __future__ import annotations

import io

import pytest
from httpx import AsyncClient
from pypdf import PdfReader

from event.current import EventInfo
from event.enums import Role
from event.tables import Registration
from tests.event.desk.desk_data import add_people, add_person
from tests.factories import login


@pytest.fixture
async def staff(client: AsyncClient) -> AsyncClient:
    await login(client, "desk1", Role.staff)
    return client


async def _token(rid: int) -> str:
    row = (
        await Registration.select(Registration.checkin_token).where(Registration.id == rid).first()
    )
    return row["checkin_token"]


async def test_desk_page_has_one_autofocus_input(staff: AsyncClient) -> None:
    page = await staff.get("/desk")
    assert page.status_code == 200
    assert page.text.count("autofocus") == 1
    assert '<input id="q" name="q" autofocus' in page.text


async def test_desk_needs_a_login(client: AsyncClient) -> None:
    page = await client.get("/desk", headers={"accept": "text/html"})
    assert (page.status_code, page.headers["location"]) == (302, "/login?next=/desk")


async def test_scan_marks_arrival_and_second_scan_says_when(
    staff: AsyncClient, event: EventInfo
) -> None:
    ids = await add_people(event.id)
    token = await _token(ids[0])
    first = await staff.post("/desk", data={"q": token})
    assert first.status_code == 200
    assert "报到成功" in first.text and "张三" in first.text and "成果发表者" in first.text
    row = await Registration.select(Registration.checked_in_at, Registration.checked_in_by).where(
        Registration.id == ids[0]
    ).first()  # fmt: skip
    assert row["checked_in_by"] == "desk1"
    again = await staff.post("/desk", data={"q": token})
    assert "报到成功" not in again.text
    assert "已于" in again.text and "（desk1）" in again.text


async def test_name_lists_homonyms_to_choose_from(staff: AsyncClient, event: EventInfo) -> None:
    await add_people(event.id)
    other = await add_person(event.id, "王伟", "丙汽轮机有限公司", "frontline")
    page = await staff.post("/desk", data={"q": "王伟"})
    assert "找到 2 位同名或姓名相近的代表" in page.text
    assert f'href="/desk/p/{other}"' in page.text
    assert "确认报到" not in page.text  # nobody chosen yet


async def test_mobile_shows_the_person_and_arrival_needs_confirming(
    staff: AsyncClient, event: EventInfo
) -> None:
    ids = await add_people(event.id)
    page = await staff.post("/desk", data={"q": "13800000003"})
    assert "丁一" in page.text and "确认报到" in page.text and "尚未报到" in page.text
    assert await Registration.count().where(Registration.checked_in_at.is_not_null()) == 0
    done = await staff.post(f"/desk/p/{ids[2]}/arrive")
    assert "报到成功" in done.text
    assert await Registration.count().where(Registration.checked_in_at.is_not_null()) == 1


async def test_unknown_input_says_not_found(staff: AsyncClient, event: EventInfo) -> None:
    page = await staff.post("/desk", data={"q": "欧阳修"})
    assert "未找到“欧阳修”" in page.text


async def test_cancelled_registration_is_not_checked_in(
    staff: AsyncClient, event: EventInfo
) -> None:
    rid = await add_person(event.id, "赵六", "丙公司", cancelled=True)
    page = await staff.post(f"/desk/p/{rid}/arrive")
    assert page.status_code == 409
    assert "该登记已取消" in page.text


async def test_name_with_html_shows_literally(staff: AsyncClient, event: EventInfo) -> None:
    rid = await add_person(event.id, "<b>王</b>", "甲公司")
    page = await staff.get(f"/desk/p/{rid}")
    assert "&lt;b&gt;王&lt;/b&gt;" in page.text and "<b>王</b>" not in page.text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_print_badge_is_an_inline_one_page_pdf(staff: AsyncClient, event: EventInfo) -> None:
    ids = await add_people(event.id)
    response = await staff.get(f"/desk/p/{ids[3]}/badge.pdf", params={"layout": "card"})
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert "李四" in "".join(reader.pages[0].extract_text().split())


async def test_badge_batch_is_for_organisers_only(staff: AsyncClient, event: EventInfo) -> None:
    response = await staff.get("/admin/badges.pdf")
    assert response.status_code == 403


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_organiser_downloads_a_category_batch(client: AsyncClient, event: EventInfo) -> None:
    await login(client, "zhang", Role.organiser)
    await add_people(event.id)
    form = await client.get("/admin/badges")
    assert "观摩人员（2人）" in form.text
    response = await client.get(
        "/admin/badges.pdf", params={"category": "observer", "layout": "a4-4up"}
    )
    assert response.headers["content-disposition"].startswith('attachment; filename="badges-')
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1


async def test_batch_with_a_missing_glyph_explains_in_chinese(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "zhang", Role.organiser)
    await add_person(event.id, "王\ue000", "甲公司")
    response = await client.get("/admin/badges.pdf")
    assert response.status_code == 400
    assert "（U+E000）没有可用字体" in response.text


async def test_empty_batch_explains_in_chinese(client: AsyncClient, event: EventInfo) -> None:
    await login(client, "zhang", Role.organiser)
    response = await client.get("/admin/badges.pdf", params={"category": "executive"})
    assert response.status_code == 400
    assert "没有符合条件的有效登记" in response.text


async def test_arrivals_page_counts_per_category_and_refreshes(
    staff: AsyncClient, event: EventInfo
) -> None:
    ids = await add_people(event.id)
    await staff.post("/desk", data={"q": await _token(ids[1])})
    page = await staff.get("/admin/arrivals")
    assert page.headers["refresh"] == "10"
    assert '<meta http-equiv="refresh" content="10">' in page.text
    assert (
        '<tr data-category="observer"><td>观摩人员</td><td class="num arrived">1</td>'
        '<td class="num">2</td><td class="num">50%</td>'
    ) in page.text
    assert '<th class="num" id="total-arrived">1</th>' in page.text


async def test_own_page_shows_the_checkin_code_and_fills_a_missing_token(
    client: AsyncClient, event: EventInfo
) -> None:
    rid = await add_person(event.id, "孙八", "丙公司", checkin_token=None)
    personal = (
        await Registration.select(Registration.token).where(Registration.id == rid).first()
    )["token"]
    page = await client.get(f"/r/{personal}")
    assert '<div class="card checkin-code" id="checkin-code">' in page.text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page.text
    assert len(await _token(rid)) == 22


async def test_own_page_of_a_cancelled_registration_has_no_checkin_code(
    client: AsyncClient, event: EventInfo
) -> None:
    rid = await add_person(event.id, "赵六", "丙公司", cancelled=True)
    personal = (
        await Registration.select(Registration.token).where(Registration.id == rid).first()
    )["token"]
    page = await client.get(f"/r/{personal}")
    assert page.status_code == 200 and "checkin-code" not in page.text


async def test_reprint_with_a_missing_glyph_explains_on_the_desk_page(
    staff: AsyncClient, event: EventInfo
) -> None:
    rid = await add_person(event.id, "王\ue000", "甲公司")
    response = await staff.get(f"/desk/p/{rid}/badge.pdf")
    assert (response.status_code, response.headers["content-type"]) == (
        400, "text/html; charset=utf-8",
    )  # fmt: skip
    assert "字符「\ue000」（U+E000）没有可用字体" in response.text
