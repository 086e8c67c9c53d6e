"""The draft schedule: solve (off the event loop, with progress), look, and change by hand."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Litestar, Request, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import Conflict, InvalidInput, NotFound
from event.programme.schedule import drafts, edits, venues, views
from event.programme.schedule.runs import SolveRun, SolveRuns
from event.programme.venue_pages import author
from event.web.error_body import ERROR_RESPONSES
from event.web.guards import organiser_only
from scheduling.io import schedule_to_dict

Form = URLEncodedBody[dict[str, Any]]


def _runs(state: State) -> SolveRuns:
    """This app's solves (made on first use; no await in between, so only one is made)."""
    if "schedule_runs" not in state:
        state["schedule_runs"] = SolveRuns()
    return state["schedule_runs"]


async def hand_back_runs(app: Litestar) -> None:
    """on_shutdown: hand back this server's running solves (see SolveRuns.hand_back)."""
    if "schedule_runs" in app.state:
        await app.state["schedule_runs"].hand_back()


def _number(data: dict[str, Any], key: str, default: float, low: float, high: float) -> float:
    text = str(data.get(key) or "").strip()
    try:
        value = float(text) if text else default
    except ValueError:
        raise InvalidInput.one(key, "请填写数字") from None
    if not low <= value <= high:
        raise InvalidInput.one(key, f"应在 {low:g} 到 {high:g} 之间")
    return value


class ScheduleApi(Controller):
    path = "/api/admin/schedule"
    tags = ["日程编排"]
    guards = [organiser_only]

    @get("/progress", operation_id="getSolveProgress", responses=ERROR_RESPONSES)
    async def progress(self, state: State, event: NamedDependency[EventInfo]) -> SolveRun | None:
        """当前（或最近一次）排程的进度；从未排程时为 null。"""
        return await _runs(state).status(event.id)

    @get("/draft", operation_id="getDraftSchedule", responses=ERROR_RESPONSES)
    async def draft(self, event: NamedDependency[EventInfo]) -> dict[str, Any]:
        """日程草稿（SCHEDULING.md 的输出格式）与抽签种子。"""
        row = await drafts.draft_row(event.id)
        if row is None:
            raise NotFound("尚无日程草稿，请先排程")
        schedule = drafts.as_schedule(row, await drafts.assignment_rows(row["id"]))
        return schedule_to_dict(schedule) | {"seed": row["seed"], "explanation": row["explanation"]}


class SchedulePages(Controller):
    path = "/admin/schedule"
    include_in_schema = False
    guards = [organiser_only]

    async def _page(
        self, state: State, event: EventInfo, status: int = 200, **extra: Any
    ) -> Template:
        draft = await views.draft(event.id)
        context = {
            "event": event, "draft": draft, "run": await _runs(state).status(event.id),
            "items": await views.items(event.id), "rooms": await venues.rooms(event.id),
            "blocks": await venues.blocks(event.id), "values": {}, "errors": {}, "violations": [],
            "problem": None, "seed": draft.seed if draft else 1,
        } | extra  # fmt: skip
        return Template("admin/schedule.html", context=context, status_code=status)

    @get("/")
    async def page(self, state: State, event: NamedDependency[EventInfo]) -> Template:
        return await self._page(state, event)

    @post("/solve")
    async def solve(
        self, state: State, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        try:
            seed = int(_number(data, "seed", 1, 0, 2**31 - 1))
            limit = _number(data, "time_limit", 30, 1, 600)
            await _runs(state).start(event, seed=seed, time_limit=limit)
        except InvalidInput as exc:
            errors = {p.field: p.message for p in exc.problems}
            return await self._page(state, event, 400, values=data, errors=errors)
        except Conflict as exc:
            return await self._page(state, event, 409, values=data, problem=exc.message)
        return Redirect("/admin/schedule", status_code=303)

    async def _edit(
        self, state: State, event: EventInfo, data: dict[str, Any], change: Any
    ) -> Template | Redirect:
        try:
            await change
        except edits.EditRefused as exc:
            return await self._page(
                state, event, 409, values=data, problem=exc.message, violations=exc.violations
            )
        except (InvalidInput, NotFound) as exc:
            return await self._page(state, event, 400, values=data, problem=exc.message)
        return Redirect("/admin/schedule?changed=1", status_code=303)

    @post("/move")
    async def move(
        self, request: Request, state: State, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        room = str(data.get("room") or "")
        change = edits.move(event, str(data.get("presentation") or ""), int(room) if room.isdigit() else 0,
                            str(data.get("block") or ""), author(request))  # fmt: skip
        return await self._edit(state, event, data, change)

    @post("/swap")
    async def swap(
        self, request: Request, state: State, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        change = edits.swap(
            event, str(data.get("first") or ""), str(data.get("second") or ""), author(request)
        )
        return await self._edit(state, event, data, change)
