"""Every Piccolo table of the app, nothing else. Submissions and presentations come later."""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Array,
    Boolean,
    Date,
    DoublePrecision,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.columns.column_types import UUID, Bytea, Serial
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from event.enums import (
    AttendeeCategory,
    Gender,
    OrganizationKind,
    PresentationKind,
    RegistrationStatus,
    Role,
    RoomType,
    SubmissionKind,
    SubmissionStatus,
)


class Event(Table):
    """One edition of the exchange meeting. Dates and venue stay empty until announced."""

    id: Serial  # Piccolo's primary key, declared for the type checker

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
    # Slot length (talk + questions and turnover) of each kind of presentation, in minutes.
    slot_minutes_qc = Integer(default=18)
    slot_minutes_team = Integer(default=18)
    slot_minutes_story = Integer(default=10)
    team_types = Text(default="现场型\n管理型\n服务型")  # 附件二 班组类型, one per line
    # What organisers write for the handbook (会议手册), one paragraph per line.
    handbook_notes = Text(default="")  # 会议须知
    handbook_contacts = Text(default="")  # 会务联系人
    handbook_transport = Text(default="")  # 交通
    handbook_lodging = Text(default="")  # 住宿
    # Random, made once: calendar UIDs name it, so two events or installations never share one.
    uid_key = UUID(default=UUID4())


class CategoryQuota(Table):
    """At most `quota` active registrations of one category (no row or null: no limit)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    category = Varchar(length=30, choices=AttendeeCategory)
    quota = Integer(null=True, default=None)
    key = Varchar(length=60, unique=True)  # "{event}:{category}"


class Organization(Table):
    """A unit, named exactly as on its seal (公章)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    name = Varchar(length=200, unique=True)
    kind = Varchar(length=20, choices=OrganizationKind, default=OrganizationKind("enterprise"))
    province = Varchar(length=20, default="")
    address = Varchar(length=300, default="")
    postcode = Varchar(length=6, default="")
    credit_code = Varchar(length=18, null=True, default=None, unique=True)
    created_at = Timestamptz()


class Person(Table):
    """A delegate; the mobile number identifies the person across events."""

    id: Serial  # Piccolo's primary key, declared for the type checker

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

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.restrict, null=False, index=True)
    organization = ForeignKey(
        references=Organization, on_delete=OnDelete.restrict, null=False, index=True
    )
    contact_name = Varchar(length=50)
    contact_mobile = Varchar(length=11)
    contact_email = Varchar(length=254, default="")
    token = Varchar(length=64, unique=True)
    token_key = Varchar(length=64, null=True, default=None)  # unique index: services/tokens.py
    created_at = Timestamptz()


class Registration(Table):
    """One person's registration for one event, with the 参会回执 details."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.restrict, null=False, index=True)
    person = ForeignKey(references=Person, on_delete=OnDelete.restrict, null=False, index=True)
    delegation = ForeignKey(
        references=Delegation, on_delete=OnDelete.set_null, null=True, default=None, index=True
    )
    category = Varchar(length=30, choices=AttendeeCategory, index=True)
    status = Varchar(length=20, choices=RegistrationStatus, default=RegistrationStatus.active)
    token = Varchar(length=64, unique=True)
    token_key = Varchar(length=64, null=True, default=None)  # unique index: services/tokens.py
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
    # The check-in desk: an opaque token for the badge's QR code (never the personal token).
    checkin_token = Varchar(length=64, null=True, default=None, index=True)
    # The calendar subscription: SHA-256 of a read-only token derived from the personal one
    # (event/programme/pages.py); it opens the feed only, never the edit/cancel key.
    calendar_key = Varchar(length=64, null=True, default=None, index=True)
    badge_number = Integer(null=True, default=None)
    checked_in_at = Timestamptz(null=True, default=None)
    checked_in_by = Varchar(length=50, default="")


class Room(Table):
    """A room (分会场) with its capacity and the kinds of presentation it takes."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    name = Varchar(length=100)
    capacity = Integer()
    kinds = Array(base_column=Varchar(length=10))


