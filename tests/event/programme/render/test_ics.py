"""The ICS feed, parsed back with icalendar and, independently, with vobject."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from event.programme.render.ics import render_calendar
from event.programme.render.model import AgendaItem
from event.programme.render.sample import synthetic_programme

BEIJING = ZoneInfo("Asia/Shanghai")
PRODID = "-//中国机械工业质量管理协会//qcconf//ZH"
NASTY = 'A, B; C\\ D\n第二行 🎉 <script>alert("x")</script>'


def make_item(**changes: object) -> AgendaItem:
    fields: dict[str, object] = {
        "uid": "qcconf-2021-p-017@qcconf.example",
        "title": "降低焊接缺陷率",
        "start": datetime(2021, 8, 18, 9, 45, tzinfo=BEIJING),
        "end": datetime(2021, 8, 18, 9, 59, tzinfo=BEIJING),
        "last_modified": datetime(2021, 8, 10, 16, 30, tzinfo=BEIJING),
        "kind": "presentation",
        "category": "质量管理小组",
        "room_name": "第一分会场",
        "presenters": ("王芳", "李强"),
        "organization": "中国第一重型机械集团有限公司",
        "team": "焊接攻关QC小组",
        "sequence": 3,
    }
    fields.update(changes)
    return AgendaItem(**fields)  # type: ignore[arg-type]


def render(*items: AgendaItem) -> bytes:
    return render_calendar(
        "第四十届交流活动日程", items, prodid=PRODID, url="https://qc.example/a.ics"
    )


def events(ics: bytes) -> list:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def test_render_calendar_icalendar_reads_back_uid_sequence_and_texts():
    (event,) = events(render(make_item()))
    assert str(event["UID"]) == "qcconf-2021-p-017@qcconf.example"
    assert event["SEQUENCE"] == 3
    assert str(event["SUMMARY"]) == "降低焊接缺陷率"
    assert str(event["LOCATION"]) == "第一分会场"
    assert str(event["DESCRIPTION"]) == (
        "类别：质量管理小组\n小组/班组：焊接攻关QC小组\n单位：中国第一重型机械集团有限公司\n"
        "发表人：王芳、李强"
    )
    assert str(event["STATUS"]) == "CONFIRMED"


def test_render_calendar_times_carry_tzid_asia_shanghai():
    ics = render(make_item())
    assert b"DTSTART;TZID=Asia/Shanghai:20210818T094500\r\n" in ics
    assert b"DTEND;TZID=Asia/Shanghai:20210818T095900\r\n" in ics
    (event,) = events(ics)
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=8)


def test_render_calendar_utc_input_is_written_in_beijing_time():
    start = datetime(2021, 8, 18, 1, 45, tzinfo=UTC)
    ics = render(make_item(start=start, end=start + timedelta(minutes=14)))
    assert b"DTSTART;TZID=Asia/Shanghai:20210818T094500\r\n" in ics


def test_render_calendar_includes_the_vtimezone():
    cal = Calendar.from_ical(render(make_item()))
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_render_calendar_stamps_come_from_the_item_in_utc():
    ics = render(make_item())
    assert b"DTSTAMP:20210810T083000Z\r\n" in ics
    assert b"LAST-MODIFIED:20210810T083000Z\r\n" in ics


def test_render_calendar_same_input_gives_same_bytes():
    items = (make_item(), make_item(uid="b@x", title="开幕式", kind="ceremony"))
    assert render(*items) == render(*reversed(items))


def test_render_calendar_has_no_uid_on_vcalendar():
    ics = render(make_item())
    head = ics.split(b"BEGIN:VTIMEZONE")[0]
    assert b"\r\nUID:" not in head


def test_render_calendar_publishes_name_timezone_and_refresh():
    head = render(make_item()).split(b"BEGIN:VTIMEZONE")[0].decode()
    assert "X-WR-CALNAME:第四十届交流活动日程\r\n" in head
    assert "X-WR-TIMEZONE:Asia/Shanghai\r\n" in head
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in head
    assert "X-PUBLISHED-TTL:PT1H\r\n" in head
    assert f"PRODID:{PRODID}\r\n" in head
    assert "METHOD:PUBLISH\r\n" in head


def test_render_calendar_cancelled_item_stays_with_status_cancelled():
    ics = render(make_item(status="cancelled", sequence=4), make_item(uid="other@x"))
    by_uid = {str(e["UID"]): e for e in events(ics)}
    cancelled = by_uid["qcconf-2021-p-017@qcconf.example"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["SEQUENCE"] == 4
    assert str(cancelled["SUMMARY"]) == "【已取消】降低焊接缺陷率"
    assert str(by_uid["other@x"]["STATUS"]) == "CONFIRMED"


def test_render_calendar_escapes_nasty_text_in_the_raw_file():
    ics = render(make_item(title=NASTY, room_name="A厅, B厅; C\\D"))
    unfolded = ics.replace(b"\r\n ", b"")
    assert (
        'SUMMARY:A\\, B\\; C\\\\ D\\n第二行 🎉 <script>alert("x")</script>\r\n'.encode() in unfolded
    )
    assert "LOCATION:A厅\\, B厅\\; C\\\\D\r\n".encode() in unfolded


def test_render_calendar_nasty_text_round_trips_through_icalendar():
    (event,) = events(render(make_item(title=NASTY, description=NASTY)))
    assert str(event["SUMMARY"]) == NASTY
    assert str(event["DESCRIPTION"]).endswith("\n" + NASTY)


def test_render_calendar_lines_are_folded_on_character_boundaries():
    ics = render(make_item(title="提高" * 60, description="第一行\n" + "质量" * 80))
    lines = ics.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no UTF-8 sequence split across a fold


@pytest.fixture(scope="module")
def both_parsers():
    items = [make_item(title=NASTY), make_item(uid="c@x", status="cancelled", sequence=7)]
    ics = render(*items)
    return events(ics), vobject.readOne(ics.decode("utf-8")).vevent_list


def test_render_calendar_vobject_agrees_with_icalendar(both_parsers):
    ical_events, vobject_events = both_parsers
    for ours, theirs in zip(ical_events, vobject_events, strict=True):
        assert theirs.uid.value == str(ours["UID"])
        assert int(theirs.sequence.value) == ours["SEQUENCE"]
        assert theirs.summary.value == str(ours["SUMMARY"])
        assert theirs.location.value == str(ours["LOCATION"])
        assert theirs.description.value == str(ours["DESCRIPTION"])
        assert theirs.status.value == str(ours["STATUS"])


def test_render_calendar_vobject_reads_start_at_plus_eight(both_parsers):
    _, vobject_events = both_parsers
    start = next(e for e in vobject_events if e.uid.value == "c@x").dtstart.value
    assert start.replace(tzinfo=None) == datetime(2021, 8, 18, 9, 45)
    assert start.utcoffset() == timedelta(hours=8)


def test_render_calendar_vobject_reads_nasty_summary_unescaped(both_parsers):
    _, vobject_events = both_parsers
    (nasty,) = (e for e in vobject_events if e.uid.value != "c@x")
    assert nasty.summary.value == NASTY


def test_render_calendar_full_event_passes_icalendar_validation():
    programme = synthetic_programme()
    ics = render_calendar(programme.name, programme.items, prodid=PRODID)
    calendar = Calendar.from_ical(ics)
    calendar.validate()
    assert len(calendar.walk("VEVENT")) == len(programme.items)
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == len(programme.items)
