"""The roster of judges (评委): by hand or from the Excel template; each with a private link.

A judge is one per mobile number and event. The unit is kept by its full name, the name the
panel rules compare with the units of the presentations heard in a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from event import audit
from event.db import write_transaction
from event.errors import Conflict, FieldProblem, InvalidInput
from event.tables import Judge as JudgeRow
from event.tokens import find_by_token, new_token, token_columns
from event.validators import check_text, normalise_mobile
from scheduling.panels.model import KIND_LABELS, KINDS

KIND_BY_LABEL = {label: code for code, label in KIND_LABELS.items()}


@dataclass(frozen=True)
class JudgeIn:
    """A judge as typed by an organiser or read from a row of the template."""

    name: str
    unit: str
    mobile: str
    province: str = ""
    qualification: str = ""
    kinds: tuple[str, ...] = KINDS
    may_lead: bool = False


@dataclass(frozen=True)
class JudgeView:
    id: int
    name: str
    unit: str
    province: str
    mobile: str
    qualification: str
    kinds: tuple[str, ...]
    may_lead: bool
    token: str

    @property
    def kind_labels(self) -> str:
        return "、".join(KIND_LABELS[k] for k in self.kinds if k in KIND_LABELS)


def checked(data: JudgeIn, row: int | None = None) -> JudgeIn:
    """The judge with trimmed, normalised fields; InvalidInput naming every wrong field."""
    problems: list[FieldProblem] = []
    values: dict[str, Any] = {}
    rules = {"name": ("姓名", 50, True), "unit": ("单位", 200, True),
             "province": ("省份", 20, False), "qualification": ("资格", 50, False)}  # fmt: skip
    for field, (label, length, required) in rules.items():
        try:
            values[field] = check_text(getattr(data, field), label=label, max_length=length,
                                       required=required)  # fmt: skip
        except ValueError as exc:
            problems.append(FieldProblem(field, str(exc), row))
    try:
        values["mobile"] = normalise_mobile(data.mobile)
    except ValueError as exc:
        problems.append(FieldProblem("mobile", str(exc), row))
    kinds = tuple(k for k in KINDS if k in data.kinds)
    if not kinds or set(data.kinds) - set(KINDS):
        problems.append(
            FieldProblem(
                "kinds", "请至少选择一类可评审的发表（QC小组、质量信得过班组、品牌故事）", row
            )
        )
    if problems:
        raise InvalidInput(problems)
    return JudgeIn(**values, kinds=kinds, may_lead=bool(data.may_lead))


def _row(event_id: int, judge: JudgeIn, now: datetime) -> JudgeRow:
    tokens: dict[str, Any] = token_columns(new_token())
    return JudgeRow(
        event=event_id, name=judge.name, unit=judge.unit, province=judge.province,
        mobile=judge.mobile, qualification=judge.qualification, kinds=list(judge.kinds),
        may_lead=judge.may_lead, key=f"{event_id}:{judge.mobile}", created_at=now,
        **tokens,
    )  # fmt: skip


async def _taken(event_id: int, mobiles: list[str]) -> set[str]:
    keys = [f"{event_id}:{m}" for m in mobiles]
    rows = await JudgeRow.select(JudgeRow.mobile).where(JudgeRow.key.is_in(keys)) if keys else []
    return {r["mobile"] for r in rows}


async def add_judges(event_id: int, judges: list[JudgeIn], action: str = "judge.create") -> int:
    """Store checked judges all or none (a mobile already on the roster, or twice in the list,
    is refused with its row); one audit entry. Returns how many were added."""
    seen: dict[str, int] = {}
    problems = []
    for n, judge in enumerate(judges, start=1):
        if judge.mobile in seen:
            problems.append(FieldProblem("mobile", f"手机号码与第{seen[judge.mobile]}行重复", n))
        seen.setdefault(judge.mobile, n)
    for mobile in sorted(await _taken(event_id, list(seen))):
        problems.append(FieldProblem("mobile", f"手机号码 {mobile} 的评委已在名单中", seen[mobile]))
    if problems:
        if len(judges) == 1:
            raise Conflict("judge_exists", problems[0].message, field="mobile")
        raise InvalidInput(sorted(problems, key=lambda p: p.row or 0))
    now = datetime.now(UTC)
    async with write_transaction(JudgeRow._meta.db):
        await JudgeRow.insert(*[_row(event_id, j, now) for j in judges])
        names = "、".join(j.name for j in judges[:10]) + ("等" if len(judges) > 10 else "")
        await audit.record(event_id, action, "judge", "", f"{len(judges)}名评委：{names}",
                           {"mobiles": [j.mobile for j in judges]})  # fmt: skip
    return len(judges)


def _view(r: dict[str, Any]) -> JudgeView:
    return JudgeView(
        id=r["id"], name=r["name"], unit=r["unit"], province=r["province"], mobile=r["mobile"],
        qualification=r["qualification"], kinds=tuple(r["kinds"] or ()),
        may_lead=bool(r["may_lead"]), token=r["token"],
    )  # fmt: skip


_COLUMNS = (JudgeRow.id, JudgeRow.name, JudgeRow.unit, JudgeRow.province, JudgeRow.mobile,
            JudgeRow.qualification, JudgeRow.kinds, JudgeRow.may_lead, JudgeRow.token)  # fmt: skip


async def judges(event_id: int) -> list[JudgeView]:
    """The roster in the order judges were added."""
    rows = await JudgeRow.select(*_COLUMNS).where(JudgeRow.event == event_id).order_by(JudgeRow.id)
    return [_view(r) for r in rows]


async def by_token(token: str) -> JudgeView | None:
    """The judge whose private link this is, or None."""
    row = await find_by_token(JudgeRow, token, *_COLUMNS)
    return _view(row) if row else None
