"""The hostile corpus (issue 8, item 5): values every output must show literally and intact.

`SINGLE_LINE` fits every single-line text field (the shortest limit is a name's 50 characters);
`MULTILINE` holds CRLF and goes only into multi-line fields, which keep line breaks (single-line
fields refuse them with a Chinese 400, see event/validators.py). `store_world` sends the corpus
through the real API: one registration per value (name, unit, department, position, remarks),
one QC result per value (group name and topic make the presentation's title) placed in a room
with a hostile name, then publishes the programme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser

from httpx import AsyncClient, Response

from event.admin.accounts import add_account
from event.current import EventInfo
from event.enums import PresentationKind, Role
from event.programme import publication
from event.programme.render.dates import BEIJING
from event.programme.schedule.venues import RoomForm, add_room
from event.tables import Assignment, Block, Presentation, Registration, Schedule

SINGLE_LINE: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "sql": "' OR 1=1 --",
    "entities": "&amp; &lt;",
    "jinja": "{{ 7*7 }}",
    "dollar": "${7*7}",
    "hyperlink": '=HYPERLINK("http://x")',
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(A1)",
    "zwsp": "a\u200bb",  # zero-width space
    "rlo": "\u202eevil",  # right-to-left override
    "zwj": "王\u200d明",  # zero-width joiner
    "emoji": "👍🏭",
    "rare": "䶮𠇔𪚥",  # U+4DAE (Ext. A), U+201D4 and U+2A6A5 (Ext. B)
    "ics": "逗号,分号;反斜杠\\冒号:",  # what RFC 5545 escapes
    "long": ("<b>&amp;䶮𠇔" * 10)[:50],  # a name's full 50 characters
}
LONG_UNIT = ("<i>&lt;某某</i>𪚥" * 20)[:200]  # a unit name's full 200 characters
LONG_TOPIC = ("降低<u>渗漏</u>率&amp;𠇔" * 20)[:200]
MULTILINE = "第一行 <b>&amp;</b>\r\n第二行 =1+1, ; \\ 👍"
FORMULA_LIKE = ("hyperlink", "plus", "minus", "at")

# 🏭 (U+1F3ED) is the one character of the corpus that no installed font has (checked in
# tests/event/test_hostile_pdf.py): PDFs must refuse it in Chinese rather than print a box.
NO_FONT = "🏭"
PRINTABLE = {k: v for k, v in SINGLE_LINE.items() if NO_FONT not in v}

DAY = date(2021, 8, 18)
ROOM = '会场<script>alert("r")</script>,;\\'


def mobile(n: int) -> str:
    return f"1390000{n:04d}"


@dataclass
class World:
    event: EventInfo
    tokens: dict[str, str] = field(default_factory=dict)  # corpus key → personal token
    registrations: dict[str, int] = field(default_factory=dict)  # corpus key → registration id
    submissions: dict[str, str] = field(default_factory=dict)  # corpus key → submission token
    titles: dict[str, str] = field(default_factory=dict)  # corpus key → presentation title
    topics: dict[str, str] = field(default_factory=dict)  # … → its 课题, as the programme shows it
    codes: dict[str, str] = field(default_factory=dict)  # corpus key → presentation code
    stories: dict[str, str] = field(default_factory=dict)  # corpus key → story token


async def register_all(client: AsyncClient, world: World, corpus: dict[str, str]) -> None:
    """One registration per corpus value, the value in every single-line text field."""
    for key, value in corpus.items():
        n = list(SINGLE_LINE).index(key)  # mobiles follow the full corpus's order
        category = "executive" if NO_FONT in value else "observer"  # badges print per category
        body = {"name": value, "mobile": mobile(n), "organization": value, "department": value,
                "position": value, "remarks": MULTILINE, "category": category}  # fmt: skip
        response = await client.post("/api/registrations", json=body)
        assert response.status_code == 201, response.text
        world.tokens[key] = response.json()["token"]
        world.registrations[key] = response.json()["id"]
    long_body = {"name": "长单位", "mobile": mobile(99), "organization": LONG_UNIT,
                 "category": "observer", "remarks": MULTILINE}  # fmt: skip
    response = await client.post("/api/registrations", json=long_body)
    assert response.status_code == 201, response.text
    world.tokens["long_unit"] = response.json()["token"]
    world.registrations["long_unit"] = response.json()["id"]


def qc_body(key: str, value: str, n: int) -> dict[str, object]:
    topic = LONG_TOPIC if key == "long" else value
    return {"group_name": value, "topic": topic, "presented": True, "organization": LONG_UNIT,
            "result_type": "现场型", "address": value, "postcode": "471003", "contact_name": value,
            "contact_mobile": "13800138001", "group_size": 8, "description": MULTILINE,
            "presenter_name": "发表人", "presenter_mobile": mobile(200 + n)}  # fmt: skip


async def submit_all(client: AsyncClient, world: World, corpus: dict[str, str]) -> None:
    """One presented QC result and one story per corpus value: group name, topic, title."""
    for key, value in corpus.items():
        n = list(SINGLE_LINE).index(key)
        response = await client.post("/api/submissions/qc", json=qc_body(key, value, n))
        assert response.status_code == 201, response.text
        world.submissions[key] = response.json()["token"]
        world.codes[key] = response.json()["presentation"]
        topic = LONG_TOPIC if key == "long" else value
        world.titles[key], world.topics[key] = f"{value} · {topic}", topic
        story = {"title": value, "organization": LONG_UNIT, "contact_name": value,
                 "contact_mobile": "13800138001", "content_category": "品牌文化", "brand_type": "团队",
                 "summary": MULTILINE}  # fmt: skip
        response = await client.post("/api/submissions/story", json=story)
        assert response.status_code == 201, response.text
        world.stories[key] = response.json()["token"]


async def publish_all(world: World) -> None:
    """Every presentation in one hostile room, one after another, then published."""
    event = world.event
    room = await add_room(
        event.id, RoomForm(name=ROOM, capacity=500, kinds=[PresentationKind("qc")])
    )
    await Block.insert(Block(event=event.id, code="D1-AM", day=DAY, start=time(8, 0),
                             end=time(18, 0), label="第一天", key=f"{event.id}:D1-AM"))  # fmt: skip
    sid = (await Schedule.insert(Schedule(event=event.id, created_at=datetime.now(UTC)))
           .returning(Schedule.id))[0]["id"]  # fmt: skip
    start = datetime.combine(DAY, time(8, 0), tzinfo=BEIJING)
    for position, code in enumerate(world.codes.values()):
        pres = await Presentation.select(Presentation.id).where(Presentation.code == code).first()
        begins = start + timedelta(minutes=18 * position)
        await Assignment.insert(Assignment(
            schedule=sid, presentation=pres["id"], room=room, block="D1-AM", position=position,
            starts_at=begins, ends_at=begins + timedelta(minutes=18),
        ))  # fmt: skip
    await publication.publish(event.id)


async def store_world(
    client: AsyncClient, event: EventInfo, *, programme: bool = True, corpus: dict | None = None
) -> World:
    """The corpus (all of it unless told) stored through the API, the programme published."""
    world = World(event=event)
    await register_all(client, world, corpus or SINGLE_LINE)
    await submit_all(client, world, corpus or SINGLE_LINE)
    if programme:
        await publish_all(world)
    return world


async def presenter_token(world: World, key: str) -> str:
    """The personal token of the presenter of the corpus value `key`'s result."""
    n = list(SINGLE_LINE).index(key)
    row = (
        await Registration.select(Registration.token)
        .where(Registration.person.mobile == mobile(200 + n))
        .first()
    )
    return row["token"]


