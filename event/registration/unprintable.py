"""Registrations holding a character no installed font has, for organisers to correct.

The badge run (desk) leaves such a badge out and the handbook prints the character as 〓; this list
says which records those are, each with the field, the characters and the page that edits it.
"""

from __future__ import annotations

from dataclasses import dataclass

from badges.glyphs import installed_coverage, missing_in
from event.enums import RegistrationStatus
from event.tables import Registration

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
