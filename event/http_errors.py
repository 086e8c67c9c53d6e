"""Domain and framework errors → JSON answers with the field and a Chinese message."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.response import Redirect
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from event.errors import Conflict, DomainError, InvalidInput, NotFound
from event.web.error_pages import error_page, wants_html
from event.web.guards import current_user
from event.web.messages import translate

_STATUS = {InvalidInput: 400, Conflict: 409, NotFound: 404}
_HTTP_MESSAGES = {
    401: "请先登录",
    403: "没有权限访问",
    404: "未找到",
    405: "不支持该请求方法",
    413: "上传内容过大",
    415: "不支持的内容类型",
    429: "请求过于频繁，请稍后再试",
}


def _json(status: int, body: dict[str, Any]) -> Response:
    return Response(body | {"status_code": status}, status_code=status, media_type=MediaType.JSON)


def domain_error(request: Request, exc: DomainError) -> Response:
    status = next((s for t, s in _STATUS.items() if isinstance(exc, t)), 400)
    if wants_html(request):
        problems = exc.problems if isinstance(exc, InvalidInput) else []
        lines = [p.message for p in problems] or ([] if status == 404 else [exc.message])
        return error_page(request, status, lines)
    body: dict[str, Any] = {"code": exc.code, "message": exc.message}
    if isinstance(exc, InvalidInput):
        first = exc.problems[0]
        body |= {"field": first.field, "row": first.row, "column": first.column}
        body["errors"] = [
            {"field": p.field, "message": p.message, "row": p.row, "column": p.column}
            for p in exc.problems
        ]
    if isinstance(exc, Conflict):
        body |= {"field": exc.field, "row": exc.row, "existing_id": exc.existing_id}
    return _json(status, body)


def validation_error(request: Request, exc: ValidationException) -> Response:
    """msgspec's first structural error, in Chinese, with the field's path."""
    extra = exc.extra if isinstance(exc.extra, list) and exc.extra else [{}]
    first = extra[0] if isinstance(extra[0], dict) else {}
    key = str(first.get("key", ""))
    key = "" if key == "data" else key.removeprefix("data.")
    problem = translate(str(first.get("message", exc.detail)), key)
    if "malformed" in str(exc.detail).lower():
        problem.field, problem.message = "body", "请求内容不是有效的JSON"
    if wants_html(request):
        return error_page(request, 400, [problem.message])
    return _json(
        400,
        {"code": "invalid", "field": problem.field, "row": problem.row, "message": problem.message},
    )


def http_error(request: Request, exc: HTTPException) -> Response:
    if isinstance(exc, PermissionDeniedException) and "CSRF" in str(exc.detail):
        # A form from another site, or one kept open across a restart with a new secret.
        if wants_html(request):
            line = "页面打开太久或来源不明，表单已失效。请返回、刷新页面后重新填写提交。"
            return error_page(request, 403, [line], title="表单已失效")
        return _json(403, {"code": "csrf", "message": "表单已失效或来源不明，请刷新页面后重新提交"})
    auth = isinstance(exc, NotAuthorizedException | PermissionDeniedException)
    if auth and wants_html(request) and not _logged_in(request):
        if request.url.path == "/unit" or request.url.path.startswith("/unit/"):
            return Redirect("/unit/login")  # a unit contact signs in by a code, not a password
        return Redirect(f"/login?next={request.url.path}")
    status = exc.status_code
    if status >= HTTP_500_INTERNAL_SERVER_ERROR:
        request.logger.exception("server error")
    if wants_html(request):
        return error_page(request, status)
    message = _HTTP_MESSAGES.get(status, "请求无法处理" if status < 500 else "服务器内部错误")
    body = {"code": "http_error", "message": message, "detail": str(exc.detail)}
    if status == 400:  # the body could not be parsed at all
        body |= {
            "code": "invalid",
            "field": "body",
            "message": "请求内容无法解析，请提交有效的JSON或表单",
        }
    return _json(status, body)


def _logged_in(request: Request) -> bool:
    """Logged in (staff on an organiser page get 无权限, not the login form again)."""
    return current_user(request) is not None  # also after a guard ended the session


def unexpected_error(request: Request, exc: Exception) -> Response:
    """A bug: logged with its traceback; the caller gets a Chinese 500, never a stack trace."""
    route = request.scope.get("path_template") or "<no route>"  # never the path: private links
    request.logger.exception("unexpected error on %s %s", request.method, route)
    if wants_html(request):
        return error_page(request, 500)
    return _json(500, {"code": "server_error", "message": "服务器内部错误，请稍后再试或联系会务组"})


def malformed_body(request: Request, exc: Exception) -> Response:
    """A body no parser can read: nested past the decoder's depth, or not UTF-8 (both raised
    while decoding the request, before any handler code)."""
    message = ("请求内容嵌套层数过多，无法读取" if isinstance(exc, RecursionError)
               else "请求内容不是有效的UTF-8编码")  # fmt: skip
    if wants_html(request):
        return error_page(request, 400, [message])
    return _json(400, {"code": "malformed", "message": message, "field": None})


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    Exception: unexpected_error,
    RecursionError: malformed_body,
    UnicodeDecodeError: malformed_body,
    DomainError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
}
