"""Organisers edit the event's rubric of one kind until the first sheet of that kind is
submitted ("scoring opened"): the form's rows (part, code, name, maximum) are checked all at
once, each problem named by its field, and the rubric is stored whole or not at all; each
change is audited (rubric.set, rubric.reset). rubrics.for_event gives the rubric in force."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from event import audit
from event.db import write_transaction
from event.errors import Conflict, FieldProblem, InvalidInput, NotFound
from event.judging.rubrics import (
    FULL_MARKS,
    PART_NAMES,
    PARTS,
    Rubric,
    RubricItem,
    RubricPart,
    default_rubric,
    from_stored,
    to_stored,
)
from event.judging.scoring import hold_rubric_lock
from event.tables import EventRubric, ScoreSheet
from event.web.forms import LINE
from scheduling.panels.model import KIND_LABELS

FIELD = re.compile(r"^(part|code|name|max|remove)-(\d{1,2})$")
CODE = re.compile(r"^[a-z][a-z0-9_]{0,19}\Z")
NAME = re.compile(LINE)
# The desk's paper-sheet form sends these beside the item codes.
RESERVED = frozenset({"judge", "code", "correct"})
MAX_ITEMS = 30
NAME_LENGTH = 40


@dataclass(frozen=True)
class Row:
    """One row of the edit form as typed (n: its number in the form, from 0)."""

    n: int
    part: str
    code: str
    name: str
    max: str
    remove: bool = False

    @property
    def blank(self) -> bool:
        return not (self.code or self.name or self.max)


def rows_of(form: dict[str, Any]) -> list[Row]:
    """The form's rows in their order, blank ones too (what the page shows again)."""
    seen: dict[int, dict[str, str]] = {}
    for key, value in form.items():
        if m := FIELD.match(str(key)):
            text = value[-1] if isinstance(value, list) else value
            seen.setdefault(int(m.group(2)), {})[m.group(1)] = str(text).strip()
    return [Row(n, v.get("part", ""), v.get("code", ""), v.get("name", ""), v.get("max", ""),
                v.get("remove", "") in ("1", "on")) for n, v in sorted(seen.items())]  # fmt: skip


def rows_from(rubric: Rubric, blank: int = 3) -> list[Row]:
    """The edit form's rows for a rubric, and `blank` empty rows to add items."""
    rows = [Row(n, p.code, i.code, i.name, str(i.max_points)) for n, (p, i) in enumerate(rubric.items())]  # fmt: skip
    first = rubric.parts[0].code
    return rows + [Row(len(rows) + k, first, "", "", "") for k in range(blank)]


def part_sums(kind: str, rows: list[Row]) -> dict[str, int]:
    """Points per part code and "total" of the rows kept whose maximum is a whole number."""
    out = dict.fromkeys(PARTS[kind], 0)
    for r in rows:
        if not r.remove and not r.blank and r.part in out and r.max.isdigit():
            out[r.part] += int(r.max)
    return out | {"total": sum(out.values())}


def _row_problems(kind: str, r: Row, codes: set[str]) -> list[FieldProblem]:
    label = f"第{r.n + 1}项"
    out = []
    if r.part not in PARTS[kind]:
        out.append(FieldProblem(f"part-{r.n}", f"{label}：请选择所属部分"))
    if r.code and not CODE.match(r.code):
        out.append(FieldProblem(f"code-{r.n}", f"{label}：代码应以小写字母开头，只含小写字母、数字和下划线，不超过20个字符"))  # fmt: skip
    elif r.code in RESERVED:
        out.append(FieldProblem(f"code-{r.n}", f"{label}：代码 {r.code} 是评分台表单自用的名称，请换一个"))  # fmt: skip
    elif r.code and r.code in codes:
        out.append(FieldProblem(f"code-{r.n}", f"{label}：代码 {r.code} 与前面的评分项重复"))
    if not r.name or len(r.name) > NAME_LENGTH or not NAME.match(r.name):
        out.append(FieldProblem(f"name-{r.n}", f"{label}：请填写评分项名称（不超过{NAME_LENGTH}个字）"))  # fmt: skip
    if not (r.max.isdigit() and 1 <= int(r.max) <= FULL_MARKS):
        out.append(FieldProblem(f"max-{r.n}", f"{label}：满分应为1–{FULL_MARKS}的整数"))
    return out


