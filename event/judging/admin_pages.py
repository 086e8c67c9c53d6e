"""Organisers' judging pages: the roster (by hand and from the Excel template), one press to
assign panels, the panels per day and room with manual changes under the panel rules."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, MultipartBody, URLEncodedBody
from litestar.response import Redirect, Response, Template

from event.current import EventInfo
from event.errors import Conflict, DomainError, InvalidInput, NotFound
from event.excel import xlsx_download
from event.judging import panels, roster, roster_excel
from event.web.forms import errors_of, uploaded_file
from event.web.guards import organiser_only
from scheduling.panels.model import KIND_LABELS

Form = URLEncodedBody[dict[str, Any]]


async def _roster_page(event: EventInfo, status_code: int = 200, **context: Any) -> Template:
    judges = await roster.judges(event.id)
    return Template("judging/roster.html", status_code=status_code, context={
        "event": event, "judges": judges, "kinds": KIND_LABELS, "values": {}, "errors": {},
        **context})  # fmt: skip


def _typed(data: dict[str, Any]) -> roster.JudgeIn:
    kinds = data.get("kinds", [])
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    return roster.JudgeIn(
        name=str(data.get("name", "")), unit=str(data.get("unit", "")),
        mobile=str(data.get("mobile", "")), province=str(data.get("province", "")),
        qualification=str(data.get("qualification", "")), kinds=tuple(kinds),
        may_lead=data.get("may_lead") in ("1", "on", "true"),
    )  # fmt: skip


async def _panels_page(event: EventInfo, status_code: int = 200, **context: Any) -> Template:
    try:
        w = await panels.world(event.id, event.timezone)
    except NotFound as exc:
        return Template("judging/panels.html", status_code=status_code,
                        context={"event": event, "missing": exc.message, **context})  # fmt: skip
    by_session = w.panels.by_session()
    days: dict[Any, list[Any]] = {}
    rooms = dict.fromkeys((s.room_id, s.room) for s in w.programme.sessions)
    day, room = context.pop("day", None), context.pop("room", None)
    for info in w.programme.sessions:
        if (day and f"{info.day:%Y-%m-%d}" != day) or (room and info.room_id != room):
            continue  # a page per day and room when asked
        seats = [(w.judge(int(s.judge)), s.leader) for s in by_session.get(info.id, [])]
        days.setdefault(info.day, []).append((info, seats))
    return Template("judging/panels.html", status_code=status_code, context={
        "event": event, "days": days, "judges": w.judges, "version": w.programme.version,
        "panel_ids": w.panel_ids, "rooms": list(rooms), "all_days": sorted({i.day for i in w.programme.sessions}),
        **context})  # fmt: skip


class JudgeAdminPages(Controller):
    path = "/admin/judges"
    include_in_schema = False
    guards = [organiser_only]

    @get("/")
    async def roster_page(self, event: NamedDependency[EventInfo]) -> Template:
        return await _roster_page(event)

    @post("/")
    async def add(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        """One judge typed in; every wrong field shown beside it, with what was typed."""
        try:
            await roster.add_judges(event.id, [roster.checked(_typed(data))])
        except (InvalidInput, Conflict) as exc:
            return await _roster_page(event, 400 if isinstance(exc, InvalidInput) else 409,
                                      values=data, errors=errors_of(exc))  # fmt: skip
        return Redirect("/admin/judges/", status_code=303)

    @get("/template.xlsx")
    async def template(self) -> Response[bytes]:
        body = await anyio.to_thread.run_sync(roster_excel.template)
        return xlsx_download(body, "评委名单模板.xlsx")

    @post("/import")
    async def upload(
        self, event: NamedDependency[EventInfo], data: MultipartBody[dict[str, Any]]
    ) -> Template | Redirect:
        """The filled template: all rows or none, each refused row named."""
        try:
            _, body = await uploaded_file(data, "请选择填好的评委名单Excel文件")
            people = await anyio.to_thread.run_sync(roster_excel.read, body)
            await roster.add_judges(event.id, people, "judge.import")
        except DomainError as exc:
            problems = getattr(exc, "problems", None) or []
            lines = [roster_excel.located(p) for p in problems]
            return await _roster_page(event, 400, upload_errors=lines or [exc.message])
        return Redirect("/admin/judges/", status_code=303)

    @get("/panels")
    async def panels_page(
        self, event: NamedDependency[EventInfo], day: FromQuery[str | None] = None,
        room: FromQuery[int | None] = None,
    ) -> Template:  # fmt: skip
        """The panels of every session, or of one day (?day=YYYY-MM-DD) and room (?room=id)."""
        return await _panels_page(event, day=day, room=room)

    @post("/assign")
    async def assign(self, event: NamedDependency[EventInfo], data: Form) -> Template:
        """One press: the solver (in a worker thread) assigns every session's panel."""
        try:
            _, answer = await panels.solve(
                event.id, _int(data.get("seed"), 1), 10.0, event.timezone
            )
        except NotFound as exc:
            return await _panels_page(event, 404, error=exc.message)
        conflicts = [c.message for c in answer.explanation]
        return await _panels_page(event, 200 if answer.complete else 409, conflicts=conflicts,
                                  assigned=answer.complete)  # fmt: skip

    @post("/panels/{room_id:int}/{block:str}")
    async def change(
        self, event: NamedDependency[EventInfo], room_id: FromPath[int], block: FromPath[str],
        data: Form,
    ) -> Template:  # fmt: skip
        """A manual change; a refusal names the rule and the people in Chinese."""
        what = str(data.get("what", ""))
        try:
            done = await panels.change(event.id, f"{room_id}:{block}", what,
                                       _int(data.get("judge"), 0), _int(data.get("other"), 0),
                                       event.timezone)  # fmt: skip
        except Conflict as exc:
            return await _panels_page(event, 409, error=exc.message)
        return await _panels_page(event, done=done)


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default
