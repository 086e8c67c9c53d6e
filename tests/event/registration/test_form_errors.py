"""The registration form reports every mistake in one round trip, beside its field."""

from __future__ import annotations

import re

from httpx import AsyncClient

from event.tables import Registration
from tests.factories import shown_errors


async def test_missing_and_malformed_fields_are_reported_together(client: AsyncClient) -> None:
    form = {"name": "", "organization": "某某机械有限公司", "mobile": "138 0013", "email": "wang@"}
    response = await client.post("/register", data=form)
    assert response.status_code == 400
    errors = shown_errors(response.text)
    assert sorted(errors) == ["category", "email", "mobile", "name"]
    assert errors["mobile"].startswith("手机号码应为11位数字")
    assert 'value="某某机械有限公司"' in response.text
    assert await Registration.count() == 0


async def test_adding_twenty_rows_keeps_what_was_typed(client: AsyncClient) -> None:
    form = {"_rows": "10", "organization": "某某机械有限公司", "members[0].name": "钱代表",
            "_more": "20"}  # fmt: skip
    response = await client.post("/register/delegation", data=form)
    assert response.status_code == 200
    assert 'name="members[29].name"' in response.text
    assert 'name="members[0].name" value="钱代表"' in response.text
    assert 'value="某某机械有限公司"' in response.text
    assert await Registration.count() == 0


async def test_delegation_summary_names_the_row(client: AsyncClient) -> None:
    form = {"_rows": "3", "organization": "某某机械有限公司", "contact_name": "赵联络",
            "contact_mobile": "13600000000", "members[0].name": "钱代表",
            "members[0].mobile": "13700000001", "members[0].category": "observer",
            "members[2].name": "孙代表", "members[2].mobile": "137", "members[2].category": "observer"}  # fmt: skip
    response = await client.post("/register/delegation", data=form)
    assert response.status_code == 400
    assert "<li>第3行：手机号码应为11位数字" in response.text
    assert re.search(r'<td class="invalid">\s*<input name="members\[2\]\.mobile"', response.text)
