"""The organisers' settings form: dates, venue, deadlines and quotas, as one Struct."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, cast

import msgspec

from event.current import set_quota, update_event
from event.enums import AttendeeCategory
from event.templating import BEIJING
from event.web.forms import LINE, LINE_OR_EMPTY, LINES, FormStruct, Later, rule

Quota = Annotated[int, rule("名额应为不小于0的整数，留空表示不限", ge=0, le=100_000)]


class EventSettings(FormStruct, kw_only=True):
    """The event's own fields; the quota fields (`quota_<category>`) are added below."""

    name: Annotated[str, rule("请填写会议名称（不超过200字）", max_length=200, pattern=LINE)]
    edition: Annotated[str, rule("请填写届次（不超过20字）", max_length=20, pattern=LINE)]
    venue: Annotated[
        str, rule("会议地点不超过200字，不含换行", max_length=200, pattern=LINE_OR_EMPTY)
    ] = ""
    organisers: Annotated[str, rule("主办单位不超过2000字", max_length=2000, pattern=LINES)] = ""
    starts_on: Annotated[date, rule("开始日期应为日期，格式如 2021-08-18")] | None = None
    ends_on: Annotated[date, rule("结束日期应为日期，格式如 2021-08-18")] | None = None
    material_deadline: Annotated[date, rule("材料截止日期应为日期，格式如 2021-08-18")] | None = (
        None
    )
    registration_closes_at: (
        Annotated[datetime, rule("报名截止时间格式应如 2021-08-10T18:00", tz=False)] | None
    ) = None

    order_rules = (Later("ends_on", "starts_on", "结束日期不能早于开始日期"),)


def quota_field(category: AttendeeCategory) -> str:
    return f"quota_{category.value}"


# One quota field per category of the notice, so a new category needs no change here.
SettingsForm = cast(
    "type[EventSettings]",
    msgspec.defstruct(
        "SettingsForm",
        [(quota_field(c), Quota | None, None) for c in AttendeeCategory],
        bases=(EventSettings,),
        module=__name__,
        kw_only=True,
    ),
)


def quotas(form: EventSettings) -> dict[AttendeeCategory, int | None]:
    """The quota per category (None: no limit)."""
    return {c: getattr(form, quota_field(c)) for c in AttendeeCategory}


async def save(event_id: int, form: EventSettings) -> None:
    """Store the settings (times in Beijing time, one organiser a line) and the quotas."""
    closes = form.registration_closes_at
    await update_event(
        event_id,
        name=form.name.strip(),
        edition=form.edition.strip(),
        venue=form.venue.strip(),
        starts_on=form.starts_on,
        ends_on=form.ends_on,
        material_deadline=form.material_deadline,
        registration_closes_at=closes.replace(tzinfo=BEIJING) if closes else None,
        organisers="\n".join(line.strip() for line in form.organisers.splitlines() if line.strip()),
    )
    for category, quota in quotas(form).items():
        await set_quota(event_id, category, quota)
