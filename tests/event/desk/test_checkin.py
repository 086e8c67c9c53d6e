"""The 报到 desk's service: finding people, arriving once, counting arrivals."""

from __future__ import annotations

import asyncio

import pytest

from event.current import EventInfo
from event.desk import checkin
from event.errors import Conflict
from event.tables import Registration
from tests.event.desk.desk_data import add_people, add_person


async def _token(rid: int) -> str:
    row = (
        await Registration.select(Registration.checkin_token).where(Registration.id == rid).first()
    )
    return row["checkin_token"]


async def test_find_by_scanned_token(event: EventInfo) -> None:
    ids = await add_people(event.id)
    found = await checkin.find(event.id, await _token(ids[1]))
    assert (found.by, [p.name for p in found.people]) == ("token", ["王五"])


async def test_find_by_scanned_token_with_trailing_newline(event: EventInfo) -> None:
    ids = await add_people(event.id)
    found = await checkin.find(event.id, f" {await _token(ids[3])}\r\n")
    assert (found.by, [p.name for p in found.people]) == ("token", ["李四"])


async def test_find_personal_token_finds_nobody(event: EventInfo) -> None:
    ids = await add_people(event.id)
    row = await Registration.select(Registration.token).where(Registration.id == ids[0]).first()
    assert (await checkin.find(event.id, row["token"])).people == []


async def test_find_by_mobile_number_with_country_code(event: EventInfo) -> None:
    await add_people(event.id)
    found = await checkin.find(event.id, "+86 139-0000-5678")
    assert (found.by, [p.name for p in found.people]) == ("mobile", ["王伟"])


async def test_find_by_last_four_digits_of_mobile(event: EventInfo) -> None:
    await add_people(event.id)
    found = await checkin.find(event.id, "5678")
    assert (found.by, [p.name for p in found.people]) == ("mobile_tail", ["王伟"])


async def test_find_by_name_lists_homonyms_with_units(event: EventInfo) -> None:
    await add_people(event.id)
    await add_person(event.id, "王伟", "丙汽轮机有限公司", "frontline", "13600000009")
    found = await checkin.find(event.id, "王 伟")
    assert found.by == "name"
    assert sorted((p.name, p.unit, p.category_label) for p in found.people) == [
        ("王伟", "丙汽轮机有限公司", "一线员工"),
        ("王伟", "乙机床有限公司", "观摩人员"),
    ]


async def test_find_by_part_of_a_name(event: EventInfo) -> None:
    await add_people(event.id)
    found = await checkin.find(event.id, "王")
    assert sorted(p.name for p in found.people) == ["王五", "王伟"]


async def test_find_unknown_input_finds_nobody(event: EventInfo) -> None:
    await add_people(event.id)
    assert (await checkin.find(event.id, "欧阳修")).by == "none"


async def test_mobile_number_is_masked(event: EventInfo) -> None:
    await add_people(event.id)
    (person,) = (await checkin.find(event.id, "13900005678")).people
    assert person.mobile_masked == "139****5678"


async def test_arrive_once_then_says_when(event: EventInfo) -> None:
    ids = await add_people(event.id)
    first = await checkin.arrive(event.id, ids[0], "desk1")
    again = await checkin.arrive(event.id, ids[0], "desk2")
    assert (first.first, again.first) == (True, False)
    assert again.person.checked_in_at == first.person.checked_in_at
    assert again.person.checked_in_by == "desk1"


async def test_two_desks_at_once_one_wins(event: EventInfo) -> None:
    ids = await add_people(event.id)
    results = await asyncio.gather(
        *(checkin.arrive(event.id, ids[2], f"desk{i}") for i in range(4))
    )
    assert sorted(r.first for r in results) == [False, False, False, True]
    winner = next(r for r in results if r.first)
    assert {r.person.checked_in_by for r in results} == {winner.person.checked_in_by}


async def test_cancelled_registration_cannot_arrive(event: EventInfo) -> None:
    rid = await add_person(event.id, "赵六", "丙公司", cancelled=True)
    with pytest.raises(Conflict, match="该登记已取消"):
        await checkin.arrive(event.id, rid, "desk1")


async def test_arrival_counts_per_category(event: EventInfo) -> None:
    ids = await add_people(event.id)
    await add_person(event.id, "赵六", "丙公司", "observer", cancelled=True)
    await checkin.arrive(event.id, ids[1], "desk1")  # 王五 observer
    await checkin.arrive(event.id, ids[0], "desk1")  # 张三 presenter
    counts = {c.category: (c.arrived, c.registered) for c in await checkin.arrival_counts(event.id)}
    assert counts == {"presenter": (1, 1), "storyteller": (0, 1), "quality_manager": (0, 0),
                      "association": (0, 0), "executive": (0, 1), "frontline": (0, 0),
                      "award_rep": (0, 0), "observer": (1, 2)}  # fmt: skip
    assert [p.name for p in await checkin.recent_arrivals(event.id)] == ["张三", "王五"]
