"""Public pages for the attachments: online forms, Excel upload, the submission's own page."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, MultipartBody, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import Conflict, DomainError, InvalidInput
from event.excel import workbook_bytes, xlsx_download
from event.submissions import files
from event.submissions import lists as submission_lists
from event.submissions import service as submissions
from event.submissions.attachments import excel
from event.submissions.attachments.specs import ATTACHMENTS
from event.web.forms import errors_of, uploaded_file


async def _upload(
    event: EventInfo, kind: str, data: dict[str, Any], replace: frozenset[int] = frozenset()
) -> Template:
    """An Excel upload: every row stored, or the problems by row and column, or the rows this
    unit already sent (the same file twice) with how to replace them."""
    attachment = submissions.attachment_of(kind)
    context: dict[str, Any] = {"event": event, "attachment": attachment}
    try:
        _, content = await uploaded_file(data, "请选择填好的Excel文件")
        rows, letters = await excel.read(attachment, content)
        try:
            receipts = await submissions.submit_many(event, kind, rows, replace)
        except InvalidInput as exc:
            raise InvalidInput(excel.locate(exc.problems, attachment, letters)) from None
    except InvalidInput as exc:
        return Template(
            "submit/excel_result.html",
            context=context | {"problems": exc.problems},
            status_code=400,
        )
    except Conflict as exc:
        return Template(
            "submit/excel_result.html",
            context=context | {"duplicate": exc.message},
            status_code=409,
        )
    return Template("submit/excel_result.html", context=context | {"receipts": receipts})


def _form_context(
    event: EventInfo, kind: str, values: dict[str, Any], errors: dict[str, str] | None = None
) -> dict[str, Any]:
    attachment = submissions.attachment_of(kind)
    choices = submissions.choices_for(event)
    fields = [(f, choices.get(f.name) or f.choices) for f in attachment.fields]
    return {
        "event": event,
        "attachment": attachment,
        "fields": fields,
        "values": values,
        "errors": errors or {},
    }


class SubmissionPages(Controller):
    include_in_schema = False

    @get("/submit")
    async def index(self, event: NamedDependency[EventInfo]) -> Template:
        return Template(
            "submit/index.html", context={"event": event, "attachments": list(ATTACHMENTS.values())}
        )

    @get("/submit/{kind:str}")
    async def form(self, event: NamedDependency[EventInfo], kind: FromPath[str]) -> Template:
        return Template("submit/form.html", context=_form_context(event, kind, {}))

    @post("/submit/{kind:str}")
    async def send(
        self,
        event: NamedDependency[EventInfo],
        kind: FromPath[str],
        data: URLEncodedBody[dict[str, Any]],
    ) -> Template | Redirect:
        raw = {k: v for k, v in data.items() if not k.startswith("_")}
        try:
            receipt = await submissions.submit(event, kind, raw)
        except InvalidInput as exc:
            return Template(
                "submit/form.html",
                context=_form_context(event, kind, data, errors_of(exc)),
                status_code=400,
            )
        return Redirect(f"{receipt.url}?new=1", status_code=303)

    @post("/submit/{kind:str}/excel")
    async def upload(
        self,
        event: NamedDependency[EventInfo],
        kind: FromPath[str],
        data: MultipartBody[dict[str, Any]],
    ) -> Template:
        return await _upload(event, kind, data)

    @post("/s/{token:str}/excel")
    async def replace(
        self, event: NamedDependency[EventInfo], token: FromPath[str],
        data: MultipartBody[dict[str, Any]],
    ) -> Template:  # fmt: skip
        """The same unit's material of the same title uploaded again, in place of this one
        (the private link proves the right to replace it)."""
        row = await submissions.by_token(token)
        return await _upload(event, row["kind"], data, frozenset({row["id"]}))

    @get("/s/{token:str}")
    async def own(
        self, event: NamedDependency[EventInfo], token: FromPath[str], new: FromQuery[bool] = False
    ) -> Template:
        row = await submissions.by_token(token)
        context = {"event": event, "row": row, "token": token, "new": new, "fields": submission_lists.labelled(row["kind"], row["data"]),
                   "files": await files.files_of(row["id"]), "attachment": ATTACHMENTS[row["kind"]]}  # fmt: skip
        return Template("submit/own.html", context=context)

    @post("/s/{token:str}/files")
    async def attach(
        self,
        request: Request,
        event: NamedDependency[EventInfo],
        token: FromPath[str],
        data: MultipartBody[dict[str, Any]],
    ) -> Template | Redirect:
        row = await submissions.by_token(token)
        try:
            filename, content = await uploaded_file(data, "请选择盖章扫描件")
            await files.store_file(
                request.app.state.settings.data_dir / "uploads",
                row["id"],
                filename,
                content,
                address=request.client.host if request.client else "",
            )
        except DomainError as exc:
            context = {"event": event, "row": row, "token": token, "new": False, "errors": errors_of(exc),
                       "fields": submission_lists.labelled(row["kind"], row["data"]), "files": await files.files_of(row["id"]),
                       "attachment": ATTACHMENTS[row["kind"]]}  # fmt: skip
            return Template("submit/own.html", context=context, status_code=400)
        return Redirect(f"/s/{token}", status_code=303)

    @get("/s/{token:str}/summary")
    async def unit_summary(
        self,
        event: NamedDependency[EventInfo],
        token: FromPath[str],
        format: FromQuery[str] = "html",
    ) -> Template | Response[bytes]:
        row = await submissions.by_token(token)
        name, table = await submission_lists.unit_summary(
            event.id, row["organization"], only=row["id"]
        )
        if format == "xlsx":
            return xlsx_response(f"附件三-{name}", table, name)
        return Template("submit/unit_summary.html", context={"event": event, "unit": name, "table": table,
                                                             "headings": submission_lists.SUMMARY_HEADINGS, "token": token})  # fmt: skip


SUMMARY_TITLE = "附件三：推荐优秀质量管理小组、质量信得过班组成果汇总表"


def xlsx_response(title: str, table: list[tuple[Any, ...]], unit: str = "") -> Response[bytes]:
    """附件三 as a workbook (title row, the unit, a printable table), named for download (RFC
    5987 for the Chinese file name)."""
    body = workbook_bytes(
        "附件三", submission_lists.SUMMARY_HEADINGS, table, heading=SUMMARY_TITLE, unit=unit
    )
    return xlsx_download(body, f"{title}.xlsx")
