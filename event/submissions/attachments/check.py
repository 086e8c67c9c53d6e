"""Checking a whole attachment: each field, then the rules that tie fields together."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from event.errors import FieldProblem, InvalidInput
from event.submissions.attachments.specs import SPEAKER, Attachment

Rule = Callable[[dict[str, Any]], list[tuple[str, str]]]


def clean(
    attachment: Attachment,
    raw: Mapping[str, Any],
    *,
    choices: Mapping[str, tuple[str, ...]] | None = None,
    prefix: str = "",
    row: int | None = None,
) -> dict[str, Any]:
    """Every field checked and normalised; raises InvalidInput listing each problem."""
    problems: list[FieldProblem] = []
    data: dict[str, Any] = {}
    known = {f.name for f in attachment.fields}
    for key in raw:
        if key not in known:
            problems.append(FieldProblem(f"{prefix}{key}", f"不支持的字段：{key}", row))
    for field in attachment.fields:
        try:
            data[field.name] = field.check(raw.get(field.name), (choices or {}).get(field.name))
        except ValueError as exc:
            problems.append(FieldProblem(f"{prefix}{field.name}", str(exc), row))
    if not problems:
        for rule in RULES.get(attachment.kind, ()):
            problems += [FieldProblem(f"{prefix}{f}", m, row) for f, m in rule(data)]
    if problems:
        raise InvalidInput(problems)
    return data


def _both_or_neither(name: str, mobile: str, what: str) -> Rule:
    def rule(d: dict[str, Any]) -> list[tuple[str, str]]:
        if d[name] and not d[mobile]:
            return [(mobile, f"填写了{what}姓名时，{what}手机不能为空")]
        if d[mobile] and not d[name]:
            return [(name, f"填写了{what}手机时，{what}姓名不能为空")]
        return []

    return rule


def _speaker_block(d: dict[str, Any]) -> list[tuple[str, str]]:
    """A filled 拟参会演讲 block needs at least the speaker's name and mobile."""
    if not any(d[k] for k in SPEAKER):
        return []
    return [
        (k, f"拟参会演讲时{label}不能为空")
        for k, label in (("speaker_name", "演讲人"), ("speaker_mobile", "演讲人手机"))
        if not d[k]
    ]


def _applicant_kind(d: dict[str, Any]) -> list[tuple[str, str]]:
    if d["applicant_kind"] == "优秀组织单位" and d["organization_kind"] == "企业":
        return [
            (
                "organization_kind",
                "优秀组织单位应为行业质量协会、企业集团或政府主管部门（行业办），企业请申报优秀企业",
            )
        ]
    if d["applicant_kind"] == "优秀企业" and d["organization_kind"] != "企业":
        return [
            (
                "organization_kind",
                "优秀企业的申报单位应为企业；协会、集团、主管部门请申报优秀组织单位",
            )
        ]
    return []


def _declared_years(d: dict[str, Any]) -> list[tuple[str, str]]:
    text = d["declared_years"]
    if not text:
        d["declared_years"] = []
        return []
    years = sorted({int(y) for y in re.findall(r"\d{4}", text)})
    if (
        not years
        or any(y < 2016 or y > 2100 for y in years)
        or re.sub(r"[\d\s,，、;；年]", "", text)
    ):
        return [
            (
                "declared_years",
                "年份应为2016年以来的四位年份，用顿号或逗号分隔，如 2016、2018、2019",
            )
        ]
    d["declared_years"] = years
    return []


def rate(part: int | None, whole: int | None) -> float | None:
    """part / whole × 100, rounded to 2 decimals; None when either is missing or whole is 0."""
    if part is None or not whole:
        return None
    return round(part * 100 / whole, 2)


RATES = (  # (rate field, part, whole, what the part is, what the whole is)
    ("participation_rate", "participants", "employees", "参加活动人数", "职工总数"),
    (
        "team_result_rate",
        "team_results",
        "registered_team_year",
        "信组取得成果小组数",
        "本年度信得过班组注册数",
    ),
    (
        "qc_result_rate",
        "qc_results",
        "registered_qc_year",
        "QC取得成果小组数",
        "本年度QC小组注册数",
    ),
)


def _statistics(d: dict[str, Any]) -> list[tuple[str, str]]:
    """附件八: rates come from their parts; a figure over 100% or off its parts is refused."""
    problems = []
    for field, part, whole, part_label, whole_label in RATES:
        computed = rate(d[part], d[whole])
        if computed is not None and computed > 100:
            problems.append(
                (
                    part,
                    f"{part_label}（{d[part]}）大于{whole_label}（{d[whole]}），比率将为{computed}%，超过100%",
                )
            )
        elif d[field] is not None and computed is None:
            problems.append((field, f"缺少{part_label}或{whole_label}，无法核对该比率"))
        elif d[field] is not None and abs(d[field] - computed) > 0.05:
            problems.append(
                (
                    field,
                    f"与各项数据不一致：按 {part_label} / {whole_label} × 100% 计算应为 {computed}%",
                )
            )
        else:
            d[field] = computed
    for year, total, label in (("registered_team_year", "registered_team_total", "信得过班组"),
                               ("registered_qc_year", "registered_qc_total", "QC小组")):  # fmt: skip
        if d[year] > d[total]:
            problems.append(
                (year, f"本年度{label}注册数（{d[year]}）不能大于历年累计数（{d[total]}）")
            )
    return problems


RULES: dict[str, tuple[Rule, ...]] = {
    "qc": (_both_or_neither("presenter_name", "presenter_mobile", "发表人"),),
    "team": (_both_or_neither("presenter_name", "presenter_mobile", "发表人"),),
    "story": (_speaker_block,),
    "nomination": (_declared_years,),
    "application": (_applicant_kind,),
    "statistics": (_statistics,),
}
