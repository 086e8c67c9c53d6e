"""Demo submissions in the proportions of domain-practice §7, sent through the real services."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from event.current import EventInfo
from event.submissions import history
from event.submissions import service as submissions
from event.tables import Organization, Registration

# kind → (full, small): submitted, of which presented / told on stage / ineligible / organising units
COUNTS = {
    "qc": ((340, 300), (40, 36)),
    "team": ((60, 50), (8, 8)),
    "story": ((40, 15), (6, 4)),
    "nomination": ((45, 3), (6, 1)),
    "application": ((36, 5), (5, 1)),
}
QC_MIX = (("现场型", 35), ("攻关型", 30), ("管理型", 12), ("服务型", 5), ("创新型", 18))
TEAM_MIX = (("现场型", 80), ("管理型", 12), ("服务型", 8))
GROUP_WORDS = [
    "精益",
    "攻坚",
    "匠心",
    "启航",
    "求精",
    "追梦",
    "蓝天",
    "星火",
    "创新",
    "卓越",
    "铁军",
    "先锋",
    "智造",
    "精工",
    "恒心",
    "零缺陷",
    "同心",
    "奋进",
]
PARTS = [
    "齿轮箱",
    "液压阀",
    "主轴",
    "焊缝",
    "叶片",
    "曲轴",
    "缸体",
    "轴承座",
    "电机定子",
    "变速箱壳体",
    "输电塔材",
    "起重臂",
    "泵体",
]
GOALS = (
    "降低{p}渗漏率",
    "提高{p}一次交检合格率",
    "减少{p}加工尺寸超差",
    "缩短{p}装配周期",
    "降低{p}返修率",
)
SERVICE_GOALS = ("提高售后服务一次修复率", "缩短备件配送时间", "提升客户投诉处理及时率")
INNOVATION = ("研制{p}自动检测装置", "研发{p}快速换型工装", "研制{p}在线监测系统")
STORY_TITLES = ("一颗螺丝钉的坚守", "从“合格”到“卓越”", "匠心铸重器", "让质量成为习惯", "小班组里的大品牌",
                "零缺陷的承诺", "一张质量地图", "老师傅的新课题", "品牌是怎样炼成的", "把客户的声音带进车间")  # fmt: skip


def _weighted(rng: random.Random, mix: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([m for m, _ in mix], weights=[w for _, w in mix])[0]


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 10**9 - 1):09d}"


async def _people_by_unit(category: str) -> dict[str, list[dict[str, Any]]]:
    rows = await Registration.select(
        Registration.person._.name.as_alias("name"), Registration.person._.mobile.as_alias("mobile"),
        Registration.person._.organization._.name.as_alias("unit"),
    ).where((Registration.category == category) & (Registration.status == "active"))  # fmt: skip
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        found[r["unit"]].append(r)
    return found


def _unit_fields(rng: random.Random, unit: dict[str, Any]) -> dict[str, Any]:
    return {"organization": unit["name"], "address": unit["address"], "postcode": unit["postcode"],
            "contact_name": "联络员" + rng.choice("甲乙丙丁"), "contact_mobile": _mobile(rng)}  # fmt: skip


def _result(
    rng: random.Random, kind: str, unit: dict[str, Any], presenter: dict | None, i: int
) -> dict[str, Any]:
    base = _unit_fields(rng, unit) | {"presented": presenter is not None}
    if presenter:
        base |= {"presenter_name": presenter["name"], "presenter_mobile": presenter["mobile"]}
    part = rng.choice(PARTS)
    if kind == "team":
        return base | {"team_name": f"{rng.choice(('总装', '机加工', '铸造', '热处理', '检验'))}车间第{i % 9 + 1}班组",
                       "leader": "班长" + str(i), "team_size": rng.randint(6, 30), "team_type": _weighted(rng, TEAM_MIX),
                       "completion_rate": rng.randint(950, 1000) / 10, "first_pass_rate": rng.randint(970, 1000) / 10,
                       "complaints": rng.randint(0, 2), "incidents": 0, "participation_rate": rng.randint(85, 100),
                       "training_people": rng.randint(6, 30), "training_hours": rng.randint(20, 120)}  # fmt: skip
    result_type = _weighted(rng, QC_MIX)
    goals = {"服务型": SERVICE_GOALS, "创新型": INNOVATION}.get(result_type, GOALS)
    return base | {"group_name": f"{rng.choice(GROUP_WORDS)}QC小组", "topic": rng.choice(goals).format(p=part),
                   "result_type": result_type, "group_size": rng.randint(5, 12), "advisor": "指导老师" + str(i % 7),
                   "description": f"小组针对{part}质量问题，按PDCA循环开展活动，目标全部实现。"}  # fmt: skip


async def load_submissions(rng: random.Random, size: str, event: EventInfo) -> None:
    """All attachments of the demo, stored by kind through submissions.submit_many."""
    full = size == "full"
    units = await Organization.select()
    enterprises = [u for u in units if u["kind"] == "enterprise"]
    organising = [u for u in units if u["kind"] != "enterprise"]
    presenters = await _people_by_unit("presenter")
    with_presenters = [u for u in enterprises if presenters.get(u["name"])]
    for kind in ("qc", "team"):
        total, presented = COUNTS[kind][0 if full else 1]
        rows = []
        for i in range(total):
            unit = rng.choice(with_presenters)
            speaker = rng.choice(presenters[unit["name"]]) if i < presented else None
            rows.append((i + 1, _result(rng, kind, unit, speaker, i)))
        await submissions.submit_many(event, kind, rows)
    await _stories(rng, full, event, enterprises)
    await _nominations(rng, full, event, enterprises)
    await _organising(rng, full, event, enterprises, organising)


async def _stories(
    rng: random.Random, full: bool, event: EventInfo, enterprises: list[dict]
) -> None:
    total, on_stage = COUNTS["story"][0 if full else 1]
    tellers = [p for people in (await _people_by_unit("storyteller")).values() for p in people]
    rows = []
    for i in range(total):
        unit = rng.choice(enterprises)
        row = {"title": f"{rng.choice(STORY_TITLES)}（{i + 1}）", "organization": unit["name"],
               "contact_name": "宣传干事", "contact_mobile": _mobile(rng),
               "content_category": rng.choice(("品牌战略", "品牌体系", "品牌传播", "风险防范", "方法途径", "品牌文化")),
               "brand_type": rng.choice(("产品", "企业", "团队", "个人")),
               "summary": f"讲述{unit['name']}一线员工以质量立身、以品牌兴企的真实故事。"}  # fmt: skip
        if i < on_stage and tellers:
            teller = tellers[i % len(tellers)]
            row |= {
                "speaker_name": teller["name"],
                "speaker_mobile": teller["mobile"],
                "speaker_gender": rng.choice("男女"),
            }
        rows.append((i + 1, row))
    await submissions.submit_many(event, "story", rows)


async def _nominations(
    rng: random.Random, full: bool, event: EventInfo, enterprises: list[dict]
) -> None:
    total, ineligible = COUNTS["nomination"][0 if full else 1]
    records, rows = [], []
    for i in range(total):
        unit, name = rng.choice(enterprises), f"推进者{i + 1:02d}号"
        years = rng.sample(
            range(2016, 2021), rng.randint(0, 2) if i < ineligible else rng.randint(3, 5)
        )
        records += [(name, unit["name"], y, "演示历史记录") for y in years]
        rows.append((i + 1, {"organization": unit["name"], "contact": "人事干事", "contact_phone": _mobile(rng),
                             "nominee_name": name, "nominee_gender": rng.choice("男女"), "nominee_position": "质量管理部部长",
                             "achievements": "长期组织推进QC小组和质量信得过班组活动，多次参加全国交流。"}))  # fmt: skip
    await history.import_records(records)
    await submissions.submit_many(event, "nomination", rows)


async def _organising(
    rng: random.Random,
    full: bool,
    event: EventInfo,
    enterprises: list[dict],
    organising: list[dict],
) -> None:
    total, units = COUNTS["application"][0 if full else 1]
    kinds = {"association": "行业质量协会", "group": "企业集团", "government": "政府主管部门"}
    apps = [(i + 1, {"applicant_kind": "优秀企业", "organization": u["name"], "organization_kind": "企业",
                     "address": u["address"], "postcode": u["postcode"], "contact": "联络员", "contact_phone": _mobile(rng),
                     "experience": "坚持开展群众性质量活动，成果显著。"})
            for i, u in enumerate(rng.sample(enterprises, min(total, len(enterprises))))]  # fmt: skip
    apps += [(len(apps) + i + 1, {"applicant_kind": "优秀组织单位", "organization": u["name"], "organization_kind": kinds[u["kind"]],
                                  "address": u["address"], "postcode": u["postcode"], "contact": "秘书处",
                                  "contact_phone": _mobile(rng), "experience": "组织本地区交流与培训。"})
             for i, u in enumerate(organising[:units])]  # fmt: skip
    await submissions.submit_many(event, "application", apps)
    stats, summaries = [], []
    for i, u in enumerate(organising):
        teams, qcs = rng.randint(20, 80), rng.randint(100, 600)
        stats.append((i + 1, {"organization": u["name"], "contact": "统计员", "contact_phone": _mobile(rng),
                              "registered_team_total": teams * 6, "registered_qc_total": qcs * 7,
                              "registered_team_year": teams, "registered_qc_year": qcs,
                              "participants": rng.randint(20000, 60000), "employees": rng.randint(60000, 90000),
                              "team_results": rng.randint(teams // 3, teams), "qc_results": rng.randint(qcs // 3, qcs)}))  # fmt: skip
        summaries.append((i + 1, {"organization": u["name"], "basic_1": "全年组织QC小组、信得过班组活动，参与面持续扩大。",
                                  "experience_1": "以赛促学，分级发表。", "problems_1": "基层活动质量不均衡。"}))  # fmt: skip
    await submissions.submit_many(event, "statistics", stats)
    await submissions.submit_many(event, "summary", summaries)
