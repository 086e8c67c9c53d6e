"""Every Piccolo table of the app, nothing else. Submissions and presentations come later."""

from __future__ import annotations

from piccolo.columns import (
    Array,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from event.enums import (
    AttendeeCategory,
    Gender,
    OrganizationKind,
    RegistrationStatus,
    Role,
    RoomType,
)


class Event(Table):
    """One edition of the exchange meeting. Dates and venue stay empty until announced."""

    name = Varchar(length=200)
    edition = Varchar(length=20)
    notice_number = Varchar(length=50, default="")
    organisers = Text(default="")  # one per line
    material_deadline = Date(null=True, default=None)
    starts_on = Date(null=True, default=None)
    ends_on = Date(null=True, default=None)
    venue = Varchar(length=200, default="")
    timezone = Varchar(length=50, default="Asia/Shanghai")
    registration_closes_at = Timestamptz(null=True, default=None)


class CategoryQuota(Table):
    """At most `quota` active registrations of one category (no row or null: no limit)."""

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    category = Varchar(length=30, choices=AttendeeCategory)
    quota = Integer(null=True, default=None)
    key = Varchar(length=60, unique=True)  # "{event}:{category}"


class Organization(Table):
    """A unit, named exactly as on its seal (公章)."""

    name = Varchar(length=200, unique=True)
    kind = Varchar(length=20, choices=OrganizationKind, default=OrganizationKind.enterprise)
    province = Varchar(length=20, default="")
    address = Varchar(length=300, default="")
    postcode = Varchar(length=6, default="")
    credit_code = Varchar(length=18, null=True, default=None, unique=True)
    created_at = Timestamptz()


class Person(Table):
    """A delegate; the mobile number identifies the person across events."""

    name = Varchar(length=50, index=True)
    gender = Varchar(length=10, choices=Gender, null=True, default=None)
    organization = ForeignKey(
        references=Organization, on_delete=OnDelete.restrict, null=False, index=True
    )
    department = Varchar(length=100, default="")
    position = Varchar(length=100, default="")
    mobile = Varchar(length=11, unique=True)
    email = Varchar(length=254, default="")
    wechat = Varchar(length=64, default="")
    created_at = Timestamptz()


class Delegation(Table):
    """A unit's delegation registered in one submission by its contact."""

    event = ForeignKey(references=Event, on_delete=OnDelete.restrict, null=False, index=True)
    organization = ForeignKey(
        references=Organization, on_delete=OnDelete.restrict, null=False, index=True
    )
    contact_name = Varchar(length=50)
    contact_mobile = Varchar(length=11)
    contact_email = Varchar(length=254, default="")
    token = Varchar(length=64, unique=True)
    created_at = Timestamptz()


class Registration(Table):
    """One person's registration for one event, with the 参会回执 details."""

    event = ForeignKey(references=Event, on_delete=OnDelete.restrict, null=False, index=True)
    person = ForeignKey(references=Person, on_delete=OnDelete.restrict, null=False, index=True)
    delegation = ForeignKey(
        references=Delegation, on_delete=OnDelete.set_null, null=True, default=None, index=True
    )
    category = Varchar(length=30, choices=AttendeeCategory, index=True)
    status = Varchar(length=20, choices=RegistrationStatus, default=RegistrationStatus.active)
    token = Varchar(length=64, unique=True)
    # "{event}:{person}" while active, null once cancelled: one active registration per person.
    active_key = Varchar(length=60, null=True, default=None, unique=True)
    arrival_date = Date(null=True, default=None)
    arrival_transport = Varchar(length=50, default="")
    needs_room = Boolean(default=False)
    room_type = Varchar(length=10, choices=RoomType, null=True, default=None)
    check_in = Date(null=True, default=None)
    check_out = Date(null=True, default=None)
    dietary = Varchar(length=100, default="")
    remarks = Text(default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Room(Table):
    """A room (分会场) with its capacity and the kinds of presentation it takes."""

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    name = Varchar(length=100)
    capacity = Integer()
    kinds = Array(base_column=Varchar(length=10))


class Account(Table):
    """An organiser's or desk staff member's login."""

    username = Varchar(length=50, unique=True)
    password_hash = Varchar(length=200)
    role = Varchar(length=20, choices=Role)
    active = Boolean(default=True)
    created_at = Timestamptz()


ALL_TABLES: tuple[type[Table], ...] = (
    Event,
    CategoryQuota,
    Organization,
    Person,
    Delegation,
    Registration,
    Room,
    Account,
)
