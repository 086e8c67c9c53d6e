"""The unit contact's page /d/{token}: the delegation made through that link, nothing found by
the unit's name."""

from __future__ import annotations

import re
from io import BytesIO

from httpx import AsyncClient
from openpyxl import load_workbook

from tests.factories import OTHER_UNIT, UNIT, delegation, person, qc


async def test_unit_page_shows_own_members_with_contact_details_and_links(
    client: AsyncClient,
) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    page = await client.get(f"/d/{made['token']}")
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>1</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>"
                      r"<td>(.*?)</td><td class=\"link-cell\"><a href=\"(.*?)\">", page.text)  # fmt: skip
    assert rows == [
        ("钱代表", "观摩人员", "13700000001", "qian@example.cn", "有效", made["members"][0]["url"])
    ]
    assert page.headers["cache-control"] == "no-store"


async def test_unit_page_shows_no_submission_found_by_the_unit_name(
    client: AsyncClient,
) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    await client.post("/api/submissions/qc", json=qc(presented=False))
    await client.post("/api/delegations", json=delegation(OTHER_UNIT, "13700000002"))
    await client.post("/api/registrations", json=person(organization=UNIT, mobile="13700000003"))
    page = (await client.get(f"/d/{made['token']}")).text
    assert re.findall(r'href="(/[rs]/[^"]+)"', page) == [made["members"][0]["url"]]
    assert [x for x in ("精益求精", "13800138001", "13700000002", "13700000003") if x in page] == []


async def test_stranger_registering_under_a_units_name_sees_none_of_its_people(
    client: AsyncClient,
) -> None:
    await client.post("/api/delegations", json=delegation())
    stranger = (await client.post("/api/delegations", json=delegation(mobile="13900000009"))).json()
    page = (await client.get(f"/d/{stranger['token']}")).text
    assert ("13900000009" in page, "13700000001" in page) == (True, False)


async def test_unit_workbook_has_only_the_delegations_members_with_full_links(
    client: AsyncClient,
) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    await client.post("/api/submissions/qc", json=qc(presented=False))
    response = await client.get(f"/d/{made['token']}/delegation.xlsx")
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["参会代表"]
    members = [tuple(r) for r in book["参会代表"].iter_rows(min_row=2, values_only=True)]
    assert members == [(1, "钱代表", "观摩人员", "13700000001", "qian@example.cn", "有效",
                        "http://testserver" + made["members"][0]["url"])]  # fmt: skip


async def test_delegation_done_page_shows_the_unit_link_that_opens_the_unit_page(
    client: AsyncClient,
) -> None:
    form = {"organization": UNIT, "contact_name": "赵联络", "contact_mobile": "13600000000",
            "_rows": "1", "members[0].name": "钱代表", "members[0].mobile": "13700000001",
            "members[0].category": "observer"}  # fmt: skip
    done = await client.post("/register/delegation", data=form)
    link = re.search(r'<a class="button" href="(/d/[\w-]{43})">打开</a>', done.text)
    assert link is not None
    assert "13700000001" in (await client.get(link.group(1))).text


async def test_unit_page_by_member_personal_token_is_not_found(client: AsyncClient) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    response = await client.get(f"/d/{made['members'][0]['token']}")
    assert (response.status_code, "13700000001" in response.text) == (404, False)
