"""Results from the stored sheets: scores per presentation, rankings per room and per kind,
grades by the organisers' rule per kind, best per room, the shortlist (results.py does the
arithmetic; this module reads the database and the grading rules, and stores the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from event import audit
from event.db import write_transaction
from event.errors import FieldProblem, InvalidInput
from event.judging import board, results
from event.judging.results import (
    DEFAULT_TIE_RULE,
    TIE_RULES,
    Entry,
    Quotas,
    Ranked,
    Sheet,
    Thresholds,
)
from event.tables import GradingRule, JudgingSetting, PresentationPresenter
from scheduling.panels.model import KIND_LABELS

MODES = {"thresholds": "按分数线", "quotas": "按名额"}
SHORTLIST = 4  # 优秀成果演示 on the last day: up to four (domain-practice item 19)


@dataclass(frozen=True)
class Rule:
    kind: str
    mode: str
    first: str
    second: str
    third: str


@dataclass(frozen=True)
class Talk:
    code: str
    title: str
    unit: str
    presenters: str


@dataclass(frozen=True)
class Results:
    talks: dict[str, Talk]
    by_room: dict[str, list[Ranked]]
    by_kind: dict[str, list[Ranked]]  # graded by the kind's rule
    best: dict[str, list[Ranked]]
    shortlist: list[Ranked]
    rules: dict[str, Rule]
    tie_rule: str = DEFAULT_TIE_RULE  # a code of results.TIE_RULES

    @property
    def tie_label(self) -> str:
        """The tie rule that applied, in Chinese (同分时……)."""
        return TIE_RULES[self.tie_rule][0]

    def awarded(self) -> list[Ranked]:
        return [r for ranked in self.by_kind.values() for r in ranked if r.grade]


async def rules(event_id: int) -> dict[str, Rule]:
    rows = await GradingRule.select().where(GradingRule.event == event_id)
    return {
        r["kind"]: Rule(r["kind"], r["mode"], r["first"], r["second"], r["third"]) for r in rows
    }


def _grade(ranked: list[Ranked], rule: Rule | None) -> list[Ranked]:
    if rule is None:
        return ranked
    if rule.mode == "quotas":
        return results.grade_by_quotas(
            ranked, Quotas(int(rule.first), int(rule.second), int(rule.third))
        )
    return results.grade_by_thresholds(
        ranked, Thresholds(Decimal(rule.first), Decimal(rule.second), Decimal(rule.third))
    )


async def compute(event_id: int, timezone: str) -> Results:
    """Every scored presentation of the sessions with panels, ranked and graded."""
    entries, talks = [], {}
    for b in await board.boards(event_id, timezone):
        for t in b.info.talks:
            mine = [s for s in b.sheets.values() if s.presentation == t.presentation]
            if not mine:
                continue
            rubric = b.rubric(t.kind)
            sheets = [
                Sheet(str(s.judge), t.code, Decimal(s.total), _parts(rubric, s.marks)) for s in mine
            ]
            score = results.score(t.code, sheets, panel=len(b.members))
            entries.append(Entry(t.code, b.info.room, t.kind, t.unit, score))
            talks[t.code] = Talk(t.code, t.title, t.unit, "")
    names = await _presenters(list(talks))
    talks = {c: Talk(t.code, t.title, t.unit, names.get(c, "")) for c, t in talks.items()}
    rule = await tie_rule(event_id)
    tie_break = TIE_RULES[rule][1]
    by_room = results.rank_by(entries, "room", tie_break)
    found = await rules(event_id)
    by_kind = {k: _grade(r, found.get(k)) for k, r in results.rank_by(entries, "kind", tie_break).items()}  # fmt: skip
    return Results(talks, by_room, by_kind, results.best_per_room(by_room),
                   results.shortlist(entries, SHORTLIST, per_room=1, tie_break=tie_break), found, rule)  # fmt: skip


async def tie_rule(event_id: int) -> str:
    """The event's tie rule (a code of results.TIE_RULES; the default until one is chosen)."""
    row = await JudgingSetting.select(JudgingSetting.tie_rule).where(JudgingSetting.key == str(event_id)).first()  # fmt: skip
    return row["tie_rule"] if row and row["tie_rule"] in TIE_RULES else DEFAULT_TIE_RULE


