"""Score-sheet rubrics as data: parts, items and their maximum points, one rubric per kind.

The defaults follow the structure of T/CAQ 10201-2020 附录B (质量管理小组活动评审表): a QC
result is judged on its 资料 (the report, step by step through the activity's procedure) and on
its 发表 (how it is presented); a trusted team likewise, its 资料 along 建设需求 / 策划 / 过程 /
成效; a brand story only on the speech. The item wording and points are ours (the standard's
full text was not read), every total is 100.

An event's organisers may edit a kind's items (names, maxima, which to keep) until the first
sheet of that kind is submitted (rubric_edit.py); `for_event` and `from_stored` give the rubric
in force: the stored one, else the default. The parts of a kind are fixed (PARTS).

Marks are Decimals with at most one decimal place (a judge may give 7.5 of 10).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from event.tables import EventRubric

MATERIAL, DELIVERY, SPEECH = "material", "delivery", "speech"
PART_NAMES = {MATERIAL: "资料", DELIVERY: "发表", SPEECH: "演讲"}
FULL_MARKS = 100
STEP = Decimal("0.1")


class SheetError(ValueError):
    """A score sheet that does not fit its rubric; `field` is the item code, message Chinese."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}：{message}")


@dataclass(frozen=True)
class RubricItem:
    code: str
    name: str
    max_points: int


@dataclass(frozen=True)
class RubricPart:
    code: str  # MATERIAL, DELIVERY or SPEECH
    items: tuple[RubricItem, ...]

    @property
    def name(self) -> str:
        return PART_NAMES.get(self.code, self.code)

    @property
    def max_points(self) -> int:
        return sum(i.max_points for i in self.items)


@dataclass(frozen=True)
class Rubric:
    kind: str  # qc, team, story (scheduling.model.KINDS)
    name: str
    parts: tuple[RubricPart, ...]

    @property
    def max_points(self) -> int:
        return sum(p.max_points for p in self.parts)

    def items(self) -> tuple[tuple[RubricPart, RubricItem], ...]:
        """Every (part, item) in sheet order."""
        return tuple((p, i) for p in self.parts for i in p.items)


def _part(code: str, *items: tuple[str, str, int]) -> RubricPart:
    return RubricPart(code, tuple(RubricItem(c, n, m) for c, n, m in items))


_QC_DELIVERY = _part(
    DELIVERY,
    ("d_logic", "发表内容完整，逻辑清楚", 10),
    ("d_data", "数据翔实，统计方法运用恰当", 10),
    ("d_speech", "语言表达与时间控制", 10),
    ("d_visual", "图表与课件清晰直观", 5),
    ("d_answer", "回答评委提问", 5),
)

DEFAULT_RUBRICS: dict[str, Rubric] = {
    "qc": Rubric(
        "qc",
        "QC小组成果评分表",
        (
            _part(
                MATERIAL,
                ("m_topic", "选择课题", 10),
                ("m_status", "现状调查与目标设定", 10),
                ("m_cause", "原因分析与要因确认", 15),
                ("m_measure", "对策制定与实施", 10),
                ("m_effect", "效果检查", 10),
                ("m_standard", "巩固措施与总结", 5),
            ),
            _QC_DELIVERY,
        ),
    ),
    "team": Rubric(
        "team",
        "质量信得过班组评分表",
        (
            _part(
                MATERIAL,
                ("m_need", "建设需求", 10),
                ("m_plan", "建设策划", 15),
                ("m_process", "建设过程", 20),
                ("m_result", "建设成效", 15),
            ),
            _QC_DELIVERY,
        ),
    ),
    "story": Rubric(
        "story",
        "质量品牌故事演讲评分表",
        (
            _part(
                SPEECH,
                ("s_theme", "主题鲜明，内容真实", 30),
                ("s_language", "语言表达（脱稿、普通话）", 25),
                ("s_manner", "形象风度", 15),
                ("s_effect", "感染力与现场效果", 20),
                ("s_time", "时间控制（5至8分钟）", 10),
            ),
        ),
    ),
}


