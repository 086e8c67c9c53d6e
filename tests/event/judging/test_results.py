"""Trimmed means, rankings, grades, best per room and the shortlist against hand-computed cases."""

from __future__ import annotations

from decimal import Decimal as D

from event.judging.results import (
    DEFAULT_TIE_BREAK,
    DEFAULT_TIE_RULE,
    TIE_RULES,
    Entry,
    Quotas,
    Score,
    Sheet,
    Thresholds,
    best_per_room,
    grade_by_quotas,
    grade_by_thresholds,
    quotas_from_shares,
    rank,
    rank_by,
    score,
    shortlist,
    trimmed_mean,
)
from event.judging.rubrics import default_rubric, sheet_totals


def entry(pid: str, mean: str, delivery: str = "30", room: str = "第一分会场", kind: str = "qc"):
    parts = (("material", D(mean) - D(delivery)), ("delivery", D(delivery)))
    return Entry(pid, room, kind, f"{pid}单位", Score(pid, D(mean), parts, 5, True, False, ""))


# P2 90; P1 and P3 88 but P3 has the higher 发表 part; P4 and P5 85 with equal parts.
ENTRIES = [
    entry("P1", "88", "35"),
    entry("P2", "90", "36", room="第二分会场"),
    entry("P3", "88", "36"),
    entry("P4", "85", "34", room="第二分会场"),
    entry("P5", "85", "34"),
]


def table(ranked):
    return [(r.entry.presentation, r.rank, r.tied, r.grade) for r in ranked]


def test_trimmed_mean_five_scores_drops_highest_and_lowest():
    # (90 + 85 + 88) / 3 = 87.666… -> 87.67
    assert trimmed_mean([D(90), D(85), D(88), D(92), D(80)]) == (D("87.67"), True)


def test_trimmed_mean_four_scores_keeps_all():
    assert trimmed_mean([D(90), D(85), D(88), D(92)]) == (D("88.75"), False)


def test_trimmed_mean_drops_only_one_of_equal_highest():
    # 90 90 88 85 85 80 70 -> drop one 90 and the 70: 428 / 5 = 85.6
    values = [D(90), D(90), D(80), D(85), D(85), D(70), D(88)]
    assert trimmed_mean(values) == (D("85.60"), True)


def test_trimmed_mean_rounds_half_up():
    # 340.1 / 4 = 85.025 -> 85.03 (half-even would give 85.02)
    assert trimmed_mean([D("85.1"), D(85), D(85), D(85)]) == (D("85.03"), False)


def test_trimmed_mean_of_nothing_is_zero():
    assert trimmed_mean([]) == (D("0.00"), False)


def sheets(pid: str, rows: list[tuple[str, str]]) -> list[Sheet]:
    return [
        Sheet(f"J{i}", pid, D(m) + D(d), (("material", D(m)), ("delivery", D(d))))
        for i, (m, d) in enumerate(rows)
    ]


def test_score_full_panel_trims_total_and_each_part():
    rows = [("50", "35"), ("55", "36"), ("52", "30"), ("58", "38"), ("45", "32")]
    # totals 85 91 82 96 77 -> (85 + 91 + 82) / 3 = 86.00
    # material 50 55 52 58 45 -> 52.33; delivery 35 36 30 38 32 -> 34.33
    got = score("P1", sheets("P1", rows), panel=5)
    assert (got.mean, got.parts, got.trimmed, got.short, got.note) == (
        D("86.00"),
        (("material", D("52.33")), ("delivery", D("34.33"))),
        True,
        False,
        "",
    )


def test_score_short_panel_says_so_and_does_not_trim():
    rows = [("50", "35"), ("55", "36"), ("52", "30")]
    got = score("P1", sheets("P1", rows), panel=5)
    assert (got.mean, got.count, got.trimmed, got.short) == (D("86.00"), 3, False, True)
    assert got.note == "评委组 5 人，只收到 3 份评分；评分不足 5 份（3 份），未去掉最高分和最低分"


