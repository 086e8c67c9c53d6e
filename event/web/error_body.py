"""The error body every JSON route answers with, documented in the OpenAPI document."""

from __future__ import annotations

from litestar.openapi import ResponseSpec
from msgspec import Struct


class ErrorItem(Struct, kw_only=True):
    field: str
    message: str
    row: int | None = None
    column: str | None = None


class ErrorBody(Struct, kw_only=True):
    """`message` is Chinese, for people; `code` and `field` are stable, for programs."""

    status_code: int
    code: str
    message: str
    field: str | None = None
    row: int | None = None
    column: str | None = None
    existing_id: int | None = None
    errors: list[ErrorItem] | None = None
    detail: str | None = None


def _spec(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=ErrorBody, description=description, generate_examples=False)


ERROR_RESPONSES = {
    400: _spec("输入有误：field 指出哪一项，message 说明原因（中文）"),
    401: _spec("需要登录"),
    403: _spec("没有权限"),
    404: _spec("未找到"),
    405: _spec("不支持该请求方法"),
    409: _spec("与已有数据冲突：重复登记、名额已满、报名已截止等"),
    413: _spec("上传内容过大"),
    415: _spec("不支持的内容类型"),
    429: _spec("请求过于频繁"),
}
