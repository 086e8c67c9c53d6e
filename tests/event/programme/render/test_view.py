"""The plain rows the handbook prints, computed from a Programme."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from event.programme.render.model import AgendaItem, Delegate, Programme, Room
from event.programme.render.view import delegate_units, display_name, handbook, room_span

BEIJING = ZoneInfo("Asia/Shanghai")
T0 = datetime(2021, 8, 18, 14, 0, tzinfo=BEIJING)
ROOMS = {f"第{c}分会场": i for i, c in enumerate("一二三四")}


def item(uid: str, title: str, room: str, minutes: int = 0, **kw: object) -> AgendaItem:
    start = T0 + timedelta(minutes=minutes)
    return AgendaItem(uid, title, start, start + timedelta(minutes=14), T0, room_name=room, **kw)  # type: ignore[arg-type]


def test_agenda_item_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        AgendaItem("x", "y", datetime(2021, 8, 18), datetime(2021, 8, 18), T0)


def test_room_span_consecutive_rooms_print_as_a_range():
    assert room_span(set(ROOMS), ROOMS) == "第一分会场至第四分会场"


def test_room_span_gap_lists_the_rooms():
    assert (
        room_span({"第一分会场", "第二分会场", "第四分会场"}, ROOMS)
        == "第一分会场、第二分会场、第四分会场"
    )


def test_display_name_two_characters_get_a_full_width_space():
    assert [display_name(n) for n in ("王芳", "王一鸣", "Li Na")] == [
        "王\u3000芳",
        "王一鸣",
        "Li Na",
    ]


def test_delegate_units_sorted_by_strokes_inside_and_between_units():
    people = [
        Delegate("田大利", "三一重工股份有限公司"),
        Delegate("田富", "三一重工股份有限公司"),
        Delegate("丁一", "三一重工股份有限公司"),
        Delegate("王芳", "一汽解放汽车有限公司"),
    ]
    units = delegate_units(people, "strokes")
    assert [(u.unit, u.names) for u in units] == [
        ("一汽解放汽车有限公司", ("王\u3000芳",)),
        ("三一重工股份有限公司", ("丁\u3000一", "田\u3000富", "田大利")),
    ]


def test_delegate_units_by_pinyin_on_request():
    people = [Delegate(n, "单位") for n in ("张三", "李四", "王芳")]
    (unit,) = delegate_units(people, "pinyin")
    assert unit.names == ("李\u3000四", "王\u3000芳", "张\u3000三")


def test_handbook_merges_parallel_sessions_into_one_agenda_row():
    items = tuple(
        item(f"s{i}", "分会场成果发表（下午）", room, kind="session", host=f"主持{i}")
        for i, room in enumerate(ROOMS)
    )
    hb = handbook(Programme("交流活动", items, rooms=tuple(Room(r) for r in ROOMS)))
    (day,) = hb.agenda
    assert (day.day, day.weekday) == ("8月18日", "（星期三）")
    (row,) = day.rows
    assert (row.time, row.location, row.host) == (
        "14:00–14:14",
        "第一分会场至第四分会场",
        "见各分会场",
    )


def test_handbook_running_order_numbers_follow_the_draw():
    items = (
        item("p2", "成果乙", "第二分会场", 15, kind="presentation", order=2, presenters=("李四",)),
        item("p1", "成果甲", "第二分会场", 0, kind="presentation", order=1),
        item("open", "开幕式", "主会场", -60, kind="ceremony"),
    )
    hb = handbook(
        Programme("交流活动", items, rooms=(Room("主会场"), Room("第二分会场", chair="张三")))
    )
    (order,) = hb.running_orders
    assert (order.room, order.chair, order.count) == ("第二分会场", "张三", 2)
    ((heading, rows),) = order.days
    assert heading == "8月18日（星期三）"
    assert [(r.number, r.time, r.title, r.presenters) for r in rows] == [
        ("1", "14:00–14:14", "成果甲", ()),
        ("2", "14:15–14:29", "成果乙", ("李四",)),
    ]


def test_handbook_without_dates_or_venue_says_announced_later():
    hb = handbook(Programme("交流活动", ()))
    assert (hb.dates, hb.venue) == ("另行通知", "另行通知")
