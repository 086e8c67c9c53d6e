"""How the event prints a badge (the frame's side of `badges`): the role colours, the meeting
line, room lines that fit, and the render off the event loop with the renderer's refusals in
Chinese. The desk prints delegates' badges through it, judging the judges' 评委证. And which
registrations hold a character no installed font has (`unprintable`): the badge run leaves such
a badge out and the handbook prints the character as 〓; the list says which records those are,
each with the field, the characters and the page that edits it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial

import anyio.to_thread

from badges import Badge, Meeting, MissingGlyphsError, Palette, render_badges
from badges.glyphs import installed_coverage, missing_in
from badges.layouts import layout_spec
from badges.model import RoleStyle
from event import notice
from event.current import EventInfo
from event.enums import RegistrationStatus
from event.errors import FieldProblem, InvalidInput
from event.tables import Registration

#: `QCCONF_BADGE_COLOURS="presenter=#E8590C,observer=#2F9E44"`: the role band's colour per
#: category code (the defaults are in badges.model).
COLOURS_VARIABLE = "QCCONF_BADGE_COLOURS"


def palette(environ: Mapping[str, str] | None = None) -> Palette:
    """The role colours from `QCCONF_BADGE_COLOURS`, else the defaults."""
    value = (os.environ if environ is None else environ).get(COLOURS_VARIABLE, "")
    return _palette(value)


@cache
def _palette(value: str) -> Palette:
    colours = dict(part.strip().split("=", 1) for part in value.split(",") if "=" in part)
    roles = {c.code: RoleStyle(c.badge, c.colour) for c in notice.CATEGORIES}
    for code, label, colour, title in (notice.STAFF_BADGE, notice.JUDGE_BADGE):
        roles[code] = RoleStyle(label, colour, title=title)
    unknown = sorted(set(colours) - set(roles))
    if unknown:
        raise ValueError(f"unknown category codes: {', '.join(unknown)}")
    for code, colour in colours.items():
        base = roles[code.strip()]
        roles[code.strip()] = RoleStyle(base.label, colour.strip(), title=base.title)
    return Palette(roles)


def meeting_of(event: EventInfo) -> Meeting:
    """The meeting's full name and, once announced, its dates (2021年8月18日—20日)."""
    return Meeting(event.name, dates_label(event.starts_on, event.ends_on))


def dates_label(starts: date | None, ends: date | None) -> str:
    if starts is None:
        return ""
    label = f"{starts.year}年{starts.month}月{starts.day}日"
    if ends is None or ends == starts:
        return label
    if ends.year != starts.year:
        return f"{label}—{ends.year}年{ends.month}月{ends.day}日"
    if ends.month != starts.month:
        return f"{label}—{ends.month}月{ends.day}日"
    return f"{label}—{ends.day}日"


def fit_room_lines(badges: list[Badge], layout: str) -> list[Badge]:
    """At most as many room lines as the layout holds; the last says how many more there are."""
    limit = layout_spec(layout).max_room_lines
    out = []
    for badge in badges:
        if len(badge.room_lines) > limit:
            more = len(badge.room_lines) - limit + 1
            lines = (*badge.room_lines[: limit - 1], f"另有{more}场，详见日程")
            badge = replace(badge, room_lines=lines)
        out.append(badge)
    return out


async def render(
    badges: list[Badge], event: EventInfo, layout: str, *, off_loop: bool = True
) -> bytes:
    """Render off the event loop; a character without a font or text that cannot fit becomes
    an `InvalidInput` naming the badge. `off_loop=False` renders on the loop's thread, for a
    program that runs nothing else on it (`qcconf badges`): from a program's only thread the
    renderer's second process is forked, ready at once (see `badges.render`)."""
    fitted = fit_room_lines(badges, layout)
    job = partial(render_pdf, fitted, meeting_of(event), layout, palette())
    return await anyio.to_thread.run_sync(job) if off_loop else job()


def render_pdf(badges: list[Badge], meeting: Meeting, layout: str, colours: Palette) -> bytes:
    """The synchronous render, with the renderer's errors in Chinese."""
    try:
        return render_badges(badges, meeting, layout, colours)
    except MissingGlyphsError as exc:
        raise InvalidInput(
            [
                FieldProblem(
                    "name" if m.field == "name" else m.field,
                    f"代表证 {m.number}（{m.name}）：字符「{m.char}」（{m.code_point}）"
                    "没有可用字体，为免印错未生成，请安装含该字的字体或核对姓名",
                )
                for m in exc.missing
            ]
        ) from None
    except ValueError as exc:
        raise InvalidInput.one("layout", f"代表证无法排版：{exc}") from None


def warm(layout: str = "a6") -> None:
    """Load the fonts and templates once, so that the first reprint at the desk is fast."""
    badge = Badge("0000", "王伟", "中国一重集团有限公司", "observer", "", "warm-up-token")
    render_badges([badge], Meeting("预热"), layout)


R = Registration

FIELD_LABELS = {"name": "姓名", "unit": "单位", "position": "职务"}


@dataclass(frozen=True, slots=True)
class Unprintable:
    registration_id: int
    name: str
    field: str  # name, unit or position
    label: str  # the field in Chinese
    chars: tuple[str, ...]

    @property
    def code_points(self) -> str:
        return "、".join(f"U+{ord(c):04X}" for c in self.chars)

    @property
    def href(self) -> str:
        return f"/admin/registrations/{self.registration_id}"


async def unprintable(event_id: int) -> list[Unprintable]:
    """Every (active registration, printed field) with characters no font has, by id."""
    coverage = installed_coverage()
    rows = await R.select(
        R.id, R.person._.name.as_alias("name"), R.person._.organization._.name.as_alias("unit"),
        R.person._.position.as_alias("position"),
    ).where((R.event == event_id) & (R.status == RegistrationStatus.active.value)).order_by(R.id)  # fmt: skip
    found = []
    for row in rows:
        for field, label in FIELD_LABELS.items():
            chars = missing_in(row[field] or "", coverage)
            if chars:
                found.append(Unprintable(row["id"], row["name"], field, label, tuple(chars)))
    return found
