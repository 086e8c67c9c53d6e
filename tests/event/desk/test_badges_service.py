"""Badges from the database: selection, order, numbers, tokens and room lines."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from event import printing
from event.current import EventInfo
from event.desk import badges
from event.tables import Assignment, Person, PresentationPresenter, Registration, Schedule
from tests.event.desk.desk_data import add_people, add_person
from tests.event.programme.schedule_data import Seeded, add_presentation, add_room

ORDER = ["王伟", "李四", "丁一", "王五", "张三"]  # 乙… (1 stroke) before 甲… (5), then 姓氏笔画


async def test_batch_is_sorted_by_unit_then_surname_strokes(event: EventInfo) -> None:
    await add_people(event.id)
    selected = await badges.select(event)
    assert [b.name for b in selected] == ORDER
    assert [b.number for b in selected] == ["0001", "0002", "0003", "0004", "0005"]


async def test_numbers_stay_when_someone_registers_later(event: EventInfo) -> None:
    await add_people(event.id)
    await badges.select(event)
    await add_person(event.id, "丁丁", "乙机床有限公司")  # sorts first, numbered last
    selected = await badges.select(event)
    assert [(b.name, b.number) for b in selected] == [
        ("丁丁", "0006"), ("王伟", "0001"), ("李四", "0002"), ("丁一", "0003"),
        ("王五", "0004"), ("张三", "0005"),
    ]  # fmt: skip


async def test_category_batch_has_only_that_category(event: EventInfo) -> None:
    await add_people(event.id)
    assert [b.name for b in await badges.select(event, category="observer")] == ["王伟", "王五"]


async def test_unit_batch_has_only_that_unit(event: EventInfo) -> None:
    await add_people(event.id)
    selected = await badges.select(event, unit="乙机床有限公司")
    assert [(b.name, b.unit) for b in selected] == [
        ("王伟", "乙机床有限公司"), ("李四", "乙机床有限公司"),
    ]  # fmt: skip


async def test_cancelled_registration_gets_no_badge(event: EventInfo) -> None:
    await add_person(event.id, "赵六", "丙公司", cancelled=True)
    await add_person(event.id, "钱七", "丙公司")
    assert [b.name for b in await badges.select(event)] == ["钱七"]


async def test_missing_checkin_token_is_filled_and_kept(event: EventInfo) -> None:
    rid = await add_person(event.id, "孙八", "丙公司", checkin_token=None)
    (badge,) = await badges.select(event)
    stored = await Registration.select(Registration.checkin_token, Registration.token).where(
        Registration.id == rid
    ).first()  # fmt: skip
    assert badge.token == stored["checkin_token"]
    assert len(badge.token) == 22
    assert badge.token != stored["token"]


async def test_badge_token_is_the_checkin_token_not_the_personal_token(event: EventInfo) -> None:
    rid = await add_person(event.id, "周九", "丙公司", checkin_token="Zq3-checkin-token-0001")
    (badge,) = await badges.select(event, registration_id=rid)
    assert badge.token == "Zq3-checkin-token-0001"


async def _published(event: EventInfo, person_id: int, version: int | None) -> tuple[int, int]:
    """A presentation by this person, placed in a schedule of this version; (schedule, room)."""
    mobile = (await Person.select(Person.mobile).where(Person.id == person_id).first())["mobile"]
    room = await add_room(event, "第三分会场")
    seeded = Seeded(rooms={}, presentations={}, people={mobile: person_id})
    code = f"QC-{version or 0:03d}"
    presentation = await add_presentation(
        event, seeded, code, mobile=mobile, org=f"第{version}机床有限公司"
    )
    schedule = (await Schedule.insert(Schedule(event=event.id, version=version,
                created_at=datetime.now(UTC))).returning(Schedule.id))[0]["id"]  # fmt: skip
    await Assignment.insert(Assignment(
        schedule=schedule, presentation=presentation, room=room, block="D1-PM", position=0,
        starts_at=datetime(2021, 8, 18, 6, 0, tzinfo=UTC), ends_at=datetime(2021, 8, 18, 6, 18, tzinfo=UTC),
    ))  # fmt: skip
    return schedule, room


async def _person_of(rid: int) -> int:
    return (await Registration.select(Registration.person).where(Registration.id == rid).first())[
        "person"
    ]


async def test_presenter_badge_lists_room_and_time_of_published_schedule(
    event: EventInfo,
) -> None:
    rid = await add_person(event.id, "吴十", "丙公司", "presenter")
    await _published(event, await _person_of(rid), 1)
    (badge,) = await badges.select(event)
    assert badge.room_lines == ("第三分会场 8月18日 14:00",)


async def test_draft_schedule_prints_no_room_lines(event: EventInfo) -> None:
    rid = await add_person(event.id, "吴十", "丙公司", "presenter")
    await _published(event, await _person_of(rid), None)
    (badge,) = await badges.select(event)
    assert badge.room_lines == ()


async def test_highest_published_version_wins_and_cancelled_talks_drop(event: EventInfo) -> None:
    rid = await add_person(event.id, "吴十", "丙公司", "presenter")
    person = await _person_of(rid)
    await _published(event, person, 1)
    schedule, _ = await _published(event, person, 2)
    (badge,) = await badges.select(event)
    assert badge.room_lines == ("第三分会场 8月18日 14:00",)
    await Assignment.update({Assignment.cancelled: True}).where(Assignment.schedule == schedule)
    (badge,) = await badges.select(event)
    assert badge.room_lines == ()


async def test_room_lines_follow_the_presenters_as_published(event: EventInfo) -> None:
    # 吴十's talk is published; the unit then names 郑十一: until the next version is
    # published, the badges say what the programme says (吴十 presents, 郑十一 not yet)
    old = await _person_of(await add_person(event.id, "吴十", "丙公司", "presenter"))
    new = await _person_of(await add_person(event.id, "郑十一", "丙公司", "presenter"))
    schedule, _ = await _published(event, old, 1)
    await Assignment.update({Assignment.presenters: [old]}).where(Assignment.schedule == schedule)
    await PresentationPresenter.update({PresentationPresenter.person: new}).where(
        PresentationPresenter.person == old
    )  # fmt: skip
    lines = {b.name: b.room_lines for b in await badges.select(event)}
    assert lines == {"吴十": ("第三分会场 8月18日 14:00",), "郑十一": ()}
    (desk,) = await badges.select(event, registration_id=(await _registration_of(old)))
    assert desk.room_lines == ("第三分会场 8月18日 14:00",)


async def _registration_of(person: int) -> int:
    row = await Registration.select(Registration.id).where(Registration.person == person).first()
    return row["id"]


def test_more_talks_than_lines_end_with_a_count() -> None:
    badge = badges.Badge("0001", "吴十", "丙公司", "presenter", "", "t" * 22,
                         tuple(f"第{n}分会场 8月18日 14:00" for n in "一二三四"))  # fmt: skip
    (fitted,) = printing.fit_room_lines([badge], "card")
    assert fitted.room_lines == ("第一分会场 8月18日 14:00", "另有3场，详见日程")


def test_dates_label_shortens_the_same_month() -> None:
    from datetime import date

    assert printing.dates_label(date(2021, 8, 18), date(2021, 8, 20)) == "2021年8月18日—20日"
    assert printing.dates_label(date(2021, 8, 31), date(2021, 9, 2)) == "2021年8月31日—9月2日"
    assert printing.dates_label(None, None) == ""


def test_palette_colours_come_from_the_environment() -> None:
    colours = printing.palette({"QCCONF_BADGE_COLOURS": "observer=#123456, presenter=#ABCDEF"})
    assert (colours.style("observer").colour, colours.style("presenter").colour) == (
        "#123456", "#ABCDEF",
    )  # fmt: skip


def test_palette_with_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown category codes: visitor"):
        printing.palette({"QCCONF_BADGE_COLOURS": "visitor=#123456"})


async def test_two_first_prints_at_once_give_each_number_once(event: EventInfo) -> None:
    await add_people(event.id)
    await asyncio.gather(badges.prepare(event.id), badges.prepare(event.id))
    numbers = [r["badge_number"] for r in await Registration.select(Registration.badge_number)]
    assert sorted(numbers) == [1, 2, 3, 4, 5]