def test_score_panel_of_three_is_short_of_trimming_only():
    rows = [("50", "35"), ("55", "36"), ("52", "30")]
    assert score("P1", sheets("P1", rows), panel=3).note == (
        "评分不足 5 份（3 份），未去掉最高分和最低分"
    )


def test_score_ignores_other_presentations_sheets():
    mixed = sheets("P1", [("50", "35")]) + sheets("P2", [("10", "10")])
    assert score("P1", mixed).mean == D("85.00")


def test_rank_ties_broken_by_delivery_then_shared():
    assert table(rank(ENTRIES)) == [
        ("P2", 1, False, ""),
        ("P3", 2, False, ""),
        ("P1", 3, False, ""),
        ("P4", 4, True, ""),
        ("P5", 4, True, ""),
    ]


def test_rank_notes_say_how_ties_were_treated():
    notes = {r.entry.presentation: r.note for r in rank(ENTRIES)}
    assert notes == {
        "P2": "",
        "P3": "与 P1 总分相同，按发表部分得分较高者在前",
        "P1": "与 P3 总分相同，按发表部分得分较高者在前",
        "P4": "与 P5 总分和发表部分得分均相同，并列",
        "P5": "与 P4 总分和发表部分得分均相同，并列",
    }


def test_tie_rule_material_puts_the_higher_material_part_first():
    # P1 88 = 53 + 35, P3 88 = 52 + 36: by 资料 P1 is ahead (by 发表 it was P3)
    ranked = rank(ENTRIES, TIE_RULES["material"][1])
    assert table(ranked) == [
        ("P2", 1, False, ""),
        ("P1", 2, False, ""),
        ("P3", 3, False, ""),
        ("P4", 4, True, ""),
        ("P5", 4, True, ""),
    ]
    assert ranked[1].note == "与 P3 总分相同，按资料部分得分较高者在前"
    assert ranked[3].note == "与 P5 总分和资料部分得分均相同，并列"


def test_tie_rule_none_lets_every_equal_mean_share_its_rank():
    ranked = rank(ENTRIES, TIE_RULES["none"][1])
    assert table(ranked) == [
        ("P2", 1, False, ""),
        ("P1", 2, True, ""),
        ("P3", 2, True, ""),
        ("P4", 4, True, ""),
        ("P5", 4, True, ""),
    ]
    assert [r.note for r in ranked[1:3]] == [
        "与 P3 总分相同，不拆分，并列",
        "与 P1 总分相同，不拆分，并列",
    ]


def test_tie_rule_delivery_is_the_default():
    assert DEFAULT_TIE_RULE == "delivery"
    assert table(rank(ENTRIES)) == table(rank(ENTRIES, TIE_RULES["delivery"][1]))


def test_stories_have_no_delivery_part_so_their_ties_stand():
    def story(pid: str, mean: str) -> Entry:
        score = Score(pid, D(mean), (("speech", D(mean)),), 5, True, False, "")
        return Entry(pid, "第三分会场", "story", f"{pid}单位", score)

    ranked = rank([story("S1", "91"), story("S2", "91"), story("S3", "92")], DEFAULT_TIE_BREAK)
    assert [(r.entry.presentation, r.rank, r.tied, r.note) for r in ranked] == [
        ("S3", 1, False, ""),
        ("S1", 2, True, "与 S2 总分相同，不拆分，并列"),
        ("S2", 2, True, "与 S1 总分相同，不拆分，并列"),
    ]


def test_rank_without_tie_break_shares_equal_means():
    assert [(r.entry.presentation, r.rank) for r in rank(ENTRIES, tie_break=())] == [
        ("P2", 1), ("P1", 2), ("P3", 2), ("P4", 4), ("P5", 4),
    ]  # fmt: skip


def test_rank_by_room():
    by_room = rank_by(ENTRIES, "room")
    assert {k: [(r.entry.presentation, r.rank) for r in v] for k, v in by_room.items()} == {
        "第一分会场": [("P3", 1), ("P1", 2), ("P5", 3)],
        "第二分会场": [("P2", 1), ("P4", 2)],
    }