async def set_tie_rule(event_id: int, form: dict[str, Any]) -> str:
    """Store how equal means are ordered (audited tie_rule.set); InvalidInput on field
    tie_rule when the choice is not one of TIE_RULES."""
    rule = str(form.get("tie_rule", ""))
    if rule not in TIE_RULES:
        raise InvalidInput.one("tie_rule", "请选择同分时的排序规则")
    key = str(event_id)
    async with write_transaction(JudgingSetting._meta.db):
        if await JudgingSetting.exists().where(JudgingSetting.key == key):
            await JudgingSetting.update({JudgingSetting.tie_rule: rule}).where(JudgingSetting.key == key)  # fmt: skip
        else:
            await JudgingSetting.insert(JudgingSetting(event=event_id, tie_rule=rule, key=key))
        await audit.record(event_id, "tie_rule.set", "judging_setting", key,
                           f"同分排序规则：{TIE_RULES[rule][0]}", {"tie_rule": rule})  # fmt: skip
    return rule


def _parts(rubric: Any, marks: dict[str, str]) -> tuple[tuple[str, Decimal], ...]:
    return tuple(
        (p.code, sum((Decimal(marks.get(i.code, "0")) for i in p.items), Decimal(0)))
        for p in rubric.parts
    )


async def _presenters(codes: list[str]) -> dict[str, str]:
    P = PresentationPresenter
    rows = await P.select(P.presentation.code.as_alias("code"), P.person.name.as_alias("name")).where(
        P.presentation.code.is_in(codes or [""])
    ).order_by(P.id)  # fmt: skip
    out: dict[str, list[str]] = {}
    for r in rows:
        out.setdefault(r["code"], []).append(r["name"])
    return {c: "、".join(n) for c, n in out.items()}


def _checked_rule(kind: str, form: dict[str, Any]) -> Rule:
    mode = str(form.get("mode", ""))
    problems = [] if mode in MODES else [FieldProblem("mode", "请选择按分数线或按名额评定")]
    values = []
    for field, label in (("first", "一等"), ("second", "二等"), ("third", "三等")):
        raw = str(form.get(field, "")).strip()
        try:
            if mode == "quotas":
                count = int(raw)
                if count < 0:
                    raise ValueError
                values.append(str(count))
            else:
                mean = Decimal(raw)
                if not mean.is_finite() or not 0 <= mean <= 100:
                    raise ValueError
                values.append(str(mean))
        except (ValueError, InvalidOperation):
            what = "名额应为不小于0的整数" if mode == "quotas" else "分数线应为0–100之间的数"
            problems.append(FieldProblem(field, f"{label}{what}"))
    if (
        not problems
        and mode == "thresholds"
        and not Decimal(values[0]) >= Decimal(values[1]) >= Decimal(values[2])
    ):
        problems.append(FieldProblem("second", "分数线应为一等 ≥ 二等 ≥ 三等"))
    if problems:
        raise InvalidInput(problems)
    return Rule(kind, mode, *values)


async def set_rule(event_id: int, kind: str, form: dict[str, Any]) -> Rule:
    """Store how a kind is graded (audited grades.set); InvalidInput naming each wrong field."""
    if kind not in KIND_LABELS:
        raise InvalidInput.one("kind", "未知的发表类别")
    rule = _checked_rule(kind, form)
    key = f"{event_id}:{kind}"
    values: dict[str, Any] = {
        "mode": rule.mode,
        "first": rule.first,
        "second": rule.second,
        "third": rule.third,
    }
    async with write_transaction(GradingRule._meta.db):
        if await GradingRule.exists().where(GradingRule.key == key):
            await GradingRule.update({getattr(GradingRule, k): v for k, v in values.items()}).where(GradingRule.key == key)  # fmt: skip
        else:
            await GradingRule.insert(GradingRule(event=event_id, kind=kind, key=key, **values))
        await audit.record(event_id, "grades.set", "grading_rule", key,
                           f"{KIND_LABELS[kind]}{MODES[rule.mode]}评定：一等{rule.first}、二等{rule.second}、三等{rule.third}",
                           values)  # fmt: skip
    return rule
