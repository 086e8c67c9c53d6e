"""The organisers' settings form: dates, venue, deadlines and quotas, as one Struct."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, cast

import msgspec

from event.current import current_event, set_quota, update_event
from event.enums import AttendeeCategory
from event.templating import zone
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

    # Printed in the handbook's 会议须知 section, one paragraph a line.
    handbook_notes: Annotated[str, rule("会议须知不超过4000字", max_length=4000, pattern=LINES)] = (
        ""
    )
    handbook_contacts: Annotated[
        str, rule("会务联系人不超过1000字", max_length=1000, pattern=LINES)
    ] = ""
    handbook_transport: Annotated[str, rule("交通不超过2000字", max_length=2000, pattern=LINES)] = (
        ""
    )
    handbook_lodging: Annotated[str, rule("住宿不超过2000字", max_length=2000, pattern=LINES)] = ""

    order_rules = (Later("ends_on", "starts_on", "结束日期不能早于开始日期"),)


HANDBOOK_FIELDS = ("handbook_notes", "handbook_contacts", "handbook_transport", "handbook_lodging")


def _lines(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


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
    """Store the settings (times in the event's zone, one organiser or paragraph a line) and
    the quotas."""
    closes = form.registration_closes_at
    tz = zone((await current_event()).timezone)
    await update_event(
        event_id,
        name=form.name.strip(),
        edition=form.edition.strip(),
        venue=form.venue.strip(),
        starts_on=form.starts_on,
        ends_on=form.ends_on,
        material_deadline=form.material_deadline,
        registration_closes_at=closes.replace(tzinfo=tz) if closes else None,
        organisers=_lines(form.organisers),
        **{key: _lines(getattr(form, key)) for key in HANDBOOK_FIELDS},
    )
    for category, quota in quotas(form).items():
        await set_quota(event_id, category, quota)