class Block(Table):
    """A half day (or evening) in which rooms hold sessions, in Beijing time."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    code = Varchar(length=30)  # D1-AM
    day = Date()
    start = Time()
    end = Time()
    label = Varchar(length=50, default="")
    key = Varchar(length=60, unique=True)  # "{event}:{code}"


class Submission(Table):
    """One filled attachment (附件一/二/四/五/六/七/八). The form's fields are in `data`; the
    columns hold what lists, filters and the scheduler need."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.restrict, null=False, index=True)
    kind = Varchar(length=20, choices=SubmissionKind, index=True)
    organization = ForeignKey(
        references=Organization, on_delete=OnDelete.restrict, null=False, index=True
    )
    title = Varchar(length=300)
    category = Varchar(length=20, default="")
    presented = Boolean(default=False)
    status = Varchar(length=20, choices=SubmissionStatus, index=True)
    needs_verification = Boolean(default=False)
    verification_note = Text(default="")
    paper_received = Boolean(default=False)
    channel = Varchar(length=10, default="online")  # online | excel
    token = Varchar(length=64, unique=True)
    token_key = Varchar(length=64, null=True, default=None)  # unique index: services/tokens.py
    data = JSON()
    submitted_at = Timestamptz()
    updated_at = Timestamptz()


class SubmissionFile(Table):
    """The scanned, sealed form; its bytes are kept by their hash: in `file_blob` on PostgreSQL
    (every server finds them), under QCCONF_DATA_DIR/uploads on SQLite."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    submission = ForeignKey(
        references=Submission, on_delete=OnDelete.cascade, null=False, index=True
    )
    filename = Varchar(length=255)
    media_type = Varchar(length=100)
    size = Integer()
    sha256 = Varchar(length=64, index=True)
    uploaded_at = Timestamptz()


class ParticipationRecord(Table):
    """One person's part in one year's exchange (imported from past years' lists)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    name = Varchar(length=50, index=True)
    organization = Varchar(length=200)
    year = Integer()
    note = Varchar(length=200, default="")
    key = Varchar(length=300, unique=True)  # "name|organization|year"


class Presentation(Table):
    """A result or story given on stage: what the scheduler places."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.restrict, null=False, index=True)
    submission = ForeignKey(
        references=Submission, on_delete=OnDelete.cascade, null=False, unique=True
    )
    code = Varchar(length=20, unique=True)  # QC-001, TM-001, ST-001
    kind = Varchar(length=10, choices=PresentationKind)
    title = Varchar(length=300)
    category = Varchar(length=20)
    organization = ForeignKey(references=Organization, on_delete=OnDelete.restrict, null=False)
    minutes = Integer()
    audience = Integer(default=60)
    withdrawn = Boolean(default=False)
    pinned_room = ForeignKey(references=Room, on_delete=OnDelete.set_null, null=True, default=None)
    pinned_block = Varchar(length=30, null=True, default=None)  # a Block.code
    unavailable_blocks = Array(base_column=Varchar(length=30), default=list)


class PresentationPresenter(Table):
    id: Serial  # Piccolo's primary key, declared for the type checker
    presentation = ForeignKey(
        references=Presentation, on_delete=OnDelete.cascade, null=False, index=True
    )
    person = ForeignKey(references=Person, on_delete=OnDelete.restrict, null=False, index=True)
    key = Varchar(length=40, unique=True)  # "presentation:person"


class Schedule(Table):
    """A solved schedule: the draft (version null) or a published version 1, 2, …"""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    version = Integer(null=True, default=None)
    seed = Integer(default=1)
    stats = JSON(default="{}")
    explanation = JSON(default="null")
    unscheduled = JSON(default="[]")
    changelog = JSON(default="[]")  # for a published version: moved / added / withdrawn
    created_at = Timestamptz()
    published_at = Timestamptz(null=True, default=None)


class Assignment(Table):
    """One presentation's place in a schedule: room, block, order and times."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    schedule = ForeignKey(references=Schedule, on_delete=OnDelete.cascade, null=False, index=True)
    presentation = ForeignKey(
        references=Presentation, on_delete=OnDelete.restrict, null=False, index=True
    )
    room = ForeignKey(references=Room, on_delete=OnDelete.restrict, null=False)
    block = Varchar(length=30)
    position = Integer()
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    sequence = Integer(default=0)  # iCalendar SEQUENCE: how often this item changed when published
    cancelled = Boolean(default=False)  # withdrawn after an earlier version: kept for calendars
    # The category as published (Presentation.category may change): category feeds keep what
    # left them. Empty in drafts and in rows published before it was kept.
    category = Varchar(length=20, default="")
    # The presenters (person ids) as published: a personal feed keeps a talk its owner no
    # longer presents (CANCELLED). Null in drafts and in rows published before they were kept.
    presenters = Array(base_column=Integer(), null=True, default=None)


class ScheduleEdit(Table):
    """A hand change to a schedule (swap, move, pin), kept so the draw by lot stays explainable."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    schedule = ForeignKey(references=Schedule, on_delete=OnDelete.cascade, null=False, index=True)
    action = Varchar(length=20)
    detail = JSON(default="{}")
    author = Varchar(length=50, default="")
    created_at = Timestamptz()


class ScheduleRun(Table):
    """The latest solve of each event, shared by every server process: what the organisers' page
    shows while it runs, and the claim that lets one run at a time. The process solving writes
    it every second (heartbeat_at); a run whose heartbeat stopped died with its process."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, unique=True)
    running = Boolean(default=False)
    phase = Varchar(length=20, default="queued")
    objective = DoublePrecision(null=True, default=None)
    bound = DoublePrecision(null=True, default=None)
    seconds = DoublePrecision(default=0.0)
    seed = Integer(default=1)
    started_at = Timestamptz()
    finished_at = Timestamptz(null=True, default=None)
    heartbeat_at = Timestamptz()
    error = Text(null=True, default=None)
    placed = Integer(null=True, default=None)
    unscheduled = Integer(null=True, default=None)


class AgendaItem(Table):
    """A plenary item the solver does not place: opening, awards, breaks, 报到 — with its host."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    title = Varchar(length=200)
    kind = Varchar(length=20, default="plenary")
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    # Held in a room of the event (its feed, the solver and publishing know it by id), or at a
    # place given as text (location) that is not a room.
    room = ForeignKey(references=Room, on_delete=OnDelete.set_null, null=True, default=None)
    location = Varchar(length=100, default="")
    host = Varchar(length=100, default="")
    note = Text(default="")
    uid = Varchar(length=100, unique=True)
    sequence = Integer(default=0)
    cancelled = Boolean(default=False)
    # Whose personal feeds show it: all | presenters | judges | organisers.
    audience = Varchar(length=20, default="all")
    # Rooms it was held in and left: [{room, start, end, sequence, at}] (their feeds keep it
    # CANCELLED at its old time there).
    departures = JSON(default="[]")
    updated_at = Timestamptz()


class AuditEntry(Table):
    """Who changed what, and when: registrations, submissions, schedules, publications."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(
        references=Event, on_delete=OnDelete.cascade, null=True, default=None, index=True
    )
    at = Timestamptz(index=True)
    actor = Varchar(length=100)
    action = Varchar(length=40, index=True)
    entity = Varchar(length=30)
    entity_id = Varchar(length=40, default="")
    summary = Varchar(length=500, default="")
    detail = JSON(default="{}")


