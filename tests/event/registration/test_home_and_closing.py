"""The home page says what is open and until when; a closed registration is closed on the
form itself, in Beijing time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient

from event.current import EventInfo, update_event
from event.tables import Registration
from tests.factories import person

NOON_BEIJING = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)


async def test_home_links_the_attachments_templates_and_says_what_is_open(
    client: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, registration_closes_at=datetime.now(UTC) + timedelta(days=3),
                       handbook_contacts="黄雅静 010-68570536")  # fmt: skip
    page = (await client.get("/")).text
    assert 'href="/api/submissions/templates/qc.xlsx"' in page
    assert "附件八" in page and "黄雅静 010-68570536" in page
    assert "（北京时间）前" in page and "尚未发布" in page


async def test_closed_registration_hides_the_form_and_shows_beijing_time(
    client: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, registration_closes_at=NOON_BEIJING)
    page = await client.get("/register")
    assert "参会登记已于2026年11月30日 12:00（北京时间）截止" in page.text
    assert 'action="/register"' not in page.text
    api = await client.post("/api/registrations", json=person())
    assert api.json()["message"] == "报名已于2026年11月30日 12:00（北京时间）截止"
    assert await Registration.count() == 0
