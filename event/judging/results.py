"""From score sheets to awards: trimmed means, rankings, 一/二/三等, best per room, shortlist.

Pure functions on frozen dataclasses. Arithmetic is exact (Decimal): a mean is the exact sum
divided by the count, rounded once to two decimals ROUND_HALF_UP (RESULT_PLACES); rankings
compare those rounded means, which is what the published lists show.

Trimming: with at least TRIM_FROM (5) sheets the single highest and single lowest total are
dropped; with fewer nothing is dropped and the score says so (`short`, `note`). Each part
(资料, 发表, 演讲) is trimmed the same way on its own column, so part means need not add up
to the total.

Ties: entries with equal means are ordered by the tie-break parts in the order given, the
organisers' choice among TIE_RULES (by default the higher 发表 part); entries equal on all of
them share the rank (competition ranking 1, 2, 2, 4) and are marked tied. Each note says how
its tie was treated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from event.judging.rubrics import DELIVERY, MATERIAL, PART_NAMES

TRIM_FROM = 5
RESULT_PLACES = Decimal("0.01")
GRADES = ("一等", "二等", "三等")
# The rules organisers choose from: code → (Chinese label, tie-break parts in order).
TIE_RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "delivery": ("发表部分得分高者在前", (DELIVERY,)),
    "material": ("资料部分得分高者在前", (MATERIAL,)),
    "none": ("不拆分，并列", ()),
}
DEFAULT_TIE_RULE = "delivery"
DEFAULT_TIE_BREAK = TIE_RULES[DEFAULT_TIE_RULE][1]


@dataclass(frozen=True)
class Sheet:
    """One judge's submitted sheet for one presentation: part sums and their total."""

    judge: str
    presentation: str
    total: Decimal
    parts: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class Score:
    presentation: str
    mean: Decimal
    parts: tuple[tuple[str, Decimal], ...]
    count: int  # sheets received
    trimmed: bool  # highest and lowest dropped
    short: bool  # fewer sheets than TRIM_FROM, or than the panel has judges
    note: str  # Chinese, empty when there is nothing to say

    def part(self, code: str) -> Decimal:
        """The trimmed mean of one part (0 when the rubric has no such part)."""
        return dict(self.parts).get(code, Decimal(0))


@dataclass(frozen=True)
class Entry:
    """A presentation to rank: where it was heard, its kind, unit and score."""

    presentation: str
    room: str
    kind: str
    unit: str
    score: Score


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    rank: int
    tied: bool  # shares its rank with another entry
    note: str = ""  # Chinese: how a tie was broken or that it stands
    grade: str = ""  # 一等 / 二等 / 三等 / "" (none)


def _round(value: Decimal) -> Decimal:
    return value.quantize(RESULT_PLACES, rounding=ROUND_HALF_UP)


def trimmed_mean(values: Sequence[Decimal]) -> tuple[Decimal, bool]:
    """(mean rounded to RESULT_PLACES, whether the highest and lowest were dropped).

    Five or more values: one highest and one lowest dropped. An empty list gives (0, False).
    """
    if not values:
        return Decimal("0.00"), False
    kept = sorted(values)
    trimmed = len(kept) >= TRIM_FROM
    if trimmed:
        kept = kept[1:-1]
    return _round(sum(kept, Decimal(0)) / len(kept)), trimmed


def _note(count: int, panel: int | None) -> str:
    parts = []
    if panel is not None and count < panel:
        parts.append(f"评委组 {panel} 人，只收到 {count} 份评分")
    if count < TRIM_FROM:
        parts.append(f"评分不足 {TRIM_FROM} 份（{count} 份），未去掉最高分和最低分")
    return "；".join(parts)


def score(presentation: str, sheets: Iterable[Sheet], panel: int | None = None) -> Score:
    """The trimmed-mean score of one presentation from its sheets (`panel`: judges seated)."""
    mine = [s for s in sheets if s.presentation == presentation]
    mean, trimmed = trimmed_mean([s.total for s in mine])
    codes = list(dict.fromkeys(code for s in mine for code, _ in s.parts))
    parts = tuple(
        (code, trimmed_mean([dict(s.parts).get(code, Decimal(0)) for s in mine])[0])
        for code in codes
    )
    short = len(mine) < TRIM_FROM or (panel is not None and len(mine) < panel)
    return Score(presentation, mean, parts, len(mine), trimmed, short, _note(len(mine), panel))


def _key(entry: Entry, tie_break: Sequence[str]) -> tuple[Decimal, ...]:
    return (entry.score.mean, *(entry.score.part(code) for code in tie_break))


