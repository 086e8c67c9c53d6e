"""Chinese date and time formats."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from event.programme.render.dates import date_range, day_heading, long_date, time_range, zone

BEIJING = ZoneInfo("Asia/Shanghai")


def test_long_date_prints_without_leading_zeros():
    assert long_date(date(2021, 8, 8)) == "2021年8月8日"


def test_day_heading_adds_the_weekday():
    assert day_heading(date(2021, 8, 18)) == "8月18日（星期三）"


def test_date_range_same_month_shortens_the_end():
    assert date_range(date(2021, 8, 18), date(2021, 8, 20)) == "2021年8月18日—20日"


def test_date_range_across_months_keeps_the_month():
    assert date_range(date(2021, 8, 31), date(2021, 9, 2)) == "2021年8月31日—9月2日"


def test_date_range_across_years_prints_both_dates():
    assert date_range(date(2021, 12, 31), date(2022, 1, 1)) == "2021年12月31日—2022年1月1日"


def test_date_range_single_day():
    assert date_range(date(2021, 8, 18), None) == "2021年8月18日"


def test_date_range_not_set_is_announced_later():
    assert date_range(None, None) == "另行通知"


def test_time_range_prints_the_zone_the_times_carry_with_en_dash():
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2021, 8, 18, 0, 30, tzinfo=UTC).astimezone(berlin)
    end = datetime(2021, 8, 18, 12, 0, tzinfo=berlin)
    assert time_range(start, end) == "02:30–12:00"


def test_zone_of_an_unknown_name_is_the_default():
    assert (zone("Europe/Berlin"), zone("Mars/Base"), zone("")) == (
        ZoneInfo("Europe/Berlin"), BEIJING, BEIJING,
    )  # fmt: skip
