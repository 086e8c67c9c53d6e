"""The unit contact's page: the delegation made through its private link (/d/{token}); the same
as a workbook."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from event import audit
from event.current import EventInfo
from event.excel import XLSX_MEDIA_TYPE, sheets_bytes
from event.registration import delegations
from event.templating import BEIJING

PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


class UnitPages(Controller):
    path = "/d"
    include_in_schema = False

    @get("/{token:str}")
    async def delegation(self, event: NamedDependency[EventInfo], token: FromPath[str]) -> Template:
        view = await delegations.by_token(token)
        context = {"event": event, "d": view, "token": token}
        return Template("unit/delegation.html", context=context, headers=PRIVATE)

    @get("/{token:str}/delegation.xlsx")
    async def workbook(
        self, request: Request, event: NamedDependency[EventInfo], token: FromPath[str]
    ) -> Response[bytes]:
        view = await delegations.by_token(token)
        base = f"{request.url.scheme}://{request.url.netloc}"
        body = sheets_bytes(
            [("参会代表", delegations.MEMBER_HEADINGS, delegations.member_rows(view, base))]
        )
        await audit.record(event.id, "export.personal", "delegation", view.id,
                           f"单位联系人导出集体登记名单（{len(view.members)}人）")  # fmt: skip
        title = f"{view.organization}-集体登记-{datetime.now(BEIJING):%Y%m%d}"
        disposition = (
            f"attachment; filename=\"delegation.xlsx\"; filename*=UTF-8''{quote(title)}.xlsx"
        )
        return Response(body, media_type=XLSX_MEDIA_TYPE,
                        headers={"Content-Disposition": disposition, **PRIVATE})  # fmt: skip