class Account(Table):
    """An organiser's or desk staff member's login."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    username = Varchar(length=50, unique=True)
    password_hash = Varchar(length=200)
    role = Varchar(length=20, choices=Role)
    active = Boolean(default=True)
    created_at = Timestamptz()
    # Moves on when the password changes or the account is disabled: older sessions are void.
    session_epoch = Integer(default=0)


class Message(Table):
    """One e-mail or SMS in the outbox, written in the transaction of the change that causes it
    and sent apart from the request (event/messages/delivery.py). `status`: queued, sending (claimed
    by a worker until `claimed_until`), sent, local (no SMTP/SMS provider: kept as the local
    mailbox), failed (permanently, `last_error` says why)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(
        references=Event, on_delete=OnDelete.cascade, null=True, default=None, index=True
    )
    channel = Varchar(length=10)  # email | sms
    recipient = Varchar(length=254)  # an e-mail address or an 11-digit mobile number
    recipient_name = Varchar(length=50, default="")
    topic = Varchar(length=40, index=True)  # what it is about: registration.create, link.recover, …
    kind = Varchar(length=20, default="essential")  # essential | optional (may be declined)
    subject = Varchar(length=200, default="")
    text = Text()
    html = Text(default="")
    calendars = JSON(default="[]")  # iTIP .ics attachments (text), each with its own METHOD
    status = Varchar(length=20, default="queued", index=True)
    attempts = Integer(default=0)
    next_try_at = Timestamptz(index=True)
    claimed_until = Timestamptz(null=True, default=None)
    last_error = Text(default="")
    provider_id = Varchar(length=200, default="")  # Message-ID header, or the SMS provider's id
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None)
    person = ForeignKey(
        references=Person, on_delete=OnDelete.set_null, null=True, default=None, index=True
    )
    registration = ForeignKey(
        references=Registration, on_delete=OnDelete.set_null, null=True, default=None
    )


