"""Registration and delegation Structs: what the API takes and returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec
from msgspec import Meta, Struct

from event.enums import AttendeeCategory, Gender, RegistrationStatus, RoomType

Name = Annotated[str, Meta(min_length=1, max_length=50, description="姓名")]
MobileText = Annotated[
    str,
    Meta(min_length=1, max_length=20, description="手机号码：11位，以1开头，可带+86、空格、短横线"),
]
OrgName = Annotated[str, Meta(min_length=1, max_length=200, description="单位名称（与公章一致）")]
Short = Annotated[str, Meta(max_length=100)]
Email = Annotated[str, Meta(max_length=254, description="电子邮箱")]
Wechat = Annotated[str, Meta(max_length=64, description="微信号")]
Remarks = Annotated[str, Meta(max_length=1000)]


class PersonFields(Struct, kw_only=True, forbid_unknown_fields=True):
    """The fields of one delegate and their 参会回执, without the unit."""

    name: Name
    mobile: MobileText
    category: AttendeeCategory
    gender: Gender | None = None
    department: Short = ""
    position: Short = ""
    email: Email = ""
    wechat: Wechat = ""
    arrival_date: date | None = None
    arrival_transport: Annotated[str, Meta(max_length=50, description="车次或航班")] = ""
    needs_room: bool = False
    room_type: RoomType | None = None
    check_in: date | None = None
    check_out: date | None = None
    dietary: Short = ""
    remarks: Remarks = ""


class RegistrationCreate(PersonFields, kw_only=True, forbid_unknown_fields=True):
    """One registration; the unit by its name as on its seal."""

    organization: OrgName


class RegistrationCreated(Struct, kw_only=True):
    id: int
    token: str
    url: str
    status: RegistrationStatus


class Registration(Struct, kw_only=True):
    """A registration as its owner and the organisers see it."""

    id: int
    name: str
    gender: Gender | None
    organization: str
    department: str
    position: str
    mobile: str
    email: str
    wechat: str
    category: AttendeeCategory
    category_label: str
    status: RegistrationStatus
    arrival_date: date | None
    arrival_transport: str
    needs_room: bool
    room_type: RoomType | None
    check_in: date | None
    check_out: date | None
    dietary: str
    remarks: str
    created_at: datetime
    updated_at: datetime


class RegistrationUpdate(Struct, kw_only=True, forbid_unknown_fields=True):
    """A partial change; keys left out stay as they are."""

    name: Name | msgspec.UnsetType = msgspec.UNSET
    mobile: MobileText | msgspec.UnsetType = msgspec.UNSET
    organization: OrgName | msgspec.UnsetType = msgspec.UNSET
    category: AttendeeCategory | msgspec.UnsetType = msgspec.UNSET
    gender: Gender | msgspec.UnsetType | None = msgspec.UNSET
    department: Short | msgspec.UnsetType = msgspec.UNSET
    position: Short | msgspec.UnsetType = msgspec.UNSET
    email: Email | msgspec.UnsetType = msgspec.UNSET
    wechat: Wechat | msgspec.UnsetType = msgspec.UNSET
    arrival_date: date | msgspec.UnsetType | None = msgspec.UNSET
    arrival_transport: Annotated[str, Meta(max_length=50)] | msgspec.UnsetType = msgspec.UNSET
    needs_room: bool | msgspec.UnsetType = msgspec.UNSET
    room_type: RoomType | msgspec.UnsetType | None = msgspec.UNSET
    check_in: date | msgspec.UnsetType | None = msgspec.UNSET
    check_out: date | msgspec.UnsetType | None = msgspec.UNSET
    dietary: Short | msgspec.UnsetType = msgspec.UNSET
    remarks: Remarks | msgspec.UnsetType = msgspec.UNSET


class DelegationCreate(Struct, kw_only=True, forbid_unknown_fields=True):
    """A unit's whole delegation in one submission: all rows are stored, or none."""

    organization: OrgName
    contact_name: Name
    contact_mobile: MobileText
    contact_email: Email = ""
    members: Annotated[list[PersonFields], Meta(min_length=1, max_length=500)]


class DelegationMember(Struct, kw_only=True):
    id: int
    name: str
    token: str
    url: str


class DelegationCreated(Struct, kw_only=True):
    id: int
    token: str
    organization: str
    members: list[DelegationMember]


class CategoryCount(Struct, kw_only=True):
    category: AttendeeCategory
    label: str
    active: int
    quota: int | None


class RegistrationList(Struct, kw_only=True):
    total: int
    items: list[Registration]
    counts: list[CategoryCount]
