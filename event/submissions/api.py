"""JSON API for the attachments: send one online, upload a filled Excel template, attach the
sealed scan, read back by the private link. One POST route per attachment, typed from its spec."""

# No `from __future__ import annotations`: the handlers below are built in a loop and their
# annotations must be the real generated Struct types.

from typing import Any

import msgspec
from litestar import Request, Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, MultipartBody

from event.current import EventInfo
from event.enums import SubmissionKind, SubmissionStatus
from event.errors import InvalidInput
from event.excel import XLSX_MEDIA_TYPE, xlsx_download
from event.submissions import files
from event.submissions import service as submissions
from event.submissions.attachments import excel
from event.submissions.schemas import FORMS, SubmissionFileInfo, SubmissionView
from event.submissions.service import Receipt, attachment_of, choices_for
from event.web.error_body import ERROR_RESPONSES
from event.web.forms import uploaded_file

FileForm = MultipartBody[dict[str, Any]]  # one file part named `file`


async def _file_part(form: Any) -> tuple[str, bytes]:
    """The uploaded file's name and bytes; a form without a `file` part is a 400."""
    return await uploaded_file(form, "请在名为 file 的表单项中上传文件")


def _submit_handler(kind: str, form: type) -> Any:
    attachment = attachment_of(kind)

    async def submit(event: NamedDependency[EventInfo], data: JSONBody[form]) -> Receipt:  # type: ignore[valid-type]
        return await submissions.submit(event, kind, msgspec.structs.asdict(data))

    submit.__doc__ = f"在线填报{attachment.number}《{attachment.title}》。"
    return post(
        f"/{kind}",
        operation_id=f"submit_{kind}",
        responses=ERROR_RESPONSES,
        status_code=201,
        summary=f"{attachment.number} {attachment.title}",
    )(submit)


def _excel_handler(kind: str) -> Any:
    attachment = attachment_of(kind)

    async def upload(event: NamedDependency[EventInfo], data: FileForm) -> list[Receipt]:
        _, content = await _file_part(data)
        rows, letters = await excel.read(attachment, content)
        try:
            return await submissions.submit_many(event, kind, rows)
        except InvalidInput as exc:
            raise InvalidInput(excel.locate(exc.problems, attachment, letters)) from None

    upload.__doc__ = (
        f"上传填好的{attachment.number}Excel模板：全部行通过检查才保存，否则逐行列出问题。"
    )
    return post(
        f"/{kind}/excel",
        operation_id=f"upload_{kind}_excel",
        responses=ERROR_RESPONSES,
        status_code=201,
    )(upload)


def _template_handler(kind: str) -> Any:
    attachment = attachment_of(kind)

    async def download(event: NamedDependency[EventInfo]) -> Response[bytes]:
        return xlsx_download(
            excel.template(attachment, choices_for(event)), f"{kind}-template.xlsx"
        )

    download.__doc__ = f"下载{attachment.number}《{attachment.title}》的Excel模板。"
    return get(
        f"/templates/{kind}.xlsx",
        operation_id=f"template_{kind}",
        responses=ERROR_RESPONSES,
        media_type=XLSX_MEDIA_TYPE,
    )(download)


@get("/by-token/{token:str}", operation_id="getSubmission", responses=ERROR_RESPONSES)
async def read_submission(token: FromPath[str]) -> SubmissionView:
    """凭提交时获得的私密链接查看材料。"""
    row = await submissions.by_token(token)
    return SubmissionView(
        id=row["id"], kind=SubmissionKind(row["kind"]), kind_label=SubmissionKind(row["kind"]).label,
        organization=row["organization_name"], title=row["title"], status=SubmissionStatus(row["status"]),
        status_label=SubmissionStatus(row["status"]).label, presented=row["presented"],
        needs_verification=row["needs_verification"], verification_note=row["verification_note"],
        paper_received=row["paper_received"], data=row["data"], files=await files.files_of(row["id"]),
    )  # fmt: skip


@post(
    "/by-token/{token:str}/files",
    operation_id="uploadSealedScan",
    status_code=201,
    responses=ERROR_RESPONSES,
)
async def upload_scan(request: Request, token: FromPath[str], data: FileForm) -> SubmissionFileInfo:
    """上传盖章表格的扫描件（PDF、JPG或PNG，20MB以内）。"""
    row = await submissions.by_token(token)
    uploads = request.app.state.settings.data_dir / "uploads"
    address = request.client.host if request.client else ""
    return await files.store_file(uploads, row["id"], *await _file_part(data), address=address)


submissions_router = Router(
    path="/api/submissions",
    tags=["材料报送"],
    route_handlers=[
        *(_submit_handler(kind, form) for kind, form in FORMS.items()),
        *(_excel_handler(kind) for kind in FORMS),
        *(_template_handler(kind) for kind in FORMS),
        read_submission,
        upload_scan,
    ],
)