def checked(kind: str, form: dict[str, Any]) -> Rubric:
    """The rubric the form describes; InvalidInput naming every wrong field at once. A row
    ticked 删除 or left blank is dropped; a new row without a code gets one (x1, x2, …)."""
    rows = [r for r in rows_of(form) if not r.remove and not r.blank]
    problems: list[FieldProblem] = []
    codes: set[str] = set()
    for r in rows:
        problems += _row_problems(kind, r, codes)
        codes.add(r.code)
    if len(rows) > MAX_ITEMS:
        problems.append(FieldProblem("total", f"评分项最多{MAX_ITEMS}项（现有{len(rows)}项）"))
    sums = part_sums(kind, rows)
    names = {p: PART_NAMES[p] for p in PARTS[kind]}
    problems += [FieldProblem(f"part:{p}", f"{n}部分至少要有一个评分项")
                 for p, n in names.items() if not any(r.part == p for r in rows)]  # fmt: skip
    if not any(p.field.startswith("max-") for p in problems) and sums["total"] != FULL_MARKS:
        detail = " + ".join(f"{n} {sums[p]}" for p, n in names.items())
        problems.append(FieldProblem("total", f"总分为 {sums['total']} 分（{detail}），应为 {FULL_MARKS} 分"))  # fmt: skip
    if problems:
        raise InvalidInput(problems)
    return Rubric(kind, default_rubric(kind).name, tuple(
        RubricPart(p, tuple(RubricItem(code, r.name, int(r.max)) for r, code in _coded(rows) if r.part == p))
        for p in PARTS[kind]))  # fmt: skip


def _coded(rows: list[Row]) -> list[tuple[Row, str]]:
    taken = {r.code for r in rows if r.code}
    out, k = [], 0
    for r in rows:
        code = r.code
        while not code:
            k += 1
            code = "" if f"x{k}" in taken else f"x{k}"
        out.append((r, code))
    return out


async def opened(event_id: int, kind: str) -> bool:
    """Whether a sheet of this kind was submitted for the event: the rubric is then fixed."""
    S = ScoreSheet
    return await S.exists().where((S.panel.event == event_id) & (S.presentation.kind == kind))  # type: ignore[attr-defined]


def _refused(kind: str) -> Conflict:
    return Conflict("scoring_opened", f"{KIND_LABELS[kind]}评分已开始（已有评委提交评分表），评分表不能再修改")  # fmt: skip


async def _current(key: str) -> Any:
    row = await EventRubric.select(EventRubric.items).where(EventRubric.key == key).first()
    return row["items"] if row else None


async def save(event_id: int, kind: str, form: dict[str, Any]) -> Rubric:
    """Store the event's rubric of `kind` from the edit form (audited rubric.set). Refused
    (Conflict scoring_opened) once a sheet of that kind is in; InvalidInput on bad rows."""
    if kind not in PARTS:
        raise NotFound("没有这个发表类别")
    if await opened(event_id, kind):
        raise _refused(kind)
    rubric = checked(kind, form)
    key = f"{event_id}:{kind}"
    async with write_transaction(EventRubric._meta.db):
        await hold_rubric_lock(event_id, shared=False)  # no sheet between this check and commit
        if await opened(event_id, kind):
            raise _refused(kind)
        before = from_stored(kind, await _current(key))
        items, now = to_stored(rubric), datetime.now(UTC)
        if await EventRubric.exists().where(EventRubric.key == key):
            await EventRubric.update({EventRubric.items: items, EventRubric.updated_at: now}).where(EventRubric.key == key)  # fmt: skip
        else:
            await EventRubric.insert(EventRubric(event=event_id, kind=kind, items=items, key=key, updated_at=now))  # fmt: skip
        parts = "、".join(f"{p.name}{p.max_points}分" for p in rubric.parts)
        await audit.record(event_id, "rubric.set", "event_rubric", key,
                           f"修改{KIND_LABELS[kind]}评分表：{len(rubric.items())}项，{parts}",
                           {"before": to_stored(before), "after": items})  # fmt: skip
    return rubric


async def reset(event_id: int, kind: str) -> None:
    """Back to the default rubric of `kind` (audited rubric.reset); refused as `save` is."""
    if kind not in PARTS:
        raise NotFound("没有这个发表类别")
    key = f"{event_id}:{kind}"
    async with write_transaction(EventRubric._meta.db):
        await hold_rubric_lock(event_id, shared=False)
        if await opened(event_id, kind):
            raise _refused(kind)
        before = await _current(key)
        if before is None:
            return
        await EventRubric.delete().where(EventRubric.key == key)
        await audit.record(event_id, "rubric.reset", "event_rubric", key,
                           f"{KIND_LABELS[kind]}评分表恢复为默认", {"before": to_stored(from_stored(kind, before))})  # fmt: skip
