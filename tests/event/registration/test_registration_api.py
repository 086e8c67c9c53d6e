"""POST /api/registrations and the personal-token API, on every database backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient

from event.current import EventInfo, set_quota, update_event
from event.enums import AttendeeCategory
from event.tables import Organization, Person, Registration
from tests.factories import person


async def stored() -> tuple[int, int, int]:
    return await Registration.count(), await Person.count(), await Organization.count()


async def test_register_returns_token_and_stores_normalised_mobile(client: AsyncClient) -> None:
    response = await client.post("/api/registrations", json=person(mobile="+86 138-0013-8000"))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "active"
    assert body["url"] == f"/r/{body['token']}"
    assert len(body["token"]) >= 40
    row = await Person.select(Person.mobile, Person.name).first()
    assert row == {"mobile": "13800138000", "name": "王小明"}


async def test_register_with_all_receipt_fields_reads_back(client: AsyncClient) -> None:
    body = person(
        gender="female", department="质量管理部", position="质量经理", email="wang@example.com",
        wechat="wxm2021", arrival_date="2021-08-17", arrival_transport="G101", needs_room=True,
        room_type="twin", check_in="2021-08-17", check_out="2021-08-20", dietary="清真", remarks="无",
    )  # fmt: skip
    token = (await client.post("/api/registrations", json=body)).json()["token"]
    got = (await client.get(f"/api/registrations/{token}")).json()
    for key, value in body.items():
        assert got[key] == value, key
    assert got["category_label"] == "观摩人员"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"mobile": "1380013800"},
            "mobile",
            "手机号码应为11位数字，以1开头（可带+86、空格或短横线）",
        ),
        (
            {"mobile": "23800138000"},
            "mobile",
            "手机号码应为11位数字，以1开头（可带+86、空格或短横线）",
        ),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"category": "vip"}, "category", None),
        ({"name": ""}, "name", "姓名不能为空"),
        ({"name": "   "}, "name", "姓名不能为空"),
        ({"name": "王" * 51}, "name", "姓名不能超过50个字符"),
        ({"organization": ""}, "organization", "单位名称不能为空"),
        ({"arrival_date": "2021-02-30"}, "arrival_date", "抵达日期应为日期，格式如 2021-08-18"),
        (
            {"check_in": "2021-08-20", "check_out": "2021-08-18"},
            "check_out",
            "离店日期不能早于入住日期",
        ),
        ({"unknown_key": 1}, "unknown_key", "不支持的字段：unknown_key"),
        ({"gender": "x"}, "gender", "性别的取值无效，可选：male、female"),
    ],
)
async def test_register_bad_input_is_400_naming_field_and_stores_nothing(
    client: AsyncClient, overrides: dict, field: str, message: str | None
) -> None:
    response = await client.post("/api/registrations", json=person(**overrides))
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    if message:
        assert body["message"] == message
    else:
        assert body["message"].startswith("参会类别的取值无效")
    assert await stored() == (0, 0, 0)


async def test_register_missing_field_names_it(client: AsyncClient) -> None:
    body = person()
    del body["mobile"]
    response = await client.post("/api/registrations", json=body)
    assert response.status_code == 400
    assert response.json()["field"] == "mobile"
    assert response.json()["message"] == "缺少必填项：手机号码"


async def test_register_malformed_json_is_400(client: AsyncClient) -> None:
    response = await client.post(
        "/api/registrations",
        content=b'{"name": "\xe7',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "body"
    assert await stored() == (0, 0, 0)


async def test_register_same_mobile_twice_is_409_pointing_to_existing(client: AsyncClient) -> None:
    first = (await client.post("/api/registrations", json=person())).json()
    response = await client.post(
        "/api/registrations",
        json=person(mobile="138 0013 8000", name="王晓明", organization="另一家单位"),
    )
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["field"], body["existing_id"]) == (
        "duplicate",
        "mobile",
        first["id"],
    )
    assert await stored() == (1, 1, 1)  # the refused one changed no person and made no unit
    assert await Person.select(Person.name).first() == {"name": "王小明"}


async def test_register_full_category_is_409(client: AsyncClient, event: EventInfo) -> None:
    await set_quota(event.id, AttendeeCategory.observer, 1)
    assert (await client.post("/api/registrations", json=person())).status_code == 201
    response = await client.post("/api/registrations", json=person(mobile="13900000000"))
    assert response.status_code == 409
    assert response.json()["code"] == "quota_full"
    assert response.json()["field"] == "category"
    other = await client.post(
        "/api/registrations", json=person(mobile="13900000000", category="frontline")
    )
    assert other.status_code == 201


async def test_register_after_closing_is_409_and_stores_nothing(
    client: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, registration_closes_at=datetime.now(UTC) - timedelta(minutes=1))
    response = await client.post("/api/registrations", json=person())
    assert response.status_code == 409
    assert response.json()["code"] == "registration_closed"
    assert await stored() == (0, 0, 0)


async def test_cancel_frees_quota_and_allows_new_registration(
    client: AsyncClient, event: EventInfo
) -> None:
    await set_quota(event.id, AttendeeCategory.observer, 1)
    token = (await client.post("/api/registrations", json=person())).json()["token"]
    cancelled = await client.post(f"/api/registrations/{token}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    again = await client.post("/api/registrations", json=person())
    assert again.status_code == 201


async def test_update_by_token_changes_fields_and_checks_them(client: AsyncClient) -> None:
    token = (await client.post("/api/registrations", json=person())).json()["token"]
    changed = await client.patch(
        f"/api/registrations/{token}", json={"position": "车间主任", "mobile": "139-0000-0001"}
    )
    assert changed.status_code == 200
    assert (changed.json()["position"], changed.json()["mobile"]) == ("车间主任", "13900000001")
    bad = await client.patch(f"/api/registrations/{token}", json={"mobile": "123"})
    assert bad.status_code == 400
    assert bad.json()["field"] == "mobile"
    assert (await client.get(f"/api/registrations/{token}")).json()["mobile"] == "13900000001"


async def test_unknown_token_is_404(client: AsyncClient) -> None:
    response = await client.get("/api/registrations/not-a-real-token")
    assert response.status_code == 404
    assert response.json()["message"] == "未找到该登记，请检查个人链接是否完整"


def delegation(n: int, **overrides: object) -> dict:
    members = [
        {
            "name": f"代表{i:02d}",
            "mobile": f"1370000{i:04d}",
            "category": "presenter" if i % 3 else "observer",
        }
        for i in range(n)
    ]
    body = {
        "organization": "洛阳华锐重型机械股份有限公司",
        "contact_name": "赵联络",
        "contact_mobile": "13600000000",
        "members": members,
    }
    return body | overrides


async def test_delegation_of_thirty_is_stored_in_one_go(client: AsyncClient) -> None:
    response = await client.post("/api/delegations", json=delegation(30))
    assert response.status_code == 201
    body = response.json()
    assert len(body["members"]) == 30
    assert len({m["token"] for m in body["members"]}) == 30
    assert await Registration.count() == 30
    assert await Organization.count() == 1


async def test_delegation_bad_row_refuses_all_and_names_row_and_field(client: AsyncClient) -> None:
    body = delegation(30)
    body["members"][17]["mobile"] = "12345"
    response = await client.post("/api/delegations", json=body)
    assert response.status_code == 400
    got = response.json()
    assert (got["field"], got["row"]) == ("members[17].mobile", 18)
    assert await stored() == (0, 0, 0)


async def test_delegation_duplicate_mobile_within_batch_refused(client: AsyncClient) -> None:
    body = delegation(5)
    body["members"][4]["mobile"] = body["members"][1]["mobile"]
    response = await client.post("/api/delegations", json=body)
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["message"]) == (
        "members[4].mobile",
        "与第2行的手机号码重复",
    )
    assert await stored() == (0, 0, 0)


async def test_delegation_row_already_registered_refuses_all(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person(mobile="13700000003"))
    response = await client.post("/api/delegations", json=delegation(10))
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["row"], body["field"]) == ("duplicate", 4, "members[3].mobile")
    assert await Registration.count() == 1


async def test_delegation_over_quota_refused_whole(client: AsyncClient, event: EventInfo) -> None:
    await set_quota(event.id, AttendeeCategory.observer, 3)
    response = await client.post("/api/delegations", json=delegation(12))  # 4 observers
    assert response.status_code == 409
    assert response.json()["code"] == "quota_full"
    assert await stored() == (0, 0, 0)


async def test_openapi_document_lists_registration_route(client: AsyncClient) -> None:
    doc = (await client.get("/schema/openapi.json")).json()
    assert doc["paths"]["/api/registrations"]["post"]["operationId"] == "createRegistration"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "王\x00明"}, "name", "姓名不能包含控制字符 U+0000"),
        ({"name": "王\r\n明"}, "name", "姓名不能包含换行或制表符"),
        ({"email": "a\x00@example.com"}, "email", "电子邮箱格式不正确"),
        ({"department": "质量\x1b部"}, "department", "部门不能包含控制字符 U+001B"),
    ],
)
async def test_register_control_characters_refused(
    client: AsyncClient, overrides: dict, field: str, message: str
) -> None:
    response = await client.post("/api/registrations", json=person(**overrides))
    assert (response.status_code, response.json()["field"], response.json()["message"]) == (
        400,
        field,
        message,
    )
    assert await stored() == (0, 0, 0)


async def test_register_remarks_keep_line_breaks(client: AsyncClient) -> None:
    token = (
        await client.post("/api/registrations", json=person(remarks="第一行\r\n第二行"))
    ).json()["token"]
    assert (await client.get(f"/api/registrations/{token}")).json()["remarks"] == "第一行\r\n第二行"