def _tie_note(same_mean: list[Entry], same_key: list[Entry], tie_break: Sequence[str]) -> str:
    if not same_mean:
        return ""
    if not tie_break:
        return f"与 {'、'.join(o.presentation for o in same_mean)} 总分相同，不拆分，并列"
    rule = "、".join(f"{PART_NAMES.get(c, c)}部分" for c in tie_break)
    if same_key:
        return f"与 {'、'.join(o.presentation for o in same_key)} 总分和{rule}得分均相同，并列"
    names = "、".join(o.presentation for o in same_mean)
    return f"与 {names} 总分相同，按{rule}得分较高者在前"


def rank(entries: Iterable[Entry], tie_break: Sequence[str] = DEFAULT_TIE_BREAK) -> list[Ranked]:
    """Entries best first with competition ranks (1, 2, 2, 4); see the module docstring. A
    tie-break part that not every entry has (a story has no 发表 part) is left out."""
    ordered = sorted(entries, key=lambda e: e.presentation)  # a stable, explicit base order
    tie_break = tuple(c for c in tie_break if all(c in dict(e.score.parts) for e in ordered))
    ordered.sort(key=lambda e: _key(e, tie_break), reverse=True)
    out: list[Ranked] = []
    for entry in ordered:
        key = _key(entry, tie_break)
        first = next(j for j, e in enumerate(ordered) if _key(e, tie_break) == key)
        same_key = [e for e in ordered if e is not entry and _key(e, tie_break) == key]
        same_mean = [e for e in ordered if e is not entry and e.score.mean == entry.score.mean]
        note = _tie_note(same_mean, same_key, tie_break)
        out.append(Ranked(entry, first + 1, bool(same_key), note))
    return out


def rank_by(
    entries: Iterable[Entry], field: str, tie_break: Sequence[str] = DEFAULT_TIE_BREAK
) -> dict[str, list[Ranked]]:
    """Rankings per value of `field` ("room" or "kind"), groups in first-seen order."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[getattr(entry, field)].append(entry)
    return {key: rank(group, tie_break) for key, group in groups.items()}


@dataclass(frozen=True)
class Thresholds:
    """The lowest mean of each grade (一等 >= first, 二等 >= second, 三等 >= third)."""

    first: Decimal
    second: Decimal
    third: Decimal


@dataclass(frozen=True)
class Quotas:
    """How many of each grade, as cumulative rank limits: rank <= first is 一等, rank <=
    first + second is 二等, rank <= first + second + third is 三等. Entries tied at a limit
    share a rank, so all of them get the better grade (the quota is then exceeded)."""

    first: int
    second: int
    third: int


def quotas_from_shares(count: int, shares: tuple[Decimal, Decimal, Decimal]) -> Quotas:
    """Quotas for `count` entries from shares (0.5 = half), each rounded ROUND_HALF_UP."""
    first, second, third = (
        int((count * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)) for share in shares
    )
    return Quotas(first, second, third)


def grade_by_thresholds(ranked: Iterable[Ranked], thresholds: Thresholds) -> list[Ranked]:
    """Each entry graded by its mean against the thresholds ("" below the third)."""
    limits = (thresholds.first, thresholds.second, thresholds.third)
    return [
        replace(
            r,
            grade=next(
                (g for g, low in zip(GRADES, limits, strict=True) if r.entry.score.mean >= low), ""
            ),
        )
        for r in ranked
    ]


def grade_by_quotas(ranked: Iterable[Ranked], quotas: Quotas) -> list[Ranked]:
    """Each entry graded by its rank against the cumulative quota limits (see Quotas)."""
    limits = (
        quotas.first,
        quotas.first + quotas.second,
        quotas.first + quotas.second + quotas.third,
    )
    return [
        replace(
            r, grade=next((g for g, top in zip(GRADES, limits, strict=True) if r.rank <= top), "")
        )
        for r in ranked
    ]


def best_per_room(by_room: dict[str, list[Ranked]]) -> dict[str, list[Ranked]]:
    """The rank-1 entries of each room (several only when tied on every tie-break part)."""
    return {room: [r for r in ranked if r.rank == 1] for room, ranked in by_room.items()}


def shortlist(
    entries: Iterable[Entry],
    count: int,
    per_room: int | None = None,
    tie_break: Sequence[str] = DEFAULT_TIE_BREAK,
) -> list[Ranked]:
    """The best `count` entries of all rooms for the last day, ranked together.

    With `per_room`, at most that many from one room (the next best is taken instead). An
    entry tied (on every tie-break part) with the last one taken is taken too, so the list can
    be longer than `count`; the organiser then decides.
    """
    taken: list[Ranked] = []
    rooms: dict[str, int] = defaultdict(int)
    for r in rank(entries, tie_break):
        if per_room is not None and rooms[r.entry.room] >= per_room:
            continue
        if len(taken) >= count and not (r.tied and r.rank == taken[-1].rank):
            break
        taken.append(r)
        rooms[r.entry.room] += 1
    return taken
