"""The fixed choices, as string enums with Chinese labels. The notice's own vocabulary (attendee
categories, presentation kinds, attachments, unit kinds) is derived from `event.notice`; the rest
(statuses, genders, rooms, roles) is the system's own."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from event import notice


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label."""

    @property
    def label(self) -> str:
        # Keyed by class too: members of different enums with one code (association) are equal.
        return LABELS[(type(self).__name__, self.value)]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


def _from_notice(name: str, records: tuple[Any, ...], doc: str) -> type[LabelledEnum]:
    """A string enum whose members are the codes of these notice records, in their order."""
    functional: Any = LabelledEnum  # the functional API, which type checkers do not model
    made: type[LabelledEnum] = functional(
        name, [(r.code, r.code) for r in records], module=__name__
    )
    made.__doc__ = doc
    return made


if TYPE_CHECKING:  # the type checker sees the classes; their members come from the notice

    class AttendeeCategory(LabelledEnum): ...

    class OrganizationKind(LabelledEnum): ...

    class PresentationKind(LabelledEnum): ...

    class SubmissionKind(LabelledEnum): ...

else:
    AttendeeCategory = _from_notice(
        "AttendeeCategory", notice.CATEGORIES, "The attendee categories of section 四."
    )
    OrganizationKind = _from_notice("OrganizationKind", notice.UNIT_KINDS, "What kind of unit.")
    PresentationKind = _from_notice(
        "PresentationKind", notice.PRESENTATION_KINDS, "What is presented on stage."
    )
    SubmissionKind = _from_notice(
        "SubmissionKind", notice.SUBMISSION_KINDS, "The attachments a unit sends (附件三 is made)."
    )


class Gender(LabelledEnum):
    male = "male"
    female = "female"


class RegistrationStatus(LabelledEnum):
    active = "active"
    cancelled = "cancelled"


class RoomType(LabelledEnum):
    single = "single"
    twin = "twin"
    shared = "shared"


class SubmissionStatus(LabelledEnum):
    received = "received"
    late = "late"
    accepted = "accepted"
    rejected = "rejected"


class Role(LabelledEnum):
    organiser = "organiser"
    staff = "staff"


LABELS: dict[tuple[str, str], str] = {
    **{("AttendeeCategory", c.code): c.label for c in notice.CATEGORIES},
    **{("OrganizationKind", k.code): k.label for k in notice.UNIT_KINDS},
    **{("PresentationKind", k.code): k.label for k in notice.PRESENTATION_KINDS},
    **{("SubmissionKind", k.code): k.label for k in notice.SUBMISSION_KINDS},
    ("Gender", "male"): "男",
    ("Gender", "female"): "女",
    ("RegistrationStatus", "active"): "有效",
    ("RegistrationStatus", "cancelled"): "已取消",
    ("RoomType", "single"): "单间",
    ("RoomType", "twin"): "标间",
    ("RoomType", "shared"): "合住",
    ("SubmissionStatus", "received"): "按时收到",
    ("SubmissionStatus", "late"): "逾期待定",
    ("SubmissionStatus", "accepted"): "逾期已接受",
    ("SubmissionStatus", "rejected"): "未接受",
    ("Role", "organiser"): "组织者",
    ("Role", "staff"): "会务工作人员",
}

# Short labels for tables and badges, where the notice's full wording is too long.
SHORT_CATEGORY_LABELS: dict[StrEnum, str] = {
    AttendeeCategory(c.code): c.short for c in notice.CATEGORIES
}
