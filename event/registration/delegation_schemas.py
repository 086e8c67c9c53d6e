"""What a unit's contact sees on the delegation page (/d/{token})."""

from __future__ import annotations

from msgspec import Struct

from event.enums import RegistrationStatus


class DelegationMemberView(Struct, kw_only=True):
    name: str
    category_label: str
    mobile: str
    email: str
    status: RegistrationStatus
    url: str  # the member's personal link


class DelegationView(Struct, kw_only=True):
    id: int
    organization: str
    contact_name: str
    contact_mobile: str
    contact_email: str
    members: list[DelegationMemberView]
