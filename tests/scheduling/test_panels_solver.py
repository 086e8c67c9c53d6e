"""Panel assignment: a feasible and an infeasible case per hard rule, determinism, full size."""

from __future__ import annotations

from dataclasses import replace

from scheduling.panels import (
    Judge,
    PanelConfig,
    PanelInstance,
    PanelPin,
    PanelRules,
    Session,
    assign,
    validate,
)
from scheduling.panels.synthetic import generate

DAY = "2026-07-20"
ONE = PanelRules(min_judges=1, max_judges=1)  # one judge per panel: the cases stay tiny


def judge(jid: str, unit: str = "协会", kinds=("qc", "team", "story"), lead=True, prov=""):
    return Judge(jid, f"评委{jid}", unit, prov, kinds, lead)


def session(sid: str, room: str, start="08:30", end="12:00", kind="qc", units=("甲厂",)):
    return Session(sid, room, DAY, start, end, kind, units)


def inst(judges, sessions, rules=ONE, pins=()):
    return PanelInstance(tuple(judges), tuple(sessions), rules, tuple(pins))


def seats(panels):
    return sorted((s.session, s.judge, s.leader) for s in panels.seats)


def test_own_unit_judge_goes_to_the_other_room():
    case = inst([judge("A", "甲厂")], [session("S1", "第一分会场", units=("乙厂",))])
    assert seats(assign(case)) == [("S1", "A", True)]


def test_own_unit_only_judge_infeasible_names_session_and_counts():
    case = inst([judge("A", "甲厂")], [session("S1", "第一分会场", units=("甲厂",))])
    panels = assign(case)
    assert panels.seats == ()
    assert [c.rule for c in panels.explanation] == ["size"]
    assert panels.explanation[0].message == (
        "第一分会场 2026-07-20 08:30–12:00（QC小组）需要至少 1 名评委，但可评「QC小组」且与本场"
        "发表单位无利益冲突的评委只有 0 名；另有 1 名来自本场发表单位（评委A），0 名未获该类资格"
    )


def test_overlap_two_rooms_two_judges_feasible():
    case = inst([judge("A"), judge("B")], [session("S1", "一"), session("S2", "二")])
    panels = assign(case)
    assert len(panels.seats) == 2 and validate(case, panels) == []


def test_overlap_one_judge_two_rooms_at_once_infeasible():
    case = inst([judge("A")], [session("S1", "一"), session("S2", "二", start="11:00")])
    panels = assign(case)
    assert panels.seats == ()
    assert [c.rule for c in panels.explanation] == ["overlap"]
    assert "同时进行 2 个场次（一、二），至少共需 2 名评委" in panels.explanation[0].message


def test_overlap_back_to_back_sessions_share_a_judge():
    case = inst([judge("A")], [session("S1", "一"), session("S2", "二", "12:00", "13:00")])
    assert seats(assign(case)) == [("S1", "A", True), ("S2", "A", True)]


def test_size_three_to_five_odd_takes_five_when_there_are_five():
    case = inst([judge(f"J{i}") for i in range(6)], [session("S1", "一")], PanelRules())
    assert len(assign(case).seats) == 5


def test_size_odd_four_judges_give_a_panel_of_three():
    case = inst([judge(f"J{i}") for i in range(4)], [session("S1", "一")], PanelRules())
    assert len(assign(case).seats) == 3


def test_size_two_judges_infeasible():
    case = inst([judge("A"), judge("B")], [session("S1", "一")], PanelRules())
    assert [c.rule for c in assign(case).explanation] == ["size"]


def test_size_even_allowed_when_not_odd():
    rules = PanelRules(min_judges=3, max_judges=5, odd=False)
    case = inst([judge(f"J{i}") for i in range(4)], [session("S1", "一")], rules)
    assert len(assign(case).seats) == 4


def test_size_rules_without_any_size_infeasible():
    case = inst([judge("A")], [session("S1", "一")], PanelRules(min_judges=4, max_judges=4))
    panels = assign(case)
    assert [c.rule for c in panels.explanation] == ["size"]
    assert "没有符合要求的人数" in panels.explanation[0].message