class MessageOptOut(Table):
    """A person who declined optional messages (broadcasts, reminders) from the personal page."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    person = ForeignKey(references=Person, on_delete=OnDelete.cascade, null=False, unique=True)
    at = Timestamptz()


class StoreEntry(Table):
    """A key of a Litestar store kept in the database (sessions, failed-login counts, rate-limit
    counters), so that every server in front of one PostgreSQL sees the same (event/stores.py)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    key = Varchar(length=400, unique=True)  # namespace/key
    value = Bytea()
    expires_at = Timestamptz(null=True, default=None, index=True)


class FileBlob(Table):
    """The bytes of an uploaded file, once per content (PostgreSQL: shared by every server)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    sha256 = Varchar(length=64, unique=True)
    content = Bytea()


class Judge(Table):
    """A judge of the roster (评委): who may judge which kinds, whether they may lead a panel,
    and their private link (`token`, found by `token_key`, event/tokens.py)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    name = Varchar(length=50)
    unit = Varchar(length=200)  # the unit's full name as on its seal (conflicts compare it)
    province = Varchar(length=20, default="")
    mobile = Varchar(length=11)
    qualification = Varchar(length=50, default="")  # e.g. 诊断师
    kinds = Array(base_column=Varchar(length=10))  # qc, team, story
    may_lead = Boolean(default=False)
    token = Varchar(length=64)
    token_key = Varchar(length=64, unique=True)
    key = Varchar(length=60, unique=True)  # "{event}:{mobile}": one judge per mobile and event
    created_at = Timestamptz()


class JudgePanel(Table):
    """The panel of one session: a room in a block of the latest published programme. `closed`:
    scoring of the session is over (judges then see each other's sheets; changes need an
    organiser)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    room = ForeignKey(references=Room, on_delete=OnDelete.cascade, null=False)
    block = Varchar(length=30)  # a Block.code
    kind = Varchar(length=10)
    version = Integer()  # the published programme version the panel was assigned for
    closed = Boolean(default=False)
    closed_at = Timestamptz(null=True, default=None)
    closed_by = Varchar(length=50, default="")
    key = Varchar(length=80, unique=True)  # "{event}:{room}:{block}"


class PanelSeat(Table):
    """A judge on a panel; exactly one seat per panel has `leader` (组长)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    panel = ForeignKey(references=JudgePanel, on_delete=OnDelete.cascade, null=False, index=True)
    judge = ForeignKey(references=Judge, on_delete=OnDelete.cascade, null=False, index=True)
    leader = Boolean(default=False)
    key = Varchar(length=40, unique=True)  # "{panel}:{judge}"