def test_rank_by_kind():
    entries = [*ENTRIES, entry("S1", "95", room="主会场", kind="story")]
    assert {k: len(v) for k, v in rank_by(entries, "kind").items()} == {"qc": 5, "story": 1}


def test_grades_by_thresholds():
    ranked = rank([*ENTRIES, entry("P6", "84.99")])
    graded = grade_by_thresholds(ranked, Thresholds(D(90), D(86), D(85)))
    assert [(r.entry.presentation, r.grade) for r in graded] == [
        ("P2", "一等"), ("P3", "二等"), ("P1", "二等"), ("P4", "三等"), ("P5", "三等"), ("P6", ""),
    ]  # fmt: skip


def test_grades_by_quotas_tie_at_the_limit_gets_the_better_grade():
    # limits: rank <= 1 一等, <= 3 二等, <= 3 三等 (quota 0): P4/P5 share rank 4 -> none
    graded = grade_by_quotas(rank(ENTRIES), Quotas(1, 2, 0))
    assert [r.grade for r in graded] == ["一等", "二等", "二等", "", ""]
    # quota of one 三等: both tied at rank 4 get it
    graded = grade_by_quotas(rank(ENTRIES), Quotas(1, 2, 1))
    assert [r.grade for r in graded] == ["一等", "二等", "二等", "三等", "三等"]


def test_quotas_from_shares_round_half_up():
    # the 32nd meeting: 333 QC results, about 57 % / 27 % / 10 %
    assert quotas_from_shares(333, (D("0.57"), D("0.27"), D("0.10"))) == Quotas(190, 90, 33)
    assert quotas_from_shares(5, (D("0.5"), D("0.3"), D("0.1"))) == Quotas(3, 2, 1)


def test_best_per_room():
    best = best_per_room(rank_by(ENTRIES, "room"))
    assert {k: [r.entry.presentation for r in v] for k, v in best.items()} == {
        "第一分会场": ["P3"],
        "第二分会场": ["P2"],
    }


def test_best_per_room_shared_when_tied_on_everything():
    tied = [entry("A", "90", "35"), entry("B", "90", "35"), entry("C", "80")]
    best = best_per_room(rank_by(tied, "room"))
    assert [(r.entry.presentation, r.tied) for r in best["第一分会场"]] == [
        ("A", True),
        ("B", True),
    ]


def test_shortlist_top_two():
    assert [r.entry.presentation for r in shortlist(ENTRIES, 2)] == ["P2", "P3"]


def test_shortlist_takes_everyone_tied_at_the_cut():
    assert [r.entry.presentation for r in shortlist(ENTRIES, 4)] == ["P2", "P3", "P1", "P4", "P5"]


def test_shortlist_at_most_one_per_room():
    assert [r.entry.presentation for r in shortlist(ENTRIES, 3, per_room=1)] == ["P2", "P3"]


def test_rubric_sheets_to_score():
    rubric = default_rubric("qc")
    full = {i.code: D(i.max_points) for _, i in rubric.items()}
    marks = [full | {"m_cause": D(c), "d_answer": D(a)} for c, a in
             (("15", "5"), ("12", "4"), ("10", "3"), ("14", "4.5"), ("13", "2"))]  # fmt: skip
    # totals 100 96 93 98.5 95 -> (96 + 98.5 + 95) / 3 = 96.50
    # 发表 40 39 38 39.5 37 -> (39 + 38 + 39.5) / 3 = 38.833… -> 38.83
    rows = []
    for i, m in enumerate(marks):
        t = sheet_totals(rubric, m)
        rows.append(
            Sheet(
                f"J{i}",
                "QC-001",
                t["total"],
                (("material", t["material"]), ("delivery", t["delivery"])),
            )
        )
    got = score("QC-001", rows, panel=5)
    assert (got.mean, got.part("delivery")) == (D("96.50"), D("38.83"))
