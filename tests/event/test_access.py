"""Who may use what: every route of the app with every role, as in the README's table
("Who may use what"). Each role fills a private link with its own token where it has one of
that kind, and otherwise with something it does hold (another kind of token, a bare id, a guess,
the unit's name): none of those may open anything. A stranger who registers under the unit's exact
name gets their own links, which show nothing of the unit.

The app, its accounts and its data are built once per module (each role has its own client
address, so one role's failed login counts for it alone); rows that cancel or delete run last."""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from datetime import date, time
from io import BytesIO
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pytest
from httpx import ASGITransport, AsyncClient
from litestar.middleware.csrf import generate_csrf_token
from openpyxl import load_workbook

from event.admin.accounts import add_account
from event.app import create_app
from event.current import current_event
from event.db import bind, close_pool, engine_from_url, open_pool
from event.enums import Role
from event.judging import roster
from event.programme.agenda_items import add as add_item
from event.programme.schedule import venues
from event.security import app_secret
from event.settings import Settings
from event.tables import ALL_TABLES, Block, Message, Registration, Room
from event.tokens import calendar_token
from tests.conftest import BACKENDS
from tests.factories import new_event, person, plenary, qc, with_csrf_token

PUBLIC, ATTENDEE, UNIT, STAFF, ORGANISER = "public", "attendee", "unit", "staff", "organiser"
STRANGER = "stranger"  # knows the unit's name (printed on the programme), registers under it
ROLES = (PUBLIC, ATTENDEE, UNIT, STAFF, ORGANISER, STRANGER)
ALL = frozenset(ROLES)
UNIT_NAME = "洛阳华锐重型机械股份有限公司"
DESK = frozenset({STAFF, ORGANISER})
ORG = frozenset({ORGANISER})
EVENT_DIR = Path(__file__).resolve().parents[2] / "event"
HTML = {"accept": "text/html"}
OWN = frozenset({ATTENDEE})  # by the personal link
CONTACT = frozenset({UNIT})  # by the delegation's or a submission's private link
NOBODY: frozenset[str] = frozenset()  # a signed-in unit contact's pages (tests/event/units/)


class Row(NamedTuple):
    method: str
    path: str  # as Litestar lists it
    allowed: frozenset[str]
    ok: int  # what an allowed role gets for the request below (400: let in, then body refused)


KINDS = ("application", "nomination", "qc", "statistics", "story", "summary", "team")
SCHEMA = ("", "/oauth2-redirect.html", "/openapi.json", "/openapi.yaml", "/openapi.yml",
          "/swagger", "/{path:str}")  # fmt: skip