class ScoreSheet(Table):
    """One judge's marks for one presentation (marks: item code → "7.5"). `locked` once
    submitted; `entered_by` names the scorer who typed a paper sheet in for the judge."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    panel = ForeignKey(references=JudgePanel, on_delete=OnDelete.cascade, null=False, index=True)
    judge = ForeignKey(references=Judge, on_delete=OnDelete.cascade, null=False, index=True)
    presentation = ForeignKey(references=Presentation, on_delete=OnDelete.cascade, null=False,
                              index=True)  # fmt: skip
    marks = JSON(default="{}")
    total = Varchar(length=8, default="0")  # a Decimal as text, exact
    locked = Boolean(default=False)
    entered_by = Varchar(length=50, default="")
    key = Varchar(length=40, unique=True)  # "{presentation}:{judge}"
    submitted_at = Timestamptz()


class GradingRule(Table):
    """How one kind is graded 一/二/三等: `mode` thresholds (lowest means) or quotas (counts)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    kind = Varchar(length=10)
    mode = Varchar(length=12, default="thresholds")  # thresholds | quotas
    first = Varchar(length=8)
    second = Varchar(length=8)
    third = Varchar(length=8)
    key = Varchar(length=40, unique=True)  # "{event}:{kind}"


class EventRubric(Table):
    """An event's own score sheet of one kind, saved by an organiser before scoring of that kind
    opened (the default of event/judging/rubrics.py applies to a kind without one). `items`:
    [{"part", "code", "name", "max_points"}, …] in sheet order."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    kind = Varchar(length=10)
    items = JSON(default="[]")
    key = Varchar(length=40, unique=True)  # "{event}:{kind}"
    updated_at = Timestamptz()


class JudgingSetting(Table):
    """The event's judging choices that are not per kind: how equal means are ordered
    (`tie_rule`: a code of event/judging/results.py TIE_RULES)."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    event = ForeignKey(references=Event, on_delete=OnDelete.cascade, null=False, index=True)
    tie_rule = Varchar(length=12, default="delivery")
    key = Varchar(length=20, unique=True)  # "{event}"


class UnitContact(Table):
    """A verified contact of a unit: made by organisers, or claimed on /unit/claim and approved
    by one (pending until then: a typed unit name grants nothing). Signs in by a one-time code
    sent to `mobile` or `email`."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    organization = ForeignKey(
        references=Organization, on_delete=OnDelete.cascade, null=False, index=True
    )
    name = Varchar(length=50)
    mobile = Varchar(length=11, index=True)
    email = Varchar(length=254, default="")
    status = Varchar(length=10, default="pending")  # pending | approved | disabled | refused
    claimed_unit = Varchar(length=200, default="")  # the unit name as the claimant typed it
    created_by = Varchar(length=100, default="")
    created_at = Timestamptz()


class UnitSignInCode(Table):
    """A one-time sign-in code of a unit contact: only its hash, 10 minutes, 5 tries, once."""

    id: Serial  # Piccolo's primary key, declared for the type checker

    contact = ForeignKey(references=UnitContact, on_delete=OnDelete.cascade, null=False, index=True)
    code_hash = Varchar(length=64)
    expires_at = Timestamptz()
    tries = Integer(default=0)
    used = Boolean(default=False)
    created_at = Timestamptz()


ALL_TABLES: tuple[type[Table], ...] = (
    Event,
    CategoryQuota,
    Organization,
    Person,
    Delegation,
    Registration,
    Room,
    Block,
    Submission,
    SubmissionFile,
    ParticipationRecord,
    Presentation,
    PresentationPresenter,
    Schedule,
    Assignment,
    ScheduleEdit,
    ScheduleRun,
    AgendaItem,
    AuditEntry,
    Account,
    Message,
    MessageOptOut,
    StoreEntry,
    FileBlob,
    Judge,
    JudgePanel,
    PanelSeat,
    ScoreSheet,
    GradingRule,
    EventRubric,
    JudgingSetting,
    UnitContact,
    UnitSignInCode,
)
