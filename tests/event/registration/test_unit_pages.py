"""The unit contact's page /d/{token}: their delegation and their unit's submissions only."""

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
                      r"<td>(.*?)</td><td><a href=\"(.*?)\">", page.text)  # fmt: skip
    assert rows == [
        ("钱代表", "观摩人员", "13700000001", "qian@example.cn", "有效", made["members"][0]["url"])
    ]
    assert page.headers["cache-control"] == "no-store"


async def test_unit_page_lists_unit_submissions_but_nothing_of_other_units(
    client: AsyncClient,
) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    ours = (await client.post("/api/submissions/qc", json=qc(presented=False))).json()
    await client.post(
        "/api/submissions/qc",
        json=qc(organization=OTHER_UNIT, group_name="外单位小组", presented=False),
    )
    await client.post("/api/delegations", json=delegation(OTHER_UNIT, "13700000002"))
    await client.post("/api/registrations", json=person(organization=UNIT, mobile="13700000003"))
    page = (await client.get(f"/d/{made['token']}")).text
    assert re.findall(r'href="(/s/[^"]+)"', page) == [ours["url"]]
    assert re.findall(r'href="(/r/[^"]+)"', page) == [made["members"][0]["url"]]
    assert [x for x in ("外单位小组", "13700000002", "13700000003", OTHER_UNIT) if x in page] == []


async def test_unit_workbook_has_members_and_submissions_with_full_links(
    client: AsyncClient,
) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    ours = (await client.post("/api/submissions/qc", json=qc(presented=False))).json()
    response = await client.get(f"/d/{made['token']}/delegation.xlsx")
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["参会代表", "报送材料"]
    members = [tuple(r) for r in book["参会代表"].iter_rows(min_row=2, values_only=True)]
    assert members == [(1, "钱代表", "观摩人员", "13700000001", "qian@example.cn", "有效",
                        "http://testserver" + made["members"][0]["url"])]  # fmt: skip
    sent = [tuple(r) for r in book["报送材料"].iter_rows(min_row=2, values_only=True)]
    assert sent == [
        (
            1,
            "附件一 QC小组成果",
            "精益求精QC小组 · 降低齿轮箱渗漏率",
            "按时收到",
            "http://testserver" + ours["url"],
        )
    ]


async def test_delegation_done_page_shows_the_unit_link_that_opens_the_unit_page(
    client: AsyncClient,
) -> None:
    form = {"organization": UNIT, "contact_name": "赵联络", "contact_mobile": "13600000000",
            "_rows": "1", "members[0].name": "钱代表", "members[0].mobile": "13700000001",
            "members[0].category": "observer"}  # fmt: skip
    done = await client.post("/register/delegation", data=form)
    link = re.search(r'<a href="(/d/[\w-]{43})"><strong>', done.text)
    assert link is not None
    assert "13700000001" in (await client.get(link.group(1))).text


async def test_unit_page_by_member_personal_token_is_not_found(client: AsyncClient) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    response = await client.get(f"/d/{made['members'][0]['token']}")
    assert (response.status_code, "13700000001" in response.text) == (404, False)