# The README's table, row for row.
TABLE: tuple[Row, ...] = (
    # public pages and the published programme
    Row("GET", "/", ALL, 200),
    Row("GET", "/static/{file_path:path}", ALL, 200),
    # site.css is not one of Swagger UI's files; test_api_docs fetches those
    Row("GET", "/api-docs/assets/{file_path:path}", ALL, 404),
    *(Row("GET", f"/schema{p}", ALL, 200) for p in SCHEMA),
    Row("GET", "/programme", ALL, 200),
    Row("GET", "/programme/grid", ALL, 200),
    Row("GET", "/programme/rooms/{room_id:int}", ALL, 200),
    Row("GET", "/programme/categories/{kind:str}/{name:str}", ALL, 404),
    Row("GET", "/programme/p/{code:str}", ALL, 404),
    Row("GET", "/programme/handbook.pdf", ALL, 200),
    Row("GET", "/programme/calendar.ics", ALL, 200),
    Row("GET", "/programme/rooms/{room_id:int}/calendar.ics", ALL, 200),
    Row("GET", "/programme/categories/{kind:str}/{name:str}/calendar.ics", ALL, 404),
    # registering and sending material: anyone, no login
    Row("GET", "/register", ALL, 200),
    Row("POST", "/register", ALL, 400),
    Row("GET", "/register/delegation", ALL, 200),
    Row("POST", "/register/delegation", ALL, 400),
    Row("POST", "/api/registrations", ALL, 400),
    Row("POST", "/api/delegations", ALL, 400),
    Row("GET", "/submit", ALL, 200),
    Row("GET", "/submit/{kind:str}", ALL, 200),
    Row("POST", "/submit/{kind:str}", ALL, 400),
    Row("POST", "/submit/{kind:str}/excel", ALL, 400),
    *(Row("POST", f"/api/submissions/{k}", ALL, 400) for k in KINDS),
    *(Row("POST", f"/api/submissions/{k}/excel", ALL, 400) for k in KINDS),
    *(Row("GET", f"/api/submissions/templates/{k}.xlsx", ALL, 200) for k in KINDS),
    Row("GET", "/login", ALL, 200),
    Row("POST", "/login", ALL, 401),
    Row("POST", "/logout", ALL, 303),
    Row("GET", "/recover", ALL, 200),
    Row("POST", "/recover", ALL, 400),
    Row("GET", "/unit/claim", ALL, 200),
    Row("POST", "/unit/claim", ALL, 400),
    Row("GET", "/unit/login", ALL, 200),
    Row("POST", "/unit/login", ALL, 400),
    Row("GET", "/unit/login/code", ALL, 200),
    Row("POST", "/unit/login/code", ALL, 400),
    # a verified unit contact, signed in by a one-time code: none of the six roles here
    Row("GET", "/unit", NOBODY, 200),
    Row("GET", "/unit/summary", NOBODY, 200),
    Row("POST", "/unit/logout", NOBODY, 303),
    # the attendee, by their personal link
    Row("GET", "/r/{token:str}", OWN, 200),
    Row("POST", "/r/{token:str}", OWN, 400),
    Row("POST", "/r/{token:str}/cancel", OWN, 303),
    Row("GET", "/r/{token:str}/schedule.ics", OWN, 200),
    Row("GET", "/c/{token:str}/schedule.ics", OWN, 200),  # the read-only calendar token
    Row("GET", "/r/{token:str}/messages", OWN, 200),
    Row("POST", "/r/{token:str}/messages", OWN, 303),
    Row("GET", "/api/registrations/{token:str}", OWN, 200),
    Row("PATCH", "/api/registrations/{token:str}", OWN, 200),
    Row("POST", "/api/registrations/{token:str}/cancel", OWN, 200),
    # the unit's contact, by the delegation's link; a submission by its own link
    Row("GET", "/d/{token:str}", CONTACT, 200),
    Row("GET", "/d/{token:str}/delegation.xlsx", CONTACT, 200),
    Row("GET", "/s/{token:str}", CONTACT, 200),
    Row("POST", "/s/{token:str}/files", CONTACT, 400),
    Row("POST", "/s/{token:str}/excel", CONTACT, 400),  # replace it by the same unit's file
    Row("GET", "/s/{token:str}/summary", CONTACT, 200),
    Row("GET", "/api/submissions/by-token/{token:str}", CONTACT, 200),
    Row("POST", "/api/submissions/by-token/{token:str}/files", CONTACT, 400),
    # the 报到 desk and the lists: staff and organisers
    Row("GET", "/desk", DESK, 200),
    Row("POST", "/desk", DESK, 200),
    Row("GET", "/desk/p/{registration_id:int}", DESK, 200),
    Row("POST", "/desk/p/{registration_id:int}/arrive", DESK, 200),
    Row("GET", "/desk/p/{registration_id:int}/badge.pdf", DESK, 200),
    Row("GET", "/admin", DESK, 200),
    Row("GET", "/admin/registrations", DESK, 200),
    Row("GET", "/admin/arrivals", DESK, 200),
    Row("GET", "/admin/registrations/new", DESK, 200),
    Row("POST", "/admin/registrations/new", DESK, 400),
    Row("GET", "/api/admin/registrations", DESK, 200),
    # organisers only
    Row("GET", "/admin/registrations.xlsx", ORG, 200),
    Row("GET", "/admin/registrations/{registration_id:int}", ORG, 200),
    Row("POST", "/admin/registrations/{registration_id:int}", ORG, 400),
    Row("POST", "/admin/registrations/{registration_id:int}/cancel", ORG, 303),
    Row("POST", "/admin/registrations/{registration_id:int}/reinstate", ORG, 303),
    Row("GET", "/admin/audit", ORG, 200),
    Row("GET", "/admin/settings", ORG, 200),
    Row("POST", "/admin/settings", ORG, 400),
    Row("GET", "/admin/badges", ORG, 200),
    Row("GET", "/admin/badges.pdf", ORG, 200),
    Row("GET", "/admin/submissions", ORG, 200),
    Row("GET", "/admin/submissions.xlsx", ORG, 200),
    Row("GET", "/admin/submissions/{submission_id:int}", ORG, 200),
    Row("POST", "/admin/submissions/{submission_id:int}/decision", ORG, 400),
    Row("POST", "/admin/submissions/{submission_id:int}/flags", ORG, 400),
    Row("GET", "/admin/submissions/{submission_id:int}/files/{file_id:int}", ORG, 404),  # no scan
    Row("GET", "/admin/units", ORG, 200),
    Row("GET", "/admin/units/{org_id:int}/summary", ORG, 200),
    Row("GET", "/admin/units/contacts", ORG, 200),
    Row("POST", "/admin/units/contacts", ORG, 400),
    Row("POST", "/admin/units/contacts/{contact_id:int}/decision", ORG, 400),
    Row("POST", "/admin/units/merge", ORG, 400),
    Row("GET", "/admin/history", ORG, 200),
    Row("POST", "/admin/history", ORG, 400),
    Row("GET", "/admin/history/template.xlsx", ORG, 200),
    Row("GET", "/admin/rooms", ORG, 200),
    Row("POST", "/admin/rooms", ORG, 400),
    Row("GET", "/admin/rooms/{room_id:int}/edit", ORG, 200),
    Row("POST", "/admin/rooms/{room_id:int}", ORG, 400),
    Row("POST", "/admin/rooms/{room_id:int}/delete", ORG, 303),
    Row("GET", "/admin/blocks", ORG, 200),
    Row("POST", "/admin/blocks", ORG, 400),
    Row("GET", "/admin/blocks/{block_id:int}/edit", ORG, 200),
    Row("POST", "/admin/blocks/{block_id:int}", ORG, 400),
    Row("POST", "/admin/blocks/{block_id:int}/delete", ORG, 303),
    Row("GET", "/admin/presentations", ORG, 200),
    Row("POST", "/admin/presentations/{code:str}/pin", ORG, 404),
    Row("POST", "/admin/presentations/{code:str}/unpin", ORG, 404),
    Row("POST", "/admin/presentations/{code:str}/unavailable", ORG, 404),
    Row("GET", "/admin/schedule", ORG, 200),
    Row("POST", "/admin/schedule/solve", ORG, 303),
    Row("POST", "/admin/schedule/move", ORG, 400),
    Row("POST", "/admin/schedule/swap", ORG, 400),
    Row("POST", "/admin/schedule/session", ORG, 400),
    Row("GET", "/admin/schedule/items/{code:str}", ORG, 404),
    Row("GET", "/admin/schedule/sessions/{room_id:int}/{block:str}", ORG, 404),
    Row("GET", "/api/admin/schedule/progress", ORG, 200),
    Row("GET", "/api/admin/schedule/draft", ORG, 404),
    Row("GET", "/admin/publication", ORG, 200),
    Row("POST", "/admin/publication/publish", ORG, 409),
    Row("POST", "/admin/publication/items", ORG, 400),
    Row("GET", "/admin/publication/items/{item_id:int}", ORG, 200),
    Row("POST", "/admin/publication/items/{item_id:int}", ORG, 400),
    Row("GET", "/admin/messages", ORG, 200),
    Row("GET", "/admin/messages/{message_id:int}", ORG, 200),
    Row("POST", "/admin/messages/{message_id:int}/resend", ORG, 303),
    Row("POST", "/admin/messages/send", ORG, 400),
    # judging: a judge by their own link (held like a personal link); the room's desk; organisers
    Row("GET", "/j/{token:str}", OWN, 200),
    Row("GET", "/j/{token:str}/p/{code:str}", OWN, 404),
    Row("POST", "/j/{token:str}/p/{code:str}", OWN, 404),
    Row("GET", "/admin/judging/rooms", DESK, 200),
    Row("GET", "/admin/judging/rooms/{panel_id:int}", DESK, 404),
    Row("POST", "/admin/judging/rooms/{panel_id:int}/sheets", DESK, 404),
    Row("POST", "/admin/judging/rooms/{panel_id:int}/close", DESK, 404),
    Row("POST", "/admin/judging/rooms/close-day", DESK, 400),
    Row("GET", "/admin/judges", ORG, 200),
    Row("POST", "/admin/judges", ORG, 400),
    Row("GET", "/admin/judges/template.xlsx", ORG, 200),
    Row("POST", "/admin/judges/import", ORG, 400),
    Row("GET", "/admin/judges/panels", ORG, 200),
    Row("POST", "/admin/judges/assign", ORG, 404),
    Row("POST", "/admin/judges/panels/{room_id:int}/{block:str}", ORG, 404),
    Row("GET", "/admin/judging/results", ORG, 200),
    Row("POST", "/admin/judging/grades/{kind:str}", ORG, 400),
    Row("GET", "/admin/judging/results.xlsx", ORG, 200),
    Row("GET", "/admin/judging/awards.pdf", ORG, 200),
    Row("GET", "/admin/judging/certificates.pdf", ORG, 404),
    Row("GET", "/admin/judging/judge-badges.pdf", ORG, 200),
    Row("POST", "/admin/judging/tie-rule", ORG, 400),
    Row("GET", "/admin/judging/rubrics", ORG, 200),
    Row("GET", "/admin/judging/rubrics/{kind:str}", ORG, 200),
    Row("POST", "/admin/judging/rubrics/{kind:str}", ORG, 400),
    Row("POST", "/admin/judging/rubrics/{kind:str}/reset", ORG, 303),
)


