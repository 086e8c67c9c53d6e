"""The draft schedule: solve (off the event loop, with progress), look, and change by hand."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from litestar import Controller, Litestar, Request, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import Conflict, InvalidInput, NotFound
from event.programme.schedule import drafts, edits, refusals, venues, views
from event.programme.schedule.runs import SolveRun, SolveRuns
from event.programme.venue_pages import author
from event.web.error_body import ERROR_RESPONSES
from event.web.forms import FormStruct, errors_of, form_to_struct, rule
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


class SolveForm(FormStruct, kw_only=True):
    """The solve button's settings: the draw's seed and the solver's time limit."""

    seed: Annotated[int, rule("抽签种子应为 0 到 2147483647 之间的整数", ge=0, le=2**31 - 1)] = 1
    time_limit: Annotated[float, rule("时限应为 1 到 600 之间的秒数", ge=1, le=600)] = 30


Code = Annotated[str, rule("请选择发表", min_length=1, max_length=30)]


class MoveForm(FormStruct, kw_only=True):
    """Move one presentation to (room, block)."""

    presentation: Code
    room: Annotated[int, rule("请选择本次会议的分会场", ge=1)]
    block: Annotated[str, rule("请选择本次会议的时段", min_length=1, max_length=30)]


class SwapForm(FormStruct, kw_only=True):
    """Exchange the places of two presentations."""

    first: Code
    second: Code


class SessionForm(FormStruct, kw_only=True):
    """Move the session at (room, block) to (to_room, to_block); a session there changes places."""

    room: Annotated[int, rule("请选择要移动的场次", ge=1)]
    block: Annotated[str, rule("请选择要移动的场次", min_length=1, max_length=30)]
    to_room: Annotated[int, rule("请选择目标分会场", ge=1)]
    to_block: Annotated[str, rule("请选择目标时段", min_length=1, max_length=30)]


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
        context = await _grid(event) | {
            "run": await _runs(state).status(event.id), "values": {}, "errors": {},
            "violations": [], "problem": None,
        } | extra  # fmt: skip
        context.setdefault("seed", context["draft"].seed if context["draft"] else 1)
        return Template("admin/schedule.html", context=context, status_code=status)

    @get("/items/{code:str}")
    async def item(self, event: NamedDependency[EventInfo], code: FromPath[str]) -> Template:
        """Where one presentation can go: every cell to move it to, the items to swap with."""
        context = await _grid(event)
        item = next((i for i in await views.items(event.id) if i.code == code), None)
        if item is None or context["draft"] is None:
            raise NotFound("未找到这项发表，或尚无日程草稿")
        placed = _placed(context["draft"])
        peers = [p for p in placed.values() if p[2].item.category == item.category
                 and p[2].item.kind_label == item.kind_label and p[2].item.code != code]  # fmt: skip
        context |= {"item": item, "here": placed.get(code), "peers": peers}
        return Template("admin/schedule_item.html", context=context)

    @get("/sessions/{room_id:int}/{block:str}")
    async def session(
        self, event: NamedDependency[EventInfo], room_id: FromPath[int], block: FromPath[str]
    ) -> Template:
        """Where one session can go: every other cell (a session there changes places)."""
        context = await _grid(event)
        draft = context["draft"]
        sessions = (
            [s for bs in draft.blocks if bs.block.code == block for s in bs.sessions]
            if draft
            else []
        )
        session = next((s for s in sessions if s.room.id == room_id), None)
        if session is None:
            raise NotFound("此分会场和时段没有安排发表")
        context |= {
            "session": session,
            "block": next(b for b in context["blocks"] if b.code == block),
        }
        return Template("admin/schedule_session.html", context=context)

    @get("/")
    async def page(self, state: State, event: NamedDependency[EventInfo]) -> Template:
        return await self._page(state, event)

    @post("/solve")
    async def solve(
        self, state: State, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        try:
            form = form_to_struct(data, SolveForm)
            await _runs(state).start(event, seed=form.seed, time_limit=form.time_limit)
        except InvalidInput as exc:
            return await self._page(state, event, 400, values=data, errors=errors_of(exc))
        except Conflict as exc:
            return await self._page(state, event, 409, values=data, problem=exc.message)
        return Redirect("/admin/schedule", status_code=303)

    async def _edit(
        self,
        state: State,
        event: EventInfo,
        data: dict[str, Any],
        change: Callable[[], Awaitable[None]],
    ) -> Template | Redirect:
        try:
            await change()
        except edits.EditRefused as exc:
            return await self._page(
                state, event, 409, values=data, problem=exc.message, violations=exc.violations
            )
        except (InvalidInput, NotFound) as exc:
            return await self._page(
                state, event, 400, values=data, problem=exc.message, errors=errors_of(exc)
            )
        return Redirect("/admin/schedule?changed=1", status_code=303)

    @post("/move")
    async def move(
        self, request: Request, state: State, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        async def change() -> None:
            form = form_to_struct(data, MoveForm)
            await edits.move(event, form.presentation, form.room, form.block, author(request))

        return await self._edit(state, event, data, change)

    @post("/swap")
    async def swap(
        self, request: Request, state: State, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        async def change() -> None:
            form = form_to_struct(data, SwapForm)
            await edits.swap(event, form.first, form.second, author(request))

        return await self._edit(state, event, data, change)

    @post("/session")
    async def move_session(
        self, request: Request, state: State, event: NamedDependency[EventInfo], data: Form
    ) -> Template | Redirect:
        async def change() -> None:
            form = form_to_struct(data, SessionForm)
            await edits.move_session(event, form.room, form.block, form.to_room, form.to_block,
                                     author(request))  # fmt: skip

        return await self._edit(state, event, data, change)


async def _grid(event: EventInfo) -> dict[str, Any]:
    """What every schedule page shows: the draft as rooms × blocks, and the blocks' times."""
    block_list = await venues.blocks(event.id)
    room_list = await venues.rooms(event.id)
    names = {r.ref: r.name for r in room_list} | {b.code: b.when for b in block_list}
    draft = await views.draft(event.id)
    if draft is not None:  # the solver's reasons name people, rooms and blocks by their ids
        say = await refusals.translator(event.id)
        draft.explanation = [say(line) for line in draft.explanation]
        draft.unscheduled = [u | {"reason": say(u["reason"])} for u in draft.unscheduled]
    return {"event": event, "draft": draft, "rooms": room_list,
            "blocks": block_list, "when": {b.code: b.when for b in block_list},
            "names": names}  # fmt: skip


def _placed(draft: views.Draft) -> dict[str, tuple[Any, Any, views.Placed]]:
    """Each placed presentation's (block, session, place)."""
    return {p.item.code: (bs.block, s, p) for bs in draft.blocks for s in bs.sessions
            for p in s.items}  # fmt: skip
