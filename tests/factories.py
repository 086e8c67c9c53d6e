"""Builders shared by the tests: request bodies, accounts, logins. Test modules import from here,
never from each other."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
from httpx import AsyncClient
from litestar.middleware.csrf import generate_csrf_token

from event.admin.accounts import add_account
from event.current import EventInfo, current_event
from event.enums import Role
from event.programme.agenda_items import ItemForm
from event.security import CSRF_COOKIE, CSRF_HEADER
from event.tables import Event
from event.web.forms import form_to_struct

EVENT_NAME = "第40次全国机械工业质量管理小组、质量信得过班组、质量品牌故事演讲交流活动"


async def new_event() -> EventInfo:
    """The event of the notice, material due in 30 days, as the current event."""
    await Event.insert(
        Event(
            name=EVENT_NAME, edition="第40次", notice_number="中机质协[2021]08号",
            organisers="中国机械工业质量管理协会", material_deadline=date.today() + timedelta(days=30),
        )
    )  # fmt: skip
    return await current_event()


def with_csrf_token(client: httpx.AsyncClient, secret: str) -> None:
    """Give the client a CSRF cookie and send it back as the X-CSRFToken header on every
    unsafe request, as a page's hidden field would (tests/event/test_access.py checks that a
    request without it is refused; the browser tests use the real hidden field)."""
    client.cookies.set(CSRF_COOKIE, generate_csrf_token(secret))

    async def add_header(request: httpx.Request) -> None:
        token = client.cookies.get(CSRF_COOKIE)
        if request.method not in {"GET", "HEAD", "OPTIONS"} and token:
            request.headers.setdefault(CSRF_HEADER, token)

    client.event_hooks["request"].append(add_header)


def person(**overrides: object) -> dict[str, object]:
    """A valid registration body; override any key."""
    body: dict[str, object] = {
        "name": "王小明", "mobile": "13800138000", "organization": "某某重型机械股份有限公司",
        "category": "observer",
    }  # fmt: skip
    return body | overrides


PHONE = {"width": 390, "height": 844}


UNIT = "洛阳华锐重型机械股份有限公司"


def qc(**overrides: object) -> dict:
    body = {"group_name": "精益求精QC小组", "topic": "降低齿轮箱渗漏率", "presented": True, "organization": UNIT,
            "result_type": "现场型", "address": "洛阳市涧西区建设路1号", "postcode": "471003", "contact_name": "李明",
            "contact_mobile": "13800138001", "group_size": 8, "presenter_name": "王发表", "presenter_mobile": "13800138002"}  # fmt: skip
    return body | overrides


def team(**overrides: object) -> dict:
    body = {"team_name": "总装一班", "presented": True, "organization": UNIT, "address": "洛阳市涧西区建设路1号",
            "postcode": "471003", "contact_name": "李明", "contact_mobile": "13800138001", "leader": "赵班长",
            "team_size": 12, "team_type": "现场型", "completion_rate": "98.5%", "first_pass_rate": 99.2,
            "complaints": 0, "incidents": 0}  # fmt: skip
    return body | overrides


def story(**overrides: object) -> dict:
    body = {"title": "一颗螺丝钉的品牌之路", "organization": UNIT, "contact_name": "李明", "contact_mobile": "13800138001",
            "content_category": "品牌文化", "brand_type": "团队", "summary": "讲述班组二十年坚持的故事。"}  # fmt: skip
    return body | overrides


def nomination(**overrides: object) -> dict:
    body = {"organization": UNIT, "contact": "李明", "contact_phone": "0379-64200000", "nominee_name": "周推进",
            "nominee_gender": "男", "nominee_position": "质量部部长", "achievements": "多年组织QC小组活动。"}  # fmt: skip
    return body | overrides


def statistics(**overrides: object) -> dict:
    body = {"organization": "河南机械工业质量管理协会", "contact": "孙统计", "contact_phone": "0371-65000000",
            "registered_team_total": 120, "registered_qc_total": 900, "registered_team_year": 20,
            "registered_qc_year": 150, "participants": 4500, "employees": 6000, "team_results": 8, "qc_results": 60}  # fmt: skip
    return body | overrides


OTHER_UNIT = "太原重型机械集团有限公司"


def delegation(organization: str = UNIT, mobile: str = "13700000001") -> dict:
    member = {
        "name": "钱代表",
        "mobile": mobile,
        "category": "observer",
        "email": "qian@example.cn",
    }
    return {"organization": organization, "contact_name": "赵联络", "contact_mobile": "13600000000",
            "members": [member]}  # fmt: skip


PASSWORD = "correct horse 2021"


async def login(client: AsyncClient, username: str, role: Role) -> None:
    await add_account(username, PASSWORD, role)
    response = await client.post(
        "/login", data={"username": username, "password": PASSWORD, "next": "/admin"}
    )
    assert response.status_code == 303


def shown_errors(html: str) -> dict[str, str]:
    """The messages a page shows beside its fields: field name → message."""
    return dict(re.findall(r'<p class="error" id="err-([^"]+)" role="alert">([^<]*)</p>', html))


def plenary(form: dict[str, str]) -> ItemForm:
    """A plenary item as the organisers' form sends it (day, start, end as 2021-08-18 / 08:30)."""
    return form_to_struct(form, ItemForm)
