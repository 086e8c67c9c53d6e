"""The personal calendar subscription: a read-only token of its own, never the personal key."""

from __future__ import annotations

import re

from httpx import AsyncClient

from event.current import EventInfo
from event.programme import publication
from tests.event.programme.programme_data import FIRST, build, store_draft


async def _subscription(client: AsyncClient, token: str) -> str:
    page = (await client.get(f"/r/{token}")).text
    links = re.findall(r"/c/([\w-]+)/schedule\.ics", page)
    assert links, "the personal page links the read-only subscription"
    return links[0]


async def test_personal_page_links_a_feed_token_other_than_the_personal_key(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    token = world.tokens["张伟"]
    calendar = await _subscription(client, token)
    page = (await client.get(f"/r/{token}")).text
    assert (calendar != token, f"/r/{token}/schedule.ics" in page) == (True, False)


async def test_subscription_feed_has_the_persons_talks_as_the_old_link(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    token = world.tokens["张伟"]
    new = await client.get(f"/c/{await _subscription(client, token)}/schedule.ics")
    old = await client.get(f"/r/{token}/schedule.ics")
    assert (new.status_code, new.content) == (200, old.content)


async def test_subscription_token_opens_no_personal_page(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    calendar = await _subscription(client, world.tokens["张伟"])
    codes = [(await client.get(f"/r/{calendar}")).status_code,
             (await client.post(f"/api/registrations/{calendar}/cancel")).status_code]  # fmt: skip
    assert codes == [404, 404]