class World(NamedTuple):
    """Two units' people and material, and what each role holds."""

    clients: dict[str, AsyncClient]
    values: dict[str, dict[str, str]]  # role → path parameter → value
    stranger: dict[
        str, str
    ]  # the stranger's own links (d, s) and what of the unit they must not see


def _fill(row: Row, role: str, world: World) -> str:
    values = world.values[role]

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "token":
            return values[row.path.split("/")[1 if not row.path.startswith("/api") else 2]]
        return values[name]

    return re.sub(r"\{(\w+)(?::\w+)?\}", one, row.path)


def denial(row: Row, role: str) -> int:
    """What a role outside `allowed` gets: a wrong private link shows nothing (404); a page
    behind the login asks for it (401) or refuses the wrong role (403)."""
    if "{token" in row.path:
        return 404
    if row.allowed == NOBODY:
        return 401  # a unit contact's session is none of these roles: all are asked to sign in
    return 403 if role == STAFF else 401


async def send(client: AsyncClient, method: str, url: str) -> int:
    if url.startswith("/api/") and method in ("POST", "PATCH"):
        body = {} if method == "PATCH" else {"unknown": 1}
        if url.endswith(("/excel", "/files")):
            return (await client.request(method, url, files={"other": ("x.txt", b"x")})).status_code
        return (await client.request(method, url, json=body)).status_code
    if method == "POST" and url.endswith(("/excel", "/files", "/admin/history")):
        return (await client.request(method, url, files={"other": ("x.txt", b"x")})).status_code
    if method == "POST":
        return (await client.request(method, url, data={"x": "1"})).status_code
    return (await client.request(method, url)).status_code


