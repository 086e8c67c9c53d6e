"""Requests sized or shaped to hurt: every one gets a 4xx with a Chinese message, never a 500
nor a page built to the attacker's size."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from event.enums import Role
from tests.factories import login, person


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("rows", ["abc", "-5", "1e9", "9" * 30])
async def test_delegation_form_rows_not_a_count_is_400(client: AsyncClient, rows: str) -> None:
    response = await client.post("/register/delegation", data={"_rows": rows, "_more": "20"})
    assert (response.status_code, "行数应为1至200之间的整数" in response.text) == (400, True)


async def test_delegation_form_rows_huge_builds_at_most_200(client: AsyncClient) -> None:
    response = await client.post("/register/delegation", data={"_rows": "1000000", "_more": "20"})
    assert (response.status_code, response.text.count('name="members[199].name"'),
            response.text.count('name="members[200].name"')) == (200, 1, 0)  # fmt: skip


async def test_deeply_nested_json_is_400_in_chinese(client: AsyncClient) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = await client.post("/api/registrations", content=body,
                                 headers={"content-type": "application/json"})  # fmt: skip
    assert (response.status_code, _chinese(response.json()["message"])) == (400, True)


async def test_invalid_utf8_json_is_400_in_chinese(client: AsyncClient) -> None:
    response = await client.post("/api/registrations", content=b'{"name": "\xff\xfe"}',
                                 headers={"content-type": "application/json"})  # fmt: skip
    assert (response.status_code, _chinese(response.json()["message"])) == (400, True)


async def test_invalid_utf8_form_is_400(client: AsyncClient) -> None:
    response = await client.post("/register", content=b"name=%FF%FE&mobile=13800138000",
                                 headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert response.status_code == 400


async def test_nul_in_a_search_is_400(client: AsyncClient) -> None:
    await login(client, "zhang", Role.organiser)
    response = await client.get("/api/admin/registrations", params={"organization": "某\x00"})
    assert (response.status_code, _chinese(response.json()["message"])) == (400, True)


async def test_id_beyond_the_integer_range_is_400_in_chinese(client: AsyncClient) -> None:
    await login(client, "zhang", Role.organiser)
    answers = [
        await client.get(f"/admin/submissions/{2**63}"),
        await client.get(f"/desk/p/{2**40}"),
    ]
    assert [(a.status_code, a.json()["message"]) for a in answers] == [(400, "编号超出范围")] * 2


async def test_list_page_far_beyond_the_end_is_not_an_error(client: AsyncClient) -> None:
    await client.post("/api/registrations", json=person())
    await login(client, "zhang", Role.organiser)
    response = await client.get("/admin/registrations", params={"page": str(10**30)})
    assert response.status_code in {200, 400}
