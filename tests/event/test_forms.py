"""Forms read into Structs (event/web/forms.py): every wrong field at once, in Chinese."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

import pytest

from event.enums import AttendeeCategory
from event.errors import InvalidInput
from event.registration.schemas import DelegationCreate
from event.web.forms import LINE, FormStruct, Later, form_to_struct, rule
from tests.factories import delegation


class Meeting(FormStruct, kw_only=True):
    title: Annotated[str, rule("请填写标题", max_length=10, pattern=LINE)]
    day: Annotated[date, rule("请按 2021-08-18 的格式填写日期")]
    start: Annotated[time, rule("请按 08:30 的格式填写开始时间", tz=False)]
    end: Annotated[time, rule("请按 08:30 的格式填写结束时间", tz=False)]
    rooms: Annotated[list[int], rule("分会场应为编号", max_length=5)] = []

    order_rules = (Later("end", "start", "结束时间不能早于开始时间"),)


GOOD = {"title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30"}


def problems(form: dict[str, object], kind: type = Meeting) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        form_to_struct(form, kind)
    return {p.field: p.message for p in caught.value.problems}


def test_form_takes_time_input_without_seconds_and_lone_list_value() -> None:
    found = form_to_struct(GOOD | {"rooms": "3", "_csrf_token": "x", "next": "/"}, Meeting)
    assert (found.start, found.end, found.rooms) == (time(8, 30), time(9, 30), [3])


def test_form_reports_every_wrong_field_at_once() -> None:
    form = {"title": " ", "day": "8月18日", "start": "8点", "end": "09:30", "rooms": ["1", "甲"]}
    assert problems(form) == {
        "title": "请填写标题", "day": "请按 2021-08-18 的格式填写日期",
        "start": "请按 08:30 的格式填写开始时间", "rooms": "分会场应为编号",
    }  # fmt: skip


def test_form_missing_required_field_gets_its_message() -> None:
    assert problems({"day": "2021-08-18", "start": "08:30", "end": "09:30"}) == {
        "title": "请填写标题"
    }


def test_form_order_rule_shown_with_other_wrong_fields() -> None:
    form = GOOD | {"title": "很长很长很长很长很长的标题", "end": "08:00"}
    assert problems(form) == {"title": "请填写标题", "end": "结束时间不能早于开始时间"}


def test_form_order_rule_holds_for_structs_made_in_code() -> None:
    with pytest.raises(InvalidInput) as caught:
        Meeting(title="开幕式", day=date(2021, 8, 18), start=time(9), end=time(8))
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("end", "结束时间不能早于开始时间")
    ]


def test_form_nested_field_without_rule_keeps_its_path() -> None:
    body = delegation()
    body["members"][0]["category"] = "guest"
    allowed = "、".join(c.value for c in AttendeeCategory)
    assert problems(body, DelegationCreate) == {
        "members[0].category": f"参会类别的取值无效，可选：{allowed}"
    }
