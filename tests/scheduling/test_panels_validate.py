"""validate.py on hand-made panels: each hard rule kept and broken, with its Chinese message."""

from __future__ import annotations

from scheduling.panels import (
    Judge,
    PanelInstance,
    PanelPin,
    PanelRules,
    Panels,
    Seat,
    Session,
    validate,
)

DAY = "2026-07-20"
JUDGES = (
    Judge("A", "张三", "甲厂", "江苏", ("qc", "story"), True),
    Judge("B", "李四", "协会", "浙江", ("qc", "story"), False),
    Judge("C", "王五", "协会", "浙江", ("qc", "team"), True),
)
SESSIONS = (
    Session("S1", "第一分会场", DAY, "08:30", "12:00", "qc", ("乙厂",)),
    Session("S2", "第二分会场", DAY, "08:30", "12:00", "qc", ("甲厂",)),
    Session("S3", "主会场", DAY, "14:00", "17:30", "story", ()),
)
RULES = PanelRules(min_judges=1, max_judges=3)
GOOD = (Seat("S1", "A", True), Seat("S2", "C", True), Seat("S3", "A", True))
S1 = "第一分会场 2026-07-20 08:30–12:00"
S2 = "第二分会场 2026-07-20 08:30–12:00"
S3 = "主会场 2026-07-20 14:00–17:30"


def check(seats, pins=()):
    inst = PanelInstance(JUDGES, SESSIONS, RULES, tuple(pins))
    return [(v.rule, v.message) for v in validate(inst, Panels(tuple(seats)))]


def test_valid_panels_have_no_violation():
    assert check(GOOD) == []


def test_own_unit():
    seats = (Seat("S1", "C", True), Seat("S2", "A", True), GOOD[2])
    assert check(seats) == [("own_unit", f"张三（甲厂） 不能评审 {S2}：本场有其本单位的成果发表")]


def test_unqualified():
    seats = (*GOOD[:2], Seat("S3", "C", True))
    assert check(seats) == [
        ("unqualified", f"王五（协会） 未获「品牌故事」类评审资格，不能评审 {S3}")
    ]


def test_double_booked():
    seats = (Seat("S1", "C", True), Seat("S2", "C", True), GOOD[2])
    assert check(seats) == [("double_booked", f"王五（协会） 同时被安排在 {S1} 和 {S2}")]


def test_back_to_back_is_not_double_booked():
    assert check(GOOD) == []  # A sits in S1 (morning) and S3 (afternoon)


def test_panel_size_even():
    seats = (*GOOD, Seat("S3", "B"))
    assert check(seats) == [("panel_size", f"{S3} 的评委组有 2 名评委，应为 1–3 名且为奇数")]


def test_panel_size_empty_session():
    seats = GOOD[:2]
    assert check(seats) == [
        ("panel_size", f"{S3} 的评委组有 0 名评委，应为 1–3 名且为奇数"),
        ("leader_count", f"{S3} 的评委组有 0 名组长，应恰好一名"),
    ]


def test_leader_count_two():
    seats = (*GOOD[:2], Seat("S3", "A", True), Seat("S3", "B"), Seat("S3", "C", True))
    assert ("leader_count", f"{S3} 的评委组有 2 名组长，应恰好一名") in check(seats)


def test_leader_not_allowed():
    seats = (*GOOD[:2], Seat("S3", "B", True))
    assert check(seats) == [("leader_not_allowed", f"李四（协会） 不能担任组长（{S3}）")]


def test_pin_broken():
    found = check(GOOD, pins=[PanelPin("B", "S3")])
    assert found == [("pin_broken", f"李四（协会） 被固定为 {S3} 的评委，但安排中没有")]


def test_pin_as_leader_broken_when_only_a_member():
    seats = (*GOOD[:2], Seat("S3", "A", True), Seat("S3", "B"), Seat("S3", "C"))
    found = check(seats, pins=[PanelPin("C", "S3", leader=True)])
    assert found == [
        ("unqualified", f"王五（协会） 未获「品牌故事」类评审资格，不能评审 {S3}"),
        ("pin_broken", f"王五（协会） 被固定为 {S3} 的组长，但安排中没有"),
    ]


def test_pin_kept():
    assert check(GOOD, pins=[PanelPin("A", "S3", leader=True)]) == []


def test_unknown_and_duplicate_seats():
    seats = (*GOOD, Seat("S3", "A", True), Seat("S9", "Z"))
    assert [r for r, _ in check(seats)] == ["duplicate_seat", "unknown_ref"]