async def form_post(client: AsyncClient, path: str, data: dict[str, str]) -> Response:
    """A form post as a browser sends it: after a GET, with the CSRF cookie echoed (when the
    app sets one)."""
    await client.get("/login")
    token = client.cookies.get("csrftoken")
    headers = {"x-csrftoken": token} if token else {}
    return await client.post(path, data=data, headers=headers)


async def sign_in(client: AsyncClient, username: str, role: Role) -> None:
    await add_account(username, "correct horse 2021", role)
    data = {"username": username, "password": "correct horse 2021", "next": "/admin"}
    response = await form_post(client, "/login", data)
    assert response.status_code == 303, response.text[:300]


class _Text(HTMLParser):
    """The text of a page as a reader sees it: script and style bodies left out, attribute
    values and character references decoded, each element's text a separate piece."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.attributes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.attributes.extend(v for _, v in attrs if v is not None)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.pieces.append(data)


def page_text(html: str) -> tuple[str, list[str]]:
    """(all text of the page joined, attribute values) of an HTML document."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.pieces), parser.attributes


RAW_MARKUP = ("<script>alert", "<img src=x", "<b>&amp;", "<i>&lt;", "<u>")


def assert_markup_safe(html: str) -> None:
    """No corpus tag reached the markup as a tag (the page's own scripts have no `alert`)."""
    found = [raw for raw in RAW_MARKUP if raw in html]
    assert found == [], found
