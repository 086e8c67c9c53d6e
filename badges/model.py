"""Plain data the badge renderer takes: badges, the meeting, the role palette, the layouts.

Nothing here knows about the database or the web application: the caller turns its rows into
these frozen dataclasses, selects and sorts them, and hands them to `badges.render`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Layout = Literal["a6", "card", "a4-4up"]
LAYOUTS: tuple[Layout, ...] = ("a6", "card", "a4-4up")

#: The eight registrable attendee categories of section 四 of the notice, then the two
#: organiser-side roles. The codes match `event.enums.AttendeeCategory`.
CATEGORY_CODES: tuple[str, ...] = (
    "presenter",
    "storyteller",
    "quality_manager",
    "association",
    "executive",
    "frontline",
    "award_rep",
    "observer",
    "staff",
    "judge",
)

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True, slots=True)
class Badge:
    """One person's badge, as printed.

    `number` is printed as given (the caller formats it, e.g. "0427").
    `role_label` overrides the palette's label for the category when not empty (e.g. 主持人).
    `token` is the opaque check-in token carried by the QR code: never personal data.
    `room_lines` are the presenter's or speaker's room and time, at most three lines, printed
    only when a schedule is published (the caller leaves them empty otherwise).
    """

    number: str
    name: str
    unit: str
    category: str
    role_label: str
    token: str
    room_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    """What every badge of the meeting repeats: its full name and, once announced, its dates."""

    full_name: str
    dates_label: str = ""


@dataclass(frozen=True, slots=True)
class RoleStyle:
    """How one category looks: the role band's text and colour, and the badge's title."""

    label: str
    colour: str
    title: str = "代表证"

    def __post_init__(self) -> None:
        if not _COLOUR.match(self.colour):
            raise ValueError(f"colour must be #RRGGBB, got {self.colour!r}")
        if not self.label.strip():
            raise ValueError("a role label must not be empty")


_DEFAULT_ROLES: dict[str, RoleStyle] = {
    # 发表人/演讲人 orange family, 代表 red, 领导 gold, 观摩 green, 工作人员 grey, 评委 blue
    # (domain-practice.md §4); the other categories get distinct colours of their own.
    "presenter": RoleStyle("发表人", "#E8590C"),
    "storyteller": RoleStyle("演讲人", "#C2255C"),
    "quality_manager": RoleStyle("质量管理人员", "#C92A2A"),
    "association": RoleStyle("协会代表", "#6741D9"),
    "executive": RoleStyle("企业领导", "#B07A00"),
    "frontline": RoleStyle("一线员工", "#0C8599"),
    "award_rep": RoleStyle("获奖企业代表", "#A0522D"),
    "observer": RoleStyle("观摩人员", "#2F9E44"),
    "staff": RoleStyle("工作人员", "#495057", title="工作证"),
    "judge": RoleStyle("评委", "#1864AB", title="评委证"),
}


@dataclass(frozen=True)
class Palette:
    """The role style of every category code. Colours are configuration, see `from_colours`."""

    roles: Mapping[str, RoleStyle] = field(
        default_factory=lambda: MappingProxyType(dict(_DEFAULT_ROLES))
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", MappingProxyType(dict(self.roles)))

    def __reduce__(self) -> tuple[type[Palette], tuple[dict[str, RoleStyle]]]:
        # A mapping proxy does not pickle; worker processes get a plain copy.
        return (Palette, (dict(self.roles),))

    @classmethod
    def from_colours(cls, colours: Mapping[str, str]) -> Palette:
        """The default palette with the colours of some categories replaced."""
        unknown = sorted(set(colours) - set(_DEFAULT_ROLES))
        if unknown:
            raise ValueError(f"unknown category codes: {', '.join(unknown)}")
        roles = dict(_DEFAULT_ROLES)
        for code, colour in colours.items():
            base = roles[code]
            roles[code] = RoleStyle(base.label, colour, base.title)
        return cls(roles)

    def style(self, category: str) -> RoleStyle:
        """The style of a category; a ValueError names an unknown code."""
        try:
            return self.roles[category]
        except KeyError:
            raise ValueError(f"no role style for category {category!r}") from None


DEFAULT_PALETTE = Palette()


@dataclass(frozen=True, slots=True)
class MissingGlyph:
    """A character of a badge that no installed font can draw."""

    number: str
    name: str
    field: str
    char: str

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.char):04X}"

    def __str__(self) -> str:
        return f"{self.number} {self.name}: {self.field} {self.char!r} {self.code_point}"


class MissingGlyphsError(ValueError):
    """Raised instead of printing badges with characters that would come out as empty boxes."""

    def __init__(self, missing: list[MissingGlyph]) -> None:
        self.missing = missing
        lines = "; ".join(str(m) for m in missing[:20])
        more = f" (and {len(missing) - 20} more)" if len(missing) > 20 else ""
        super().__init__(f"no installed font has these characters: {lines}{more}")