def test_leader_exactly_one_who_may_lead():
    judges = [judge("A", lead=False), judge("B", lead=True), judge("C", lead=False)]
    case = inst(judges, [session("S1", "一")], PanelRules())
    assert seats(assign(case)) == [("S1", "A", False), ("S1", "B", True), ("S1", "C", False)]


def test_leader_none_may_lead_infeasible():
    judges = [judge(j, lead=False) for j in "ABC"]
    panels = assign(inst(judges, [session("S1", "一")], PanelRules()))
    assert [c.rule for c in panels.explanation] == ["leader"]
    assert "没有可任组长的评委" in panels.explanation[0].message


def test_leader_one_leader_for_two_parallel_rooms_infeasible():
    judges = [judge("A"), judge("B", lead=False)]
    panels = assign(inst(judges, [session("S1", "一"), session("S2", "二")]))
    assert [c.rule for c in panels.explanation] == ["leader"]
    assert "至少共需 2 名组长人选，但能参加其中任一场的组长人选只有 1 名" in (
        panels.explanation[0].message
    )


def test_qualified_story_judge_takes_the_story_session():
    judges = [judge("A", kinds=("qc",)), judge("B", kinds=("story",))]
    case = inst(judges, [session("S1", "主会场", kind="story")])
    assert seats(assign(case)) == [("S1", "B", True)]


def test_qualified_nobody_for_stories_infeasible():
    case = inst([judge("A", kinds=("qc",))], [session("S1", "主会场", kind="story")])
    message = assign(case).explanation[0].message
    assert "可评「品牌故事」且与本场发表单位无利益冲突的评委只有 0 名" in message
    assert message.endswith("0 名来自本场发表单位，1 名未获该类资格")


def test_pin_is_honoured():
    judges = [judge("A"), judge("B")]
    case = inst(judges, [session("S1", "一")], pins=[PanelPin("B", "S1")])
    assert seats(assign(case)) == [("S1", "B", True)]


def test_pin_to_own_unit_session_infeasible():
    case = inst([judge("A", "甲厂"), judge("B")], [session("S1", "一")], pins=[PanelPin("A", "S1")])
    panels = assign(case)
    assert [(c.rule, c.judge, c.session) for c in panels.explanation] == [("pin", "A", "S1")]
    assert panels.explanation[0].message == (
        "评委A（甲厂） 被固定在 一 2026-07-20 08:30–12:00，但本场有其本单位的成果发表"
    )


def test_pin_to_two_rooms_at_once_infeasible():
    pins = [PanelPin("A", "S1"), PanelPin("A", "S2")]
    case = inst([judge("A"), judge("B")], [session("S1", "一"), session("S2", "二")], pins=pins)
    assert "同一时间还被固定在 一" in assign(case).explanation[0].message


def test_joint_conflict_found_by_the_solver_core():
    # Three rooms at once and three judges, and every session has an eligible judge, but
    # B is the only one for both 二 and 三: no count shows it, the solver's core does.
    judges = [judge("A", "乙厂"), judge("B"), judge("C", "乙厂")]
    sessions = [
        session("S1", "一", units=("丙厂",)),
        session("S2", "二", units=("乙厂",)),
        session("S3", "三", units=("乙厂",)),
    ]
    panels = assign(inst(judges, sessions))
    assert panels.seats == ()
    assert [c.rule for c in panels.explanation] == ["joint"]
    assert panels.explanation[0].message == (
        "二 2026-07-20 08:30–12:00、三 2026-07-20 08:30–12:00 同时进行，至少共需 2 名评委，但能评其中任一场（有资格且无利益冲突）的评委只有 1 名（评委B）"
    )


def test_same_seed_same_panels():
    case = generate(1, seed=3)
    first = assign(case, PanelConfig(time_limit=10, seed=7))
    second = assign(case, PanelConfig(time_limit=10, seed=7))
    assert first.seats == second.seats


def test_full_demo_size_every_panel_full_and_valid():
    case = generate(1, seed=1)
    panels = assign(case, PanelConfig(time_limit=10, seed=1))
    assert validate(case, panels) == []
    assert len(panels.seats) == 5 * len(case.sessions)
    units = {j.id: j.unit for j in case.judges}
    heard = {s.id: s.units for s in case.sessions}
    assert [s for s in panels.seats if units[s.judge] in heard[s.session]] == []


