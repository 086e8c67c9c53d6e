"""Errors as a browser shows them: a Chinese page with what happened and a way back.

`event/http_errors.py` answers JSON to programs (anything under /api/, or a client that does not
ask for HTML) and hands browsers to `error_page`."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.response import Template

from event.web.guards import current_user

TITLES = {
    400: ("请求有误", "提交的内容无法处理，请返回检查后重试。"),
    401: ("请先登录", "该页面需要登录后使用。"),
    403: ("无权限", "您的账号无权打开此页面。如需使用，请联系会务组的组织者。"),
    404: ("页面不存在", "该链接不存在或已失效。从微信、短信复制的链接请确认完整，末尾没有缺字。"),
    405: ("无法处理该请求", "该页面不接受这种提交方式，请从页面上的按钮操作。"),
    409: ("无法完成", "该操作与已有记录冲突。"),
    413: ("文件过大", "上传的文件过大：盖章扫描件不超过20MB，Excel表格不超过25MB。"),
    415: ("无法处理该请求", "提交的内容类型不受支持，请从页面上的表单提交。"),
    429: ("请求过于频繁", "提交次数过多，请稍等一分钟后再试。"),
    500: ("服务器出错了", "服务器暂时无法完成这一操作，请稍后再试；如仍有问题请联系会务组。"),
}


def wants_html(request: Request) -> bool:
    """A browser page (it asks for HTML), not a program or the JSON API."""
    path = request.url.path
    if path.startswith(("/api/", "/schema")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _ways_back(request: Request) -> list[tuple[str, str]]:
    """Where this person can go on from here, besides the home page."""
    session = request.scope.get("session")
    user = current_user(request) if isinstance(session, dict) else None
    if user and user.get("role") == "organiser":
        return [("/admin", "返回组织者后台")]
    if user:
        return [("/desk", "返回报到台"), ("/admin/registrations", "登记名单")]
    referer = request.headers.get("referer", "")
    origin = f"{request.url.scheme}://{request.url.netloc}/"
    if referer.startswith(origin) and referer != str(request.url):
        return [("/" + referer.removeprefix(origin), "返回上一页")]
    return []


def error_page(
    request: Request, status: int, lines: list[str] | None = None, title: str | None = None
) -> Template:
    """The page for `status`; `lines` say what went wrong when the default says too little."""
    default_title, default_line = TITLES.get(status, TITLES[500 if status >= 500 else 400])
    # base.html reads the session; a request that matched no route never went through it.
    request.scope.setdefault("session", {})  # type: ignore[typeddict-item]
    context: dict[str, Any] = {
        "title": title or default_title,
        "lines": lines or [default_line],
        "ways_back": _ways_back(request),
        "event": None,
    }
    return Template("error.html", context=context, status_code=status)