@pytest.fixture(scope="module", params=BACKENDS)
async def world(
    request: pytest.FixtureRequest,
    database_urls: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[World]:
    engine = engine_from_url(database_urls[request.param])
    bind(engine)
    await open_pool(engine, 5)
    for table in reversed(ALL_TABLES):
        await table.delete(force=True)
    await new_event()
    settings = Settings(database_url=database_urls[request.param],
                        data_dir=tmp_path_factory.mktemp("access"), rate_limit=0)  # fmt: skip
    app = create_app(settings)
    clients = {r: AsyncClient(transport=ASGITransport(app=app, client=(f"10.0.0.{i}", 50000)),
                              base_url="http://testserver") for i, r in enumerate(ROLES, start=1)}  # fmt: skip
    for c in clients.values():
        with_csrf_token(c, app_secret(settings))
    values, own = await _material(clients, app_secret(settings))
    for role in (STAFF, ORGANISER):
        await add_account(role, "correct horse battery", Role(role))
        login = {"username": role, "password": "correct horse battery"}
        assert (await clients[role].post("/login", data=login)).status_code == 303
    yield World(clients, values, own)
    for c in clients.values():
        await c.aclose()
    await close_pool(engine)


async def _material(
    clients: dict[str, AsyncClient], secret: str
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Two people, the unit's delegation and submission, a room, a block, a plenary item, and a
    stranger's delegation and submission under the unit's exact name."""
    public, event = clients[PUBLIC], await current_event()
    mine = (await public.post("/api/registrations", json=person())).json()
    unit = (await public.post("/api/delegations", json={
        "organization": UNIT_NAME, "contact_name": "赵联络", "contact_mobile": "13600000000",
        "members": [{"name": "钱代表", "mobile": "13700000001", "category": "observer"}]})).json()  # fmt: skip
    sent = (await public.post("/api/submissions/qc", json=qc(presented=False))).json()
    stranger = clients[STRANGER]
    theirs = (await stranger.post("/api/delegations", json={
        "organization": UNIT_NAME, "contact_name": "孙冒名", "contact_mobile": "13900000008",
        "members": [{"name": "孙冒名", "mobile": "13900000009", "category": "observer"}]})).json()  # fmt: skip
    their_qc = qc(
        presented=False, group_name="冒名小组", contact_name="孙冒名", contact_mobile="13900000008"
    )
    taken = (await stranger.post("/api/submissions/qc", json=their_qc)).json()
    checkin = (
        await Registration.select(Registration.checkin_token)
        .where(Registration.id == mine["id"])
        .first()
    )
    org = (
        await Registration.select(Registration.person.organization)
        .where(Registration.id == unit["members"][0]["id"])
        .first()
    )
    room = (await Room.insert(Room(event=event.id, name="第一分会场", capacity=100,
                                   kinds=[venues.KIND_CHOICES[0][0]])).returning(Room.id))[0]["id"]  # fmt: skip
    block = (await Block.insert(Block(event=event.id, code="D1-AM", day=date(2026, 12, 1), start=time(8, 30),
                                      end=time(12), key=f"{event.id}:D1-AM")).returning(Block.id))[0]["id"]  # fmt: skip
    item = await add_item(
        event.id,
        plenary({"title": "开幕式", "day": "2026-12-01", "start": "08:30", "end": "09:00"}),
    )
    ids = {"registration_id": str(mine["id"]), "submission_id": str(sent["id"]), "org_id": str(org["person.organization"]),
           "room_id": str(room), "block_id": str(block), "item_id": str(item.id), "code": "QC-999", "kind": "qc",
           "name": "现场型", "path": "openapi.json", "file_id": "1", "file_path": "site.css", "contact_id": "1",
           "message_id": str((await Message.select(Message.id).first())["id"])}  # fmt: skip
    assert (await public.get(f"/r/{mine['token']}")).status_code == 200  # stores the calendar key
    calendar = calendar_token(secret, mine["token"])
    guess, name = secrets.token_urlsafe(32), quote(UNIT_NAME)
    values = {  # r: personal links, d: delegation links, s: submission links (also /api/...)
        PUBLIC: ids | {"c": guess, "r": guess, "registrations": guess, "d": guess, "s": guess, "submissions": guess},
        ATTENDEE: ids | {"c": calendar, "r": mine["token"], "registrations": mine["token"], "d": mine["token"],
                         "s": mine["token"], "submissions": mine["token"]},
        UNIT: ids | {"c": unit["token"], "r": unit["token"], "registrations": sent["token"], "d": unit["token"],
                     "s": sent["token"], "submissions": sent["token"]},
        STAFF: ids | {"c": checkin["checkin_token"], "r": checkin["checkin_token"], "registrations": checkin["checkin_token"],
                      "d": sent["token"], "s": unit["token"], "submissions": unit["token"]},
        ORGANISER: ids | {"c": mine["token"], "r": str(mine["id"]), "registrations": str(mine["id"]),
                          "d": str(unit["id"]), "s": str(sent["id"]), "submissions": str(sent["id"])},
        STRANGER: ids | {"c": name, "r": name, "registrations": name, "d": name, "s": name, "submissions": name},
    }  # fmt: skip
    await roster.add_judges(
        event.id, [roster.checked(roster.JudgeIn("周评委", "某协会", "13500000001"))]
    )
    judge = (await roster.judges(event.id))[0]
    held = {PUBLIC: guess, ATTENDEE: judge.token, UNIT: unit["token"], STAFF: checkin["checkin_token"],
            ORGANISER: str(judge.id), STRANGER: name}  # fmt: skip
    values = {
        role: v | {"j": held[role], "panel_id": "1", "block": "D1-AM"} for role, v in values.items()
    }
    secrets_of_unit = {"unit contact": "13600000000", "member": "13700000001", "qc contact": "13800138001",
                       "delegation link": unit["token"], "submission link": sent["token"],
                       "member link": unit["members"][0]["token"]}  # fmt: skip
    own = {"d": theirs["token"], "s": taken["token"], "submissions": taken["token"]} | {
        f"secret:{k}": v for k, v in secrets_of_unit.items()
    }
    return values, own


def _id(row: Row) -> str:
    return f"{row.method} {row.path}"


DESTRUCTIVE = ("/cancel", "/delete", "/solve")  # run after every other row: the world is shared
IN_ORDER = sorted(TABLE, key=lambda r: (r.path == "/logout", r.path.endswith(DESTRUCTIVE)))


@pytest.mark.parametrize("row", IN_ORDER, ids=_id)
async def test_route_answers_each_role_as_the_table_says(row: Row, world: World) -> None:
    got = {}
    for role in ROLES:  # organisers last: their writes (a delete) come after the others' tries
        got[role] = await send(world.clients[role], row.method, _fill(row, role, world))
    expected = {role: row.ok if role in row.allowed else denial(row, role) for role in ROLES}
    assert got == expected


STRANGER_ROUTES = [r for r in TABLE if r.method == "GET" and r.allowed == CONTACT]


@pytest.mark.parametrize("row", STRANGER_ROUTES, ids=_id)
async def test_stranger_under_the_units_name_sees_nothing_of_the_unit(
    row: Row, world: World
) -> None:
    values = world.values[STRANGER] | world.stranger
    url = re.sub(
        r"\{token(?::\w+)?\}",
        values[row.path.split("/")[2 if row.path.startswith("/api") else 1]],
        row.path,
    )
    response = await world.clients[STRANGER].get(url)
    text = response.text
    if url.endswith(".xlsx"):
        book = load_workbook(BytesIO(response.content))
        text = " ".join(
            str(c) for sheet in book for r in sheet.iter_rows(values_only=True) for c in r
        )
    seen = [k for k, v in world.stranger.items() if k.startswith("secret:") and v in text]
    assert (response.status_code, seen) == (200, [])


def test_table_lists_every_route_of_the_app(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/x.sqlite3", data_dir=tmp_path))
    served = {
        (m, route.path)
        for route in app.routes
        for m in getattr(route, "methods", set()) - {"HEAD", "OPTIONS"}
    }
    assert served == {(r.method, r.path) for r in TABLE}


UNSAFE_FORMS = [r for r in TABLE if r.method != "GET" and not r.path.startswith("/api/")]


@pytest.mark.parametrize("row", UNSAFE_FORMS, ids=_id)
async def test_form_without_csrf_token_refused(row: Row, world: World) -> None:
    role = ORGANISER if ORGANISER in row.allowed else next(iter(row.allowed), PUBLIC)
    response = await world.clients[role].request(
        row.method, _fill(row, role, world), data={"x": "1"}, headers={"x-csrftoken": ""}
    )
    assert (response.status_code, response.json()["code"]) == (403, "csrf")


async def test_csrf_token_signed_with_another_secret_refused(world: World) -> None:
    forged = generate_csrf_token("not-the-secret")
    client = world.clients[PUBLIC]
    own = client.cookies.get("csrftoken")
    client.cookies.set("csrftoken", forged)
    response = await client.post(
        "/register", data={"name": "王小明"}, headers={"x-csrftoken": forged}
    )
    client.cookies.set("csrftoken", own)  # the world is shared by the module's tests
    assert (response.status_code, response.json()["code"]) == (403, "csrf")


def test_every_post_form_in_the_templates_carries_the_csrf_field() -> None:
    pages = {
        str(p.relative_to(EVENT_DIR)): p.read_text() for p in EVENT_DIR.rglob("templates/**/*.html")
    }
    forms = sum(text.count('<form method="post"') for text in pages.values())
    bare = [name for name, text in pages.items()
            if re.search(r'<form method="post"[^>]*>(?!\{\{ csrf_input \| safe \}\})', text)]  # fmt: skip
    assert (forms >= 32, bare) == (True, [])


async def test_wrong_link_from_a_browser_shows_nothing(world: World) -> None:
    client = world.clients[PUBLIC]
    for prefix in ("/r/", "/d/", "/s/"):
        response = await client.get(prefix + world.values[UNIT]["d"][:-1] + "x", headers=HTML)
        assert response.status_code == 404
        assert "洛阳华锐" not in response.text and "1360000" not in response.text


async def test_desk_page_by_id_from_a_browser_without_login_goes_to_login(world: World) -> None:
    path = f"/desk/p/{world.values[PUBLIC]['registration_id']}"
    response = await world.clients[PUBLIC].get(path, headers=HTML)
    assert (response.status_code, response.headers["location"]) == (302, f"/login?next={path}")
    assert "王小明" not in response.text


def test_readme_table_is_this_table() -> None:
    readme = (EVENT_DIR.parent / "README.md").read_text()
    rows = re.findall(r"^\| (GET|POST|PATCH) \| `([^`]+)` \| (.+) \|$", readme, re.MULTILINE)
    listed = [(m, path, frozenset(r for r, c in zip(ROLES, cells.split(" | "), strict=True) if c == "✓"))
              for m, path, cells in rows]  # fmt: skip
    assert listed == [(r.method, r.path, r.allowed) for r in TABLE]
