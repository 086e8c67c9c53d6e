"""The organisers' desk: counts, the filtered list, the Excel export, the event's settings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter, URLEncodedBody
from litestar.response import Redirect, Template

from event import audit
from event.admin import settings_form
from event.current import EventInfo
from event.enums import AttendeeCategory, RegistrationStatus, Role
from event.errors import InvalidInput
from event.excel import workbook_bytes, xlsx_download
from event.registration import roster
from event.registration.schemas import RegistrationList
from event.templating import zone
from event.validators import masked_mobile
from event.web.error_body import ERROR_RESPONSES
from event.web.forms import errors_of, form_to_struct
from event.web.guards import current_user, desk_staff, organiser_only

Form = URLEncodedBody[dict[str, Any]]
EXPORT_HEADERS = (
    "序号", "姓名", "性别", "单位", "部门", "职务", "手机", "电子邮箱", "微信", "参会类别", "状态",
    "抵达日期", "车次/航班", "住宿", "房型", "入住日期", "离店日期", "饮食禁忌", "备注", "登记时间",
)  # fmt: skip


AUDIT_ENTITIES = (
    ("registration", "登记"), ("delegation", "集体登记"), ("submission", "材料"), ("event", "会议设置"),
    ("schedule", "日程"), ("agenda_item", "大会议程"), ("unit_contact", "单位联系人"), ("organization", "单位"),
)  # fmt: skip


def for_viewer(request: Request, found: RegistrationList) -> RegistrationList:
    """The list as the logged-in role may see it: desk staff get mobile numbers masked."""
    if (current_user(request) or {}).get("role") == Role.organiser.value:
        return found
    items = [msgspec.structs.replace(r, mobile=masked_mobile(r.mobile)) for r in found.items]
    return msgspec.structs.replace(found, items=items)


class AdminApi(Controller):
    path = "/api/admin"
    tags = ["组织者"]
    guards = [desk_staff]

    @get("/registrations", operation_id="listRegistrations", responses=ERROR_RESPONSES)
    async def list_registrations(
        self,
        request: Request,
        event: NamedDependency[EventInfo],
        category: FromQuery[AttendeeCategory | None] = None,
        organization: FromQuery[str | None] = None,
        status: FromQuery[RegistrationStatus | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 200,
        offset: Annotated[int, QueryParameter(ge=0, le=10_000_000)] = 0,
    ) -> RegistrationList:
        """参会登记名单（可按类别、单位、状态筛选），附各类别人数；工作人员看到的手机号部分隐藏。"""
        found = await roster.listing(
            event.id, category=category, organization=organization, status=status,
            limit=limit, offset=max(0, offset),
        )  # fmt: skip
        return for_viewer(request, found)


def _choice(kind: Any, code: str | None) -> Any:
    """The enum member of a filter's code; None for "" (all) or an unknown code."""
    return kind(code) if code in {m.value for m in kind} else None


class AdminPages(Controller):
    path = "/admin"
    include_in_schema = False
    guards = [desk_staff]

    @get("/")
    async def dashboard(self, event: NamedDependency[EventInfo]) -> Template:
        counts = await roster.category_counts(event.id)
        units = await roster.unit_counts(event.id)
        return Template(
            "admin/dashboard.html", context={"event": event, "counts": counts, "units": units}
        )

    @get("/registrations")
    async def registrations(
        self,
        request: Request,
        event: NamedDependency[EventInfo],
        category_code: Annotated[str | None, QueryParameter(name="category")] = None,
        organization: FromQuery[str | None] = None,
        status_code: Annotated[str | None, QueryParameter(name="status")] = None,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        q: FromQuery[str | None] = None,
    ) -> Template:
        # The filter form sends every field, empty ones as "": an empty choice is no filter.
        category = _choice(AttendeeCategory, category_code)
        status = _choice(RegistrationStatus, status_code)
        page = max(1, page)
        found = await roster.listing(
            event.id, category=category, organization=organization, status=status,
            query=q, limit=100, offset=(page - 1) * 100,
        )  # fmt: skip
        filters = {
            "q": q or "",
            "category": category or "",
            "organization": organization or "",
            "status": status or "",
        }
        context = {
            "event": event,
            "found": for_viewer(request, found),
            "filters": filters,
            "page": page,
        }
        return Template("admin/registrations.html", context=context)

    @get("/registrations.xlsx", guards=[organiser_only])
    async def export(
        self,
        event: NamedDependency[EventInfo],
        category: FromQuery[AttendeeCategory | None] = None,
        organization: FromQuery[str | None] = None,
        status: FromQuery[RegistrationStatus | None] = None,
    ) -> Response[bytes]:
        found = await roster.listing(
            event.id, category=category, organization=organization, status=status, limit=None
        )
        rows = (
            (
                i,
                r.name,
                r.gender.label if r.gender else "",
                r.organization,
                r.department,
                r.position,
                r.mobile,
                r.email,
                r.wechat,
                r.category_label,
                r.status.label,
                r.arrival_date,
                r.arrival_transport,
                "是" if r.needs_room else "否",
                r.room_type.label if r.room_type else "",
                r.check_in,
                r.check_out,
                r.dietary,
                r.remarks,
                r.created_at.astimezone(zone(event.timezone)),
            )
            for i, r in enumerate(found.items, start=1)
        )
        body = workbook_bytes(
            "参会登记", EXPORT_HEADERS, rows, heading=f"{event.name}　参会登记名单"
        )
        await audit.record(event.id, "export.personal", "registration", "",
                           f"导出参会登记名单（{len(found.items)}人）")  # fmt: skip
        return xlsx_download(
            body, f"registrations-{datetime.now(zone(event.timezone)):%Y%m%d-%H%M}.xlsx"
        )

    @get("/audit", guards=[organiser_only])
    async def audit_log(
        self,
        event: NamedDependency[EventInfo],
        entity: FromQuery[str | None] = None,
        actor: FromQuery[str | None] = None,
        action: FromQuery[str | None] = None,
    ) -> Template:
        action = action if action in audit.ACTIONS else None
        entries = await audit.latest(event.id, entity=entity, actor=actor, action=action)
        context = {"event": event, "entries": entries, "entities": AUDIT_ENTITIES,
                   "actions": audit.ACTIONS.items(),
                   "filters": {"entity": entity or "", "actor": actor or "", "action": action or ""}}  # fmt: skip
        return Template("admin/audit.html", context=context)

    @get("/settings", guards=[organiser_only])
    async def settings_form(self, event: NamedDependency[EventInfo]) -> Template:
        context = {"event": event, "quotas": event.quotas, "values": {}}
        return Template("admin/settings.html", context=context)

    @post("/settings", guards=[organiser_only])
    async def save_settings(
        self, request: Request, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        try:
            form = form_to_struct(data, settings_form.SettingsForm)
        except InvalidInput as exc:
            context = {
                "event": event,
                "quotas": event.quotas,
                "values": data,
                "errors": errors_of(exc),
            }
            return Template("admin/settings.html", context=context, status_code=400)
        await settings_form.save(event.id, form)
        request.app.state.event_cache.clear()
        return Redirect("/admin/settings?saved=1", status_code=303)
