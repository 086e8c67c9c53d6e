"""Chinese messages for the structural errors msgspec reports (type, length, choice, unknown key)."""

from __future__ import annotations

import re

from event.enums import AttendeeCategory, Gender, RoomType
from event.errors import FieldProblem

FIELD_LABELS = {
    "name": "姓名",
    "mobile": "手机号码",
    "organization": "单位名称",
    "category": "参会类别",
    "gender": "性别",
    "department": "部门",
    "position": "职务",
    "email": "电子邮箱",
    "wechat": "微信号",
    "arrival_date": "抵达日期",
    "arrival_transport": "车次或航班",
    "needs_room": "是否住宿",
    "room_type": "房型",
    "check_in": "入住日期",
    "check_out": "离店日期",
    "dietary": "饮食禁忌",
    "remarks": "备注",
    "contact_name": "联系人",
    "contact_mobile": "联系人手机",
    "contact_email": "联系人邮箱",
    "members": "代表名单",
    "postcode": "邮政编码",
    "credit_code": "统一社会信用代码",
    "username": "用户名",
    "password": "密码",
}

_CHOICES = {
    "category": AttendeeCategory,
    "gender": Gender,
    "room_type": RoomType,
}

_PATH = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_ROW = re.compile(r"^\[(\d+)\]|^members\[(\d+)\]")


def label_of(path: str) -> str:
    leaf = re.split(r"[.\[\]]", path.strip("."))
    names = [p for p in leaf if p and not p.isdigit()]
    return FIELD_LABELS.get(names[-1], names[-1]) if names else "请求内容"


def _leaf(path: str) -> str:
    names = [p for p in re.split(r"[.\[\]]", path) if p and not p.isdigit()]
    return names[-1] if names else ""


def translate(message: str, path: str = "") -> FieldProblem:
    """Turn msgspec's English message (with or without its `- at $.x` suffix) into Chinese."""
    m = _PATH.match(message)
    text, at = (m.group("msg"), m.group("path")) if m else (message, None)
    path = (at if at is not None else path).lstrip(".")
    if named := re.search(r"(?:missing required|unknown) field `([^`]+)`", text):
        path = f"{path}.{named.group(1)}" if path else named.group(1)
    label = label_of(path)
    row_match = _ROW.match(path)
    row = int(next(g for g in row_match.groups() if g)) + 1 if row_match else None
    return FieldProblem(field=path or "body", message=_chinese(text, label, path), row=row)


def _chinese(text: str, label: str, path: str) -> str:
    if found := re.search(r"missing required field `([^`]+)`", text):
        name = found.group(1)
        return f"缺少必填项：{FIELD_LABELS.get(name, name)}"
    if found := re.search(r"unknown field `([^`]+)`", text):
        return f"不支持的字段：{found.group(1)}"
    if found := re.search(r"length >= (\d+)", text):
        return f"{label}不能为空" if found.group(1) == "1" else f"{label}至少需要{found.group(1)}项"
    if found := re.search(r"length <= (\d+)", text):
        return f"{label}不能超过{found.group(1)}个字符"
    if "Invalid enum value" in text:
        choices = _CHOICES.get(_leaf(path))
        allowed = "、".join(c.value for c in choices) if choices else ""
        return f"{label}的取值无效" + (f"，可选：{allowed}" if allowed else "")
    if "Invalid RFC3339" in text or "`date`" in text:
        return f"{label}应为日期，格式如 2021-08-18"
    if "`bool`" in text:
        return f"{label}应为是或否（true/false）"
    if "`int`" in text:
        return f"{label}应为整数"
    if "`str`" in text:
        return f"{label}应为文本"
    if "`object`" in text or "`array`" in text:
        return f"{label}的格式不正确"
    if "malformed" in text.lower():
        return "请求内容不是有效的JSON"
    return f"{label}的格式不正确"
