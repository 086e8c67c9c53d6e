"""The audit log, and the domain events it carries.

Every change a person makes is recorded with who made it and a stable action code (below, each
beside its Chinese label). The actor comes from the request (or the command line) through a
context variable, so services record without threading a user through every call.

Each entry is also a domain event. Subscribers registered with `on(code)` run inside the
transaction that makes the change (a message queued there is rolled back with it); after a
request succeeds, its entries are emitted through Litestar's event emitter (`app.emit(code,
entry)`) to any `@listener(code)` the wings register.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

import msgspec
from msgspec import Struct
from piccolo.custom_types import Combinable

from event.tables import AuditEntry

ACTIONS: dict[str, str] = {
    "registration.create": "登记",
    "registration.update": "修改登记",
    "registration.cancel": "取消登记",
    "registration.reinstate": "恢复登记",
    "delegation.create": "集体登记",
    "submission.create": "报送材料",
    "submission.replace": "以Excel替换报送材料",
    "submission.accept": "接受逾期材料",
    "submission.reject": "不接受逾期材料",
    "submission.flag": "标记材料",
    "submission.file": "上传盖章扫描件",
    "history.import": "导入参加记录",
    "settings.update": "修改会议设置",
    "settings.quota": "修改名额",
    "venue.update": "修改会场与时段",
    "schedule.draft": "生成日程草案",
    "schedule.pin": "固定",
    "schedule.unpin": "取消固定",
    "schedule.move": "移动",
    "schedule.swap": "交换",
    "schedule.unavailable": "设置不可用时段",
    "schedule.publish": "发布日程",
    "agenda_item.create": "新增大会议程",
    "agenda_item.update": "修改大会议程",
    "agenda_item.cancel": "取消大会议程",
    "checkin.arrive": "报到",
    "badge.print": "打印代表证",
    "export.personal": "导出个人信息",
    "account.create": "新建账号",
    "link.recover": "找回个人链接",
    "message.resend": "重发消息",
    "message.broadcast": "群发消息",
    "message.preference": "修改消息订阅",
    "message.remind": "会前提醒",
    "judge.create": "新增评委",
    "judge.import": "导入评委名单",
    "panel.assign": "分配评委组",
    "panel.edit": "调整评委组",
    "score.submit": "提交评分表",
    "score.correct": "更正评分表",
    "room.close": "结束本场评分",
    "grades.set": "设置评奖规则",
    "rubric.set": "修改评分表",
    "rubric.reset": "恢复默认评分表",
    "tie_rule.set": "设置同分排序规则",
    "unit_contact.create": "新建单位联系人",
    "unit_contact.claim": "申请成为单位联系人",
    "unit_contact.approve": "批准单位联系人",
    "unit_contact.refuse": "拒绝单位联系人申请",
    "unit_contact.disable": "停用单位联系人",
    "unit_contact.code": "发送单位登录验证码",
    "unit_contact.signin": "单位联系人登录",
    "unit.merge": "合并单位",
}

ACTOR: ContextVar[str] = ContextVar("qcconf_actor", default="系统")
# Entries recorded while serving the current request, emitted once it has succeeded.
PENDING: ContextVar[list[tuple[str, AuditView]] | None] = ContextVar("qcconf_pending", default=None)
Handler = Callable[["AuditView", int | None], Awaitable[None]]
_SUBSCRIBERS: dict[str, list[Handler]] = {}


def set_actor(actor: str) -> None:
    ACTOR.set(actor)


def actor() -> str:
    """Who is acting now, as stored."""
    return ACTOR.get()[:100]


def on(*codes: str) -> Callable[[Handler], Handler]:
    """Register a subscriber that runs inside the transaction of each change with these codes."""

    def register(handler: Handler) -> Handler:
        for code in codes:
            if code not in ACTIONS:
                raise ValueError(f"unknown audit action {code!r}")
            _SUBSCRIBERS.setdefault(code, []).append(handler)
        return handler

    return register


async def record(event_id: int | None, action: str, entity: str, entity_id: object, summary: str,
                 detail: dict[str, Any] | None = None) -> None:  # fmt: skip
    """Write one entry with its stable action code; call it inside the transaction that makes
    the change. Subscribers of the code run here too."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = _entry(action, entity, entity_id, summary, detail)
    await AuditEntry.insert(AuditEntry(event=event_id, **_columns(entry)))
    await _emit(entry, event_id)


def subscribed(action: str) -> bool:
    """Whether any subscriber waits for this code (a writer may then need a transaction)."""
    return bool(_SUBSCRIBERS.get(action))


async def notify(event_id: int | None, action: str, entity: str, entity_id: object,
                 summary: str, detail: dict[str, Any] | None = None) -> None:  # fmt: skip
    """As record, for a writer that stored the entry itself (the one-statement registration on
    PostgreSQL): runs the subscribers inside the caller's transaction, emits after the request."""
    await _emit(_entry(action, entity, entity_id, summary, detail), event_id)


def _entry(action: str, entity: str, entity_id: object, summary: str,
           detail: dict[str, Any] | None) -> AuditView:  # fmt: skip
    return AuditView(
        at=datetime.now(UTC), actor=actor(), action=action, entity=entity[:30],
        entity_id=str(entity_id)[:40], summary=summary[:500], detail=detail or {},
    )  # fmt: skip


async def _emit(entry: AuditView, event_id: int | None) -> None:
    for handler in _SUBSCRIBERS.get(entry.action, ()):
        await handler(entry, event_id)
    pending = PENDING.get()
    if pending is not None:
        pending.append((entry.action, entry))


def _columns(entry: AuditView) -> dict[str, Any]:
    return msgspec.structs.asdict(entry)


class AuditView(Struct, kw_only=True):
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    summary: str
    detail: dict[str, Any] = {}

    @property
    def label(self) -> str:
        """The action in Chinese (older entries stored the label itself)."""
        return ACTIONS.get(self.action, self.action)


async def latest(
    event_id: int,
    *,
    entity: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    limit: int = 300,
    entity_id: str | None = None,
) -> list[AuditView]:
    """The newest entries of the event, filtered by entity (and one of its ids), actor (a part
    of it) or action code."""
    where: Combinable = AuditEntry.event == event_id
    if entity:
        where &= AuditEntry.entity == entity
    if entity_id is not None:
        where &= AuditEntry.entity_id == entity_id
    if action:
        where &= AuditEntry.action == action
    if actor:
        where &= AuditEntry.actor.like(f"%{actor.replace('%', '')}%")
    rows = await AuditEntry.select(
        AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.summary, AuditEntry.detail
    ).where(where).order_by(AuditEntry.id, ascending=False).limit(limit).output(load_json=True)  # fmt: skip
    return [AuditView(**r) for r in rows]


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that differ (values made JSON-friendly)."""
    plain = lambda v: v.isoformat() if hasattr(v, "isoformat") else getattr(v, "value", v)  # noqa: E731
    return {
        k: [plain(before.get(k)), plain(v)]
        for k, v in after.items()
        if plain(before.get(k)) != plain(v)
    }
