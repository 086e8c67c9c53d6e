"""What organisers read about a submission is in words: the attachment's name, no codes."""

from __future__ import annotations

from httpx import AsyncClient

from event.enums import Role
from tests.factories import login, nomination


async def test_submission_page_names_the_attachment_not_its_code(client: AsyncClient) -> None:
    sent = (await client.post("/api/submissions/nomination", json=nomination())).json()
    await login(client, "zhang", Role.organiser)
    page = (await client.get(f"/admin/submissions/{sent['id']}")).text
    assert "材料：附件五" in page
    assert [w for w in ("nomination", "[]", "None") if w in page.split("<main")[1]] == []
