"""A judge's own pages by their private link /j/{token}: today's running order of their room(s)
and one score sheet per presentation (submitting locks it). Works without JavaScript; a small
script keeps a running total."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import Conflict, InvalidInput, NotFound
from event.judging import board, roster, scoring
from event.programme.render.dates import zone
from event.web.forms import errors_of

Form = URLEncodedBody[dict[str, Any]]


async def _judge(token: str) -> roster.JudgeView:
    judge = await roster.by_token(token)
    if judge is None:
        raise NotFound("链接无效")
    return judge


async def _page(
    event: EventInfo, judge: roster.JudgeView, token: str, code: str,
    form: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
    status_code: int = 200, message: str = "",
) -> Template:  # fmt: skip
    mine = await board.boards(event.id, event.timezone, judge.id)
    found = next((p for b in mine if (p := board.sheet_page(b, code, judge.id)) is not None), None)
    if found is None:
        await scoring.place(event.id, code, None)  # NotFound (404) when nobody hears it
        return Template("judging/not_yours.html", status_code=403,
                        context={"event": event, "judge": judge, "token": token, "code": code})  # fmt: skip
    context = {"event": event, "judge": judge, "token": token, "page": found, "errors": errors or {},
               "values": board.values(found, form), "message": message}  # fmt: skip
    return Template("judging/sheet.html", context=context, status_code=status_code)


class JudgePages(Controller):
    path = "/j/{token:str}"
    include_in_schema = False

    @get("/")
    async def home(self, event: NamedDependency[EventInfo], token: FromPath[str]) -> Template:
        """The judge's sessions, today's first, each with its running order and progress."""
        judge = await _judge(token)
        today = datetime.now(zone(event.timezone)).date()
        mine = board.today_first(await board.boards(event.id, event.timezone, judge.id), today)
        return Template("judging/judge.html", context={
            "event": event, "judge": judge, "token": token, "boards": mine, "today": today})  # fmt: skip

    @get("/p/{code:str}")
    async def sheet(
        self, event: NamedDependency[EventInfo], token: FromPath[str], code: FromPath[str]
    ) -> Template:
        return await _page(event, await _judge(token), token, code)

    @post("/p/{code:str}")
    async def submit(
        self, request: Request, event: NamedDependency[EventInfo], token: FromPath[str],
        code: FromPath[str], data: Form,
    ) -> Template | Redirect:  # fmt: skip
        """Store and lock the sheet; refusals (not theirs, locked, closed, a wrong mark) shown
        on the sheet with what was typed."""
        try:  # the judge is found by the statement that finds the seat (404 for a bad link)
            await scoring.submit_by_link(event.id, token, code, data)
        except scoring.NotYours:
            return await _page(event, await _judge(token), token, code)
        except InvalidInput as exc:
            return await _page(event, await _judge(token), token, code, data, errors_of(exc), 400)
        except Conflict as exc:
            return await _page(event, await _judge(token), token, code, None, {}, 409, exc.message)
        return Redirect(f"/j/{token}/p/{code}", status_code=303)
