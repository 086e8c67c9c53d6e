"""The organisers' view of the material: lists, decisions on late items, verification of
nominations, paper copies of stories, per-unit overview and 附件三, participation history."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, MultipartBody, URLEncodedBody
from litestar.response import Redirect, Template

from event import audit
from event.current import EventInfo
from event.enums import SubmissionKind, SubmissionStatus
from event.errors import InvalidInput, NotFound
from event.excel import workbook_bytes, xlsx_download
from event.submissions import files, history_excel
from event.submissions import lists as submission_lists
from event.submissions import service as submissions
from event.submissions.pages import xlsx_response
from event.templating import zone
from event.web.forms import uploaded_file
from event.web.guards import organiser_only

EXPORT_HEADINGS = (
    "编号",
    "材料",
    "单位",
    "名称",
    "类别",
    "会上发表",
    "状态",
    "待核实",
    "核实说明",
    "纸质材料",
    "扫描件",
    "渠道",
    "提交时间",
)


class AdminSubmissions(Controller):
    path = "/admin"
    include_in_schema = False
    guards = [organiser_only]

    @get("/submissions")
    async def submissions_list(self, event: NamedDependency[EventInfo], kind: FromQuery[str | None] = None,
                               organization: FromQuery[str | None] = None, status: FromQuery[str | None] = None,
                               verification: FromQuery[bool] = False) -> Template:  # fmt: skip
        rows = await submission_lists.listing(
            event.id, kind=kind, organization=organization, status=status, verification=verification
        )
        filters = {
            "kind": kind or "",
            "organization": organization or "",
            "status": status or "",
            "verification": verification,
        }
        context = {"event": event, "rows": rows, "filters": filters, "totals": await submission_lists.counts(event.id),
                   "kinds": SubmissionKind.choices(), "statuses": SubmissionStatus.choices()}  # fmt: skip
        return Template("admin/submissions.html", context=context)

    @get("/submissions.xlsx")
    async def export(self, event: NamedDependency[EventInfo], kind: FromQuery[str | None] = None,
                     organization: FromQuery[str | None] = None, status: FromQuery[str | None] = None) -> Response[bytes]:  # fmt: skip
        rows = await submission_lists.listing(
            event.id, kind=kind, organization=organization, status=status
        )
        table = [(r.id, r.kind_label, r.organization, r.title, r.category, "是" if r.presented else "否", r.status_label,
                  "是" if r.needs_verification else "", r.verification_note,
                  ("已收到" if r.paper_received else "未收到") if r.kind is SubmissionKind("story") else "",
                  r.files, "Excel" if r.channel == "excel" else "在线", r.submitted_at.astimezone(zone(event.timezone))) for r in rows]  # fmt: skip
        name = f"submissions-{datetime.now(zone(event.timezone)):%Y%m%d-%H%M}.xlsx"
        body = workbook_bytes(
            "报送材料", EXPORT_HEADINGS, table, heading=f"{event.name}　报送材料汇总"
        )
        return xlsx_download(body, name)

    @get("/submissions/{submission_id:int}")
    async def detail(
        self, event: NamedDependency[EventInfo], submission_id: FromPath[int]
    ) -> Template:
        full = await submissions.by_id(event.id, submission_id)
        if full is None:
            return Template("admin/not_found.html", context={"event": event}, status_code=404)
        context = {
            "event": event,
            "row": full,
            "attachment": submissions.attachment_of(full["kind"]),
            "fields": submission_lists.labelled(full["kind"], full["data"]),
            "files": await files.files_of(submission_id),
        }
        return Template("admin/submission.html", context=context)

    @get("/submissions/{submission_id:int}/files/{file_id:int}")
    async def scan(
        self,
        request: Request,
        event: NamedDependency[EventInfo],
        submission_id: FromPath[int],
        file_id: FromPath[int],
    ) -> Response[bytes]:
        """The sealed scan as it was uploaded (from whichever server or machine received it)."""
        if await submissions.by_id(event.id, submission_id) is None:
            raise NotFound("未找到该材料")
        uploads = request.app.state.settings.data_dir / "uploads"
        name, media_type, content = await files.open_file(uploads, submission_id, file_id)
        disposition = f"inline; filename*=UTF-8''{quote(name, safe='')}"
        return Response(
            content, media_type=media_type, headers={"Content-Disposition": disposition}
        )

    @post("/submissions/{submission_id:int}/decision")
    async def decide(
        self,
        event: NamedDependency[EventInfo],
        submission_id: FromPath[int],
        data: URLEncodedBody[dict[str, Any]],
    ) -> Redirect:
        await submissions.decide_late(event, submission_id, data.get("accept") == "1")
        return Redirect(f"/admin/submissions/{submission_id}", status_code=303)

    @post("/submissions/{submission_id:int}/flags")
    async def flags(
        self,
        event: NamedDependency[EventInfo],
        submission_id: FromPath[int],
        data: URLEncodedBody[dict[str, Any]],
    ) -> Redirect:
        changes: dict[str, Any] = {}
        if "paper_received" in data:
            changes["paper_received"] = data["paper_received"] == "1"
        if "verified" in data:
            changes["needs_verification"] = data["verified"] != "1"
            changes["verification_note"] = str(data.get("note", "")).strip()[:500] or (
                "组织者已核实" if data["verified"] == "1" else ""
            )
        await submissions.set_flag(event, submission_id, **changes)
        return Redirect(f"/admin/submissions/{submission_id}", status_code=303)

    @get("/units")
    async def units(self, event: NamedDependency[EventInfo]) -> Template:
        return Template("admin/units.html", context={"event": event, "units": await submission_lists.units(event.id),
                                                     "kinds": SubmissionKind.choices()})  # fmt: skip

    @get("/units/{org_id:int}/summary")
    async def unit_summary(
        self,
        event: NamedDependency[EventInfo],
        org_id: FromPath[int],
        format: FromQuery[str] = "html",
    ) -> Template | Response[bytes]:
        name, table = await submission_lists.unit_summary(event.id, org_id)
        if format == "xlsx":
            await audit.record(event.id, "export.personal", "organization", org_id,
                               f"导出{name}附件三（{len(table)}项，含联系人手机）")  # fmt: skip
            return xlsx_response(f"附件三-{name}", table, name)
        return Template("submit/unit_summary.html", context={"event": event, "unit": name, "table": table,
                                                             "headings": submission_lists.SUMMARY_HEADINGS, "org_id": org_id})  # fmt: skip

    @get("/history")
    async def history_form(self, event: NamedDependency[EventInfo]) -> Template:
        return Template("admin/history.html", context={"event": event})

    @get("/history/template.xlsx")
    async def history_template(self) -> Response[bytes]:
        return xlsx_download(history_excel.template(), "history-template.xlsx")

    @post("/history")
    async def history_upload(
        self, event: NamedDependency[EventInfo], data: MultipartBody[dict[str, Any]]
    ) -> Template:
        try:
            _, content = await uploaded_file(data, "请选择填好的Excel文件")
            added, total = await history_excel.import_file(content)
        except InvalidInput as exc:
            return Template(
                "admin/history.html",
                context={"event": event, "problems": exc.problems},
                status_code=400,
            )
        return Template(
            "admin/history.html", context={"event": event, "added": added, "total": total}
        )