def test_full_demo_size_has_judges_of_presenting_units():
    case = generate(1, seed=1)
    presenting = {u for s in case.sessions for u in s.units}
    assert len(case.judges) == 45
    assert sum(j.unit in presenting for j in case.judges) == 27


def test_room_changes_judge_stays_in_the_room_of_the_morning():
    judges = [judge("A"), judge("B")]
    sessions = [
        session("S1", "一", units=()),
        session("S2", "二", units=()),
        session("S3", "一", "14:00", "17:30", units=()),
        session("S4", "二", "14:00", "17:30", units=()),
    ]
    by_session = {s.session: s.judge for s in assign(inst(judges, sessions)).seats}
    assert by_session["S1"] == by_session["S3"] and by_session["S2"] == by_session["S4"]


def test_provinces_mixed_when_possible():
    judges = [judge("A", prov="江苏"), judge("B", prov="江苏"), judge("C", prov="浙江")]
    judges += [judge("D", prov="浙江")]
    rules = PanelRules(min_judges=2, max_judges=2, odd=False)
    case = inst(judges, [session("S1", "一"), session("S2", "二")], rules)
    panels = assign(case)
    province = {j.id: j.province for j in judges}
    for sid, members in panels.by_session().items():
        assert sorted(province[s.judge] for s in members) == ["江苏", "浙江"], sid
    assert panels.stats is not None and panels.stats.proven_optimal


def test_workloads_even_across_days():
    judges = [judge("A"), judge("B")]
    sessions = [session("S1", "一", units=()), replace(session("S2", "一"), day="2026-07-21")]
    loads = [s.judge for s in assign(inst(judges, sessions)).seats]
    assert sorted(loads) == ["A", "B"]


def test_a_day_that_cannot_fit_leaves_the_other_days_their_panels():
    sessions = [
        session("S1", "一"),
        replace(session("S2", "一", units=("协会",)), day="2026-07-21"),
    ]
    panels = assign(inst([judge("A")], sessions))
    assert seats(panels) == [("S1", "A", True)]
    assert [(c.rule, c.session) for c in panels.explanation] == [("size", "S2")]
    assert panels.stats is not None and panels.stats.status == "INFEASIBLE"
    assert not panels.complete


def test_pin_of_an_unknown_judge_infeasible():
    case = inst([judge("A")], [session("S1", "一")], pins=[PanelPin("Z", "S1")])
    assert [c.message for c in assign(case).explanation] == [
        "不存在的评委 Z 被固定在 一 2026-07-20 08:30–12:00，但评委或场次不存在"
    ]


def test_room_changes_forced_are_minimised_and_proven():
    # A (甲厂) cannot sit in 二 in the morning nor in 一 in the afternoon: two newcomers at
    # least (A in 二, B in 一 after lunch), and the solver proves that.
    judges = [judge("A", "甲厂"), judge("B")]
    sessions = [
        session("S1", "一", units=()),
        session("S2", "二", units=("甲厂",)),
        session("S3", "一", "14:00", "17:30", units=("甲厂",)),
        session("S4", "二", "14:00", "17:30", units=()),
    ]
    panels = assign(inst(judges, sessions))
    assert seats(panels) == [
        ("S1", "A", True), ("S2", "B", True), ("S3", "B", True), ("S4", "A", True),
    ]  # fmt: skip
    assert panels.stats is not None
    assert dict((n, (v, b)) for n, v, b in panels.stats.goals)["room_changes"] == (2, 2)
    assert panels.stats.proven_optimal


def test_pin_as_leader_is_honoured():
    judges = [judge("A"), judge("B"), judge("C")]
    case = inst(
        judges, [session("S1", "一")], PanelRules(), pins=[PanelPin("C", "S1", leader=True)]
    )
    assert seats(assign(case)) == [("S1", "A", False), ("S1", "B", False), ("S1", "C", True)]


def test_pin_as_leader_of_a_judge_who_may_not_lead_infeasible():
    judges = [judge("A"), judge("B", lead=False)]
    case = inst(judges, [session("S1", "一")], pins=[PanelPin("B", "S1", leader=True)])
    assert [c.message for c in assign(case).explanation] == [
        "评委B（协会） 被固定在 一 2026-07-20 08:30–12:00，但其不能担任组长"
    ]
