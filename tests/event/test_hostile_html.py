"""The hostile corpus on every HTML page: never a raw tag, and the page text holds each value
exactly (parsed with html.parser: character references decoded, script bodies left out)."""

from __future__ import annotations

from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.tables import Submission
from tests.event.hostile import (
    LONG_TOPIC,
    LONG_UNIT,
    MULTILINE,
    ROOM,
    SINGLE_LINE,
    assert_markup_safe,
    form_post,
    mobile,
    page_text,
    presenter_token,
    sign_in,
    store_world,
)


async def _text(client: AsyncClient, path: str, data: dict[str, str] | None = None) -> str:
    response = await (form_post(client, path, data) if data else client.get(path))
    assert response.status_code == 200, (path, response.text[:500])
    assert_markup_safe(response.text)
    return page_text(response.text)[0]


def _missing(text: str, values: list[str]) -> list[str]:
    return [v for v in values if v not in text]


async def test_single_line_field_with_line_break_is_refused_in_chinese(
    client: AsyncClient,
) -> None:
    body = {"name": "第一行\r\n第二行", "mobile": mobile(1), "organization": "某某公司",
            "category": "observer"}  # fmt: skip
    response = await client.post("/api/registrations", json=body)
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["message"]) == (
        "name",
        "姓名不能包含换行或制表符",
    )


async def test_hostile_values_appear_literally_on_personal_pages(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event)
    for key, value in SINGLE_LINE.items():
        text = await _text(client, f"/r/{world.tokens[key]}")
        assert _missing(text, [value, MULTILINE]) == [], key
    text = await _text(client, f"/r/{world.tokens['long_unit']}")
    assert LONG_UNIT in text
    # 我的日程 on a presenter's page: the title and the room, once published
    text = await _text(client, f"/r/{await presenter_token(world, 'script')}")
    assert _missing(text, [world.topics["script"], ROOM]) == []


async def test_hostile_values_appear_literally_on_organiser_pages(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event, programme=False)
    await sign_in(client, "zhang", Role.organiser)
    values = list(SINGLE_LINE.values())
    text = await _text(client, "/admin/registrations")
    assert _missing(text, [*values, LONG_UNIT]) == []
    text = await _text(client, "/admin/submissions")
    assert _missing(text, [world.titles[k] for k in SINGLE_LINE] + values + [LONG_UNIT]) == []
    for key in ("script", "attribute", "long", "rlo"):
        sid = (
            await Submission.select(Submission.id)
            .where(Submission.token == world.submissions[key])
            .first()
        )
        text = await _text(client, f"/admin/submissions/{sid['id']}")
        topic = LONG_TOPIC if key == "long" else SINGLE_LINE[key]
        assert _missing(text, [SINGLE_LINE[key], topic, LONG_UNIT, MULTILINE]) == [], key


async def test_hostile_values_appear_literally_on_submission_pages(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event, programme=False)
    for key, value in SINGLE_LINE.items():
        text = await _text(client, f"/s/{world.submissions[key]}")
        topic = LONG_TOPIC if key == "long" else value
        assert _missing(text, [value, topic, LONG_UNIT, MULTILINE]) == [], key
        text = await _text(client, f"/s/{world.stories[key]}")
        assert _missing(text, [value, LONG_UNIT, MULTILINE]) == [], key
    text = await _text(client, f"/s/{world.submissions['script']}/summary")  # its own row
    assert _missing(text, [SINGLE_LINE["script"], LONG_UNIT]) == []


async def test_hostile_values_appear_literally_on_programme_pages(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event)
    titles = [world.topics[k] for k in SINGLE_LINE]
    text = await _text(client, "/programme/")
    assert ROOM in text
    links = page_text((await client.get("/programme/")).text)[1]
    for path in [a for a in links if a.startswith(("/programme/rooms/", "/programme/categories/"))]:
        text = await _text(client, path)
        assert _missing(text, [*titles, ROOM]) == [], path
    for key, code in world.codes.items():
        text = await _text(client, f"/programme/p/{code}")
        assert _missing(text, [world.topics[key], ROOM, LONG_UNIT]) == [], key


async def test_hostile_values_appear_literally_at_the_desk(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event, programme=False)
    await sign_in(client, "desk1", Role.staff)
    for n, (key, value) in enumerate(SINGLE_LINE.items()):
        text = await _text(client, "/desk", {"q": mobile(n)})
        assert _missing(text, [value]) == [], key
        text = await _text(client, f"/desk/p/{world.registrations[key]}")
        assert _missing(text, [value]) == [], key
    # the search input is echoed back: a name query with markup comes back as text
    text = await _text(client, "/desk", {"q": SINGLE_LINE["script"]})
    assert SINGLE_LINE["script"] in text
