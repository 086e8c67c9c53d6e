"""What a unit's contact sees on the delegation page (/d/{token})."""

from __future__ import annotations

from msgspec import Struct

from event.enums import RegistrationStatus, SubmissionKind, SubmissionStatus


class DelegationMemberView(Struct, kw_only=True):
    name: str
    category_label: str
    mobile: str
    email: str
    status: RegistrationStatus
    url: str  # the member's personal link


class UnitSubmissionView(Struct, kw_only=True):
    kind: SubmissionKind
    title: str
    status: SubmissionStatus
    url: str  # the submission's private link


class DelegationView(Struct, kw_only=True):
    organization: str
    contact_name: str
    contact_mobile: str
    contact_email: str
    members: list[DelegationMemberView]
    submissions: list[UnitSubmissionView]
