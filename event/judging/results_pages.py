"""Organisers' results: scores, rankings per room and kind, grades by the rule they set, best
per room, the shortlist; the .xlsx, the award list and certificates PDF, the judges' 评委证."""

from __future__ import annotations

import hashlib
from typing import Any, Literal

import anyio.to_thread
from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import InvalidInput, NotFound
from event.excel import xlsx_download
from event.judging import awards, board, documents, roster
from event.judging.results import GRADES, TIE_RULES
from event.web.forms import errors_of
from event.web.guards import organiser_only
from scheduling.panels.model import KIND_LABELS

Form = URLEncodedBody[dict[str, Any]]
PDF = "application/pdf"


def _pdf(body: bytes, filename: str) -> Response[bytes]:
    return Response(body, media_type=PDF, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})  # fmt: skip


async def _page(event: EventInfo, status_code: int = 200, **context: Any) -> Template:
    res = await awards.compute(event.id, event.timezone)
    return Template("judging/results.html", status_code=status_code, context={
        "event": event, "res": res, "kinds": KIND_LABELS, "modes": awards.MODES, "grades": GRADES,
        "tie_rules": TIE_RULES, "errors": {}, "values": {}, **context})  # fmt: skip


class ResultPages(Controller):
    path = "/admin/judging"
    include_in_schema = False
    guards = [organiser_only]

    @get("/results")
    async def results(self, event: NamedDependency[EventInfo]) -> Template:
        return await _page(event)

    @post("/grades/{kind:str}")
    async def grades(
        self, event: NamedDependency[EventInfo], kind: FromPath[str], data: Form
    ) -> Template | Redirect:
        """How a kind is graded: thresholds (lowest mean per grade) or quotas (how many)."""
        try:
            await awards.set_rule(event.id, kind, data)
        except InvalidInput as exc:
            return await _page(event, 400, errors={kind: errors_of(exc)}, values={kind: data})
        return Redirect("/admin/judging/results", status_code=303)

    @post("/tie-rule")
    async def tie_rule(self, event: NamedDependency[EventInfo], data: Form) -> Template | Redirect:
        """How equal means are ordered: one rule of results.TIE_RULES for the event."""
        try:
            await awards.set_tie_rule(event.id, data)
        except InvalidInput as exc:
            return await _page(event, 400, errors=errors_of(exc), values=data)
        return Redirect("/admin/judging/results", status_code=303)

    @get("/results.xlsx")
    async def results_xlsx(self, event: NamedDependency[EventInfo]) -> Response[bytes]:
        res = await awards.compute(event.id, event.timezone)
        return xlsx_download(
            await anyio.to_thread.run_sync(documents.results_xlsx, res), "评分结果.xlsx"
        )

    @get("/awards.pdf")
    async def award_list(
        self,
        event: NamedDependency[EventInfo],
        order: FromQuery[Literal["unit", "strokes"]] = "unit",
    ) -> Response[bytes]:
        """获奖名单 (排名不分先后), by unit or by the presenter's 姓氏笔画."""
        res = await awards.compute(event.id, event.timezone)
        body = await anyio.to_thread.run_sync(
            documents.award_list_pdf, event.name, documents.award_list(res, order), res.tie_label
        )
        return _pdf(body, f"awards-{order}.pdf")

    @get("/certificates.pdf")
    async def certificates(self, event: NamedDependency[EventInfo]) -> Response[bytes]:
        """奖状: one A4 landscape page per awarded group, one PDF for all."""
        found = documents.award_list(await awards.compute(event.id, event.timezone))
        if not found:
            raise NotFound("尚无获奖成果，请先设置评奖规则")
        body = await anyio.to_thread.run_sync(
            documents.certificates_pdf, event.name, list(event.organisers), found, event.ends_on
        )
        return _pdf(body, "certificates.pdf")

    @get("/judge-badges.pdf")
    async def judge_badges(
        self, event: NamedDependency[EventInfo],
        layout: FromQuery[Literal["a6", "card", "a4-4up"]] = "a6",
    ) -> Response[bytes]:  # fmt: skip
        """评委证 through the badge renderer (role judge: its own band), with each judge's rooms."""
        from badges.model import Badge
        from event.printing import render

        judges = await roster.judges(event.id)
        if not judges:
            raise NotFound("评委名单为空")
        lines: dict[int, list[str]] = {}
        for b in await board.boards(event.id, event.timezone):
            for m in b.members:
                lines.setdefault(m.id, []).append(
                    f"{b.info.room} {b.info.day.month}月{b.info.day.day}日 {b.info.start}"
                )
        made = [Badge(f"J{n:03d}", j.name, j.unit, "judge", "", _opaque(j.token), tuple(lines.get(j.id, ())))
                for n, j in enumerate(judges, start=1)]  # fmt: skip
        return _pdf(await render(made, event, layout), f"judge-badges-{layout}.pdf")


def _opaque(token: str) -> str:
    """The QR code's value: derived from the private link, opens nothing and reveals nothing."""
    return hashlib.sha256(f"judge-badge:{token}".encode()).hexdigest()[:32]