def default_rubric(kind: str) -> Rubric:
    """The default rubric of a kind (KeyError when the kind is unknown)."""
    return DEFAULT_RUBRICS[kind]


PARTS: dict[str, tuple[str, ...]] = {
    kind: tuple(p.code for p in rubric.parts) for kind, rubric in DEFAULT_RUBRICS.items()
}


def from_stored(kind: str, items: Any) -> Rubric:
    """The rubric of `kind` from an EventRubric row's `items` (JSON text or a list, as a query
    returns it); the default when there is no row (None) or it holds no item. JSON text is
    parsed once per distinct text (a judge's every sheet reads the same row)."""
    if isinstance(items, str):
        return _parsed(kind, items)
    return _built(kind, list(items or ()))


@lru_cache(maxsize=32)
def _parsed(kind: str, text: str) -> Rubric:
    return _built(kind, json.loads(text))


def _built(kind: str, rows: list[Any]) -> Rubric:
    if not rows:
        return default_rubric(kind)
    items = [(r["part"], RubricItem(str(r["code"]), str(r["name"]), int(r["max_points"]))) for r in rows]  # fmt: skip
    parts = tuple(RubricPart(code, tuple(i for p, i in items if p == code)) for code in PARTS[kind])
    return Rubric(kind, default_rubric(kind).name, parts)


def to_stored(rubric: Rubric) -> list[dict[str, Any]]:
    """What an EventRubric row keeps of a rubric (its `items`), in sheet order."""
    return [
        {"part": p.code, "code": i.code, "name": i.name, "max_points": i.max_points}
        for p, i in rubric.items()
    ]


async def for_event(event_id: int) -> dict[str, Rubric]:
    """The rubric in force for every kind of the event: one indexed query (the event's saved
    rubrics, at most one row per kind), the defaults for the kinds without one."""
    rows = await EventRubric.select(EventRubric.kind, EventRubric.items).where(
        EventRubric.event == event_id
    )
    stored = {r["kind"]: r["items"] for r in rows}
    return {kind: from_stored(kind, stored.get(kind)) for kind in DEFAULT_RUBRICS}


def check_rubric(rubric: Rubric) -> list[str]:
    """What is wrong with an edited rubric, in Chinese (empty: it can be used)."""
    out = []
    codes = [i.code for _, i in rubric.items()]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        out.append(f"评分项代码 {code} 重复")
    for part, item in rubric.items():
        if item.max_points <= 0:
            out.append(f"{part.name}「{item.name}」的满分须大于 0")
    out += [f"{p.name}部分至少要有一个评分项" for p in rubric.parts if not p.items]
    if not rubric.parts:
        out.append("评分表至少要有一个部分")
    if rubric.max_points != FULL_MARKS:
        out.append(f"评分表总分为 {rubric.max_points} 分，应为 {FULL_MARKS} 分")
    return out


def _mark(item: RubricItem, value: Decimal | None) -> Decimal:
    if value is None:
        raise SheetError(item.code, f"「{item.name}」未评分")
    if not isinstance(value, Decimal) or not value.is_finite():
        raise SheetError(item.code, f"「{item.name}」的分数不是数字")
    if value < 0 or value > item.max_points:
        raise SheetError(item.code, f"「{item.name}」的分数应在 0–{item.max_points} 之间")
    if value != value.quantize(STEP):
        raise SheetError(item.code, f"「{item.name}」的分数最多保留一位小数")
    return value


def sheet_totals(rubric: Rubric, marks: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Per part code and "total": the sums of one judge's marks; SheetError when a mark is
    missing, not a Decimal, out of 0..max, has more than one decimal, or is not in the rubric."""
    known = {i.code for _, i in rubric.items()}
    unknown = sorted(set(marks) - known)
    if unknown:
        raise SheetError(unknown[0], "评分表中没有这一项")
    out: dict[str, Decimal] = {}
    for part in rubric.parts:
        out[part.code] = sum((_mark(i, marks.get(i.code)) for i in part.items), Decimal(0))
    out["total"] = sum(out.values(), Decimal(0))
    return out
