"""The plain rows the handbook prints, computed from a Programme."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from event.programme.render.model import AgendaItem, Delegate, Programme, Room
from event.programme.render.view import (
    delegate_units,
    display_name,
    handbook,
    room_rank,
    room_span,
    running_orders,
)

BEIJING = ZoneInfo("Asia/Shanghai")
T0 = datetime(2021, 8, 18, 14, 0, tzinfo=BEIJING)
ROOMS = [(i + 1, f"第{c}分会场") for i, c in enumerate("一二三四")]
RANK = room_rank(ROOMS)


def item(uid: str, title: str, room: str, minutes: int = 0, **kw: object) -> AgendaItem:
    start = T0 + timedelta(minutes=minutes)
    return AgendaItem(uid, title, start, start + timedelta(minutes=14), T0, room_name=room, **kw)  # type: ignore[arg-type]


def test_agenda_item_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        AgendaItem("x", "y", datetime(2021, 8, 18), datetime(2021, 8, 18), T0)


def test_room_span_consecutive_rooms_print_as_a_range():
    assert room_span(set(ROOMS), RANK) == "第一分会场至第四分会场"


def test_room_span_gap_lists_the_rooms():
    assert room_span({ROOMS[0], ROOMS[1], ROOMS[3]}, RANK) == "第一分会场、第二分会场、第四分会场"


def test_room_span_by_name_for_a_plenary_place_named_in_free_text():
    assert room_span({(None, "第一分会场"), (None, "第二分会场"), (3, "第三分会场")}, RANK) == (
        "第一分会场至第三分会场"
    )


def test_running_orders_keep_two_rooms_of_one_name_apart():
    twins = (Room("分会场", id=7), Room("分会场", id=8))
    items = tuple(
        item(f"u{n}", f"课题{n}", "分会场", minutes=20 * n, kind="presentation", room_id=room)
        for n, room in enumerate((7, 8, 8))
    )
    orders = running_orders(Programme(name="会", items=items, rooms=twins))
    assert [(o.room, o.count) for o in orders] == [("分会场", 1), ("分会场", 2)]


def test_running_order_cancelled_talk_has_no_number_nor_time_and_comes_last():
    items = (
        item("a", "甲", "第一分会场", 0, kind="presentation", room_id=1, status="cancelled"),
        item("b", "乙", "第一分会场", 20, kind="presentation", room_id=1),
    )
    (order,) = running_orders(Programme(name="会", items=items, rooms=(Room("第一分会场", id=1),)))
    ((_, rows),) = order.days
    assert [(r.number, r.time, r.title, r.cancelled) for r in rows] == [
        ("1", "14:20–14:34", "乙", False), ("", "", "甲", True),
    ]  # fmt: skip
    assert order.count == 1


def test_display_name_is_never_padded():
    assert [display_name(n) for n in ("王芳", "王 芳", "王一鸣", "Li  Na")] == [
        "王芳",
        "王芳",
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
        ("一汽解放汽车有限公司", ("王芳",)),
        ("三一重工股份有限公司", ("丁一", "田富", "田大利")),
    ]


def test_delegate_units_by_pinyin_on_request():
    people = [Delegate(n, "单位") for n in ("张三", "李四", "王芳")]
    (unit,) = delegate_units(people, "pinyin")
    assert unit.names == ("李四", "王芳", "张三")


def test_handbook_merges_parallel_sessions_into_one_agenda_row():
    items = tuple(
        item(f"s{i}", "分会场成果发表（下午）", room, kind="session", host=f"主持{i}", room_id=i)
        for i, room in ROOMS
    )
    hb = handbook(Programme("交流活动", items, rooms=tuple(Room(r, id=i) for i, r in ROOMS)))
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
