"""Organisers' rubric pages: the event's score sheet of each kind (parts, items, maxima, the
part and total points) and the form that edits one kind until its scoring opens."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import Conflict, InvalidInput, NotFound
from event.judging import rubric_edit, rubrics
from event.judging.rubrics import PART_NAMES, PARTS
from event.web.forms import errors_of
from event.web.guards import organiser_only
from scheduling.panels.model import KIND_LABELS

Form = URLEncodedBody[dict[str, Any]]


def _kind(kind: str) -> str:
    if kind not in PARTS:
        raise NotFound("没有这个发表类别")
    return kind


async def _edit_page(
    event: EventInfo, kind: str, rows: list[rubric_edit.Row] | None = None,
    status_code: int = 200, errors: dict[str, str] | None = None,
) -> Template:  # fmt: skip
    rubric = (await rubrics.for_event(event.id))[kind]
    rows = rows if rows is not None else rubric_edit.rows_from(rubric)
    return Template("judging/rubric_edit.html", status_code=status_code, context={
        "event": event, "kind": kind, "label": KIND_LABELS[kind], "rubric": rubric, "rows": rows,
        "parts": {p: PART_NAMES[p] for p in PARTS[kind]}, "sums": rubric_edit.part_sums(kind, rows),
        "opened": await rubric_edit.opened(event.id, kind), "errors": errors or {}})  # fmt: skip


class RubricPages(Controller):
    path = "/admin/judging/rubrics"
    include_in_schema = False
    guards = [organiser_only]

    @get("/")
    async def overview(
        self, event: NamedDependency[EventInfo], saved: FromQuery[str | None] = None
    ) -> Template:
        """Each kind's rubric in force, whether it is the default and whether scoring opened."""
        in_force = await rubrics.for_event(event.id)
        kinds = [(k, KIND_LABELS[k], in_force[k], in_force[k] != rubrics.default_rubric(k),
                  await rubric_edit.opened(event.id, k)) for k in PARTS]  # fmt: skip
        return Template("judging/rubrics.html", context={
            "event": event, "kinds": kinds, "saved": KIND_LABELS.get(saved or "", "")})  # fmt: skip

    @get("/{kind:str}")
    async def edit(self, event: NamedDependency[EventInfo], kind: FromPath[str]) -> Template:
        return await _edit_page(event, _kind(kind))

    @post("/{kind:str}")
    async def save(
        self, event: NamedDependency[EventInfo], kind: FromPath[str], data: Form
    ) -> Template | Redirect:
        """Store the edited rubric; every wrong field named at once, or the refusal once
        scoring opened, with what was typed kept."""
        try:
            await rubric_edit.save(event.id, _kind(kind), data)
        except (InvalidInput, Conflict) as exc:
            return await _edit_page(event, kind, rubric_edit.rows_of(data),
                                    400 if isinstance(exc, InvalidInput) else 409, errors_of(exc))  # fmt: skip
        return Redirect(f"/admin/judging/rubrics/?saved={kind}", status_code=303)

    @post("/{kind:str}/reset")
    async def reset(
        self, event: NamedDependency[EventInfo], kind: FromPath[str]
    ) -> Template | Redirect:
        """Back to the default rubric of the kind (refused once scoring opened)."""
        try:
            await rubric_edit.reset(event.id, _kind(kind))
        except Conflict as exc:
            return await _edit_page(event, kind, None, 409, errors_of(exc))
        return Redirect(f"/admin/judging/rubrics/?saved={kind}", status_code=303)
