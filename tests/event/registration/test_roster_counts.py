"""The organisers' counts beside the list: active registrations per category and per unit."""

from __future__ import annotations

from event.current import EventInfo
from event.registration import roster
from tests.event.desk.desk_data import add_people, add_person
from tests.factories import new_event


async def test_category_counts_count_active_registrations_of_the_event(event: EventInfo) -> None:
    await add_people(event.id)
    await add_person(event.id, "赵六", "丙公司", "observer", cancelled=True)
    other = await new_event()
    await add_person(other.id, "钱七", "丙公司", "presenter")
    counts = {c.category.value: c.active for c in await roster.category_counts(event.id)}
    assert counts == {"presenter": 1, "storyteller": 1, "quality_manager": 0, "association": 0,
                      "executive": 1, "frontline": 0, "award_rep": 0, "observer": 2}  # fmt: skip


async def test_unit_counts_largest_first_then_by_name(event: EventInfo) -> None:
    for name, unit in (("甲一", "B机床厂"), ("甲二", "B机床厂"), ("乙一", "A机床厂"),
                       ("乙二", "A机床厂"), ("丙一", "C铸造厂")):  # fmt: skip
        await add_person(event.id, name, unit)
    await add_person(event.id, "丙二", "C铸造厂", cancelled=True)
    await add_person(event.id, "丙三", "C铸造厂", cancelled=True)
    await add_person(event.id, "丁一", "D锻压厂", cancelled=True)
    other = await new_event()
    await add_person(other.id, "戊一", "C铸造厂")
    await add_person(other.id, "戊二", "C铸造厂")
    assert await roster.unit_counts(event.id) == [
        {"organization": "A机床厂", "n": 2},
        {"organization": "B机床厂", "n": 2},
        {"organization": "C铸造厂", "n": 1},
    ]
