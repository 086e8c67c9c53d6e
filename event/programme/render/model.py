"""Plain, frozen input data for the agenda renderers (never database rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from event.collation import NameOrder

ItemStatus = Literal["confirmed", "cancelled"]

# Kinds the renderers treat specially; any other string is shown as an ordinary agenda row.
PRESENTATION = "presentation"  # one result or speech in a room's running order (发表顺序表)
SPEECH = "speech"  # a brand story (质量品牌故事演讲); also listed in the running order


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One entry of the programme: a ceremony, a session block, a presentation, a meal...

    ``uid`` must never change for the same item; ``sequence`` grows by one each time a published
    version changes the item; ``last_modified`` is when it last changed (aware datetime).
    """

    uid: str
    title: str
    start: datetime
    end: datetime
    last_modified: datetime
    kind: str = "session"
    category: str = ""  # 成果类型 or session type, e.g. 质量管理小组 / 质量信得过班组
    room_name: str = ""
    host: str = ""  # 主持人
    presenters: tuple[str, ...] = ()
    organization: str = ""  # 单位
    team: str = ""  # 小组/班组 name
    description: str = ""
    status: ItemStatus = "confirmed"
    sequence: int = 0
    order: int | None = None  # 发表序号 in its room (the draw); None: by start time
    room_id: int | None = None  # the room's key; rooms of one name stay apart
    url: str = ""  # path of its page, e.g. /programme/p/QC-0001 (feeds prefix the site)
    audience: str = "all"  # all | presenters | judges | organisers (whose personal feeds)

    def __post_init__(self) -> None:
        for label, moment in (("start", self.start), ("end", self.end)):
            if moment.tzinfo is None:
                raise ValueError(f"AgendaItem {self.uid}: {label} must be timezone-aware")
        if self.end < self.start:
            raise ValueError(f"AgendaItem {self.uid}: end before start")
        if self.sequence < 0:
            raise ValueError(f"AgendaItem {self.uid}: sequence must be >= 0")

    @property
    def is_presentation(self) -> bool:
        return self.kind in (PRESENTATION, SPEECH)


@dataclass(frozen=True, slots=True)
class Room:
    """A room (主会场 or 分会场) in the order the handbook lists them."""

    name: str
    location: str = ""  # e.g. 酒店二楼多功能厅
    id: int | None = None  # the room's key (AgendaItem.room_id)
    chair: str = ""  # 主持人 / 评委组长 of the room


@dataclass(frozen=True, slots=True)
class Delegate:
    """One person on the delegate list (代表名单)."""

    name: str
    organization: str
    position: str = ""  # 职务/职称
    role: str = ""  # 代表, 发表人, 评委 ...


@dataclass(frozen=True, slots=True)
class Programme:
    """Everything the handbook (会议手册) prints.

    ``start_date``/``end_date`` and ``venue`` may be None: the notice announces them later, and
    the handbook then prints 另行通知.
    """

    name: str  # 会议全称
    items: tuple[AgendaItem, ...]
    edition: str = ""  # e.g. 第四十届
    organisers: tuple[str, ...] = ()  # 主办单位
    co_organisers: tuple[str, ...] = ()  # 承办/协办单位
    start_date: date | None = None
    end_date: date | None = None
    venue: str | None = None
    rooms: tuple[Room, ...] = ()
    delegates: tuple[Delegate, ...] = ()
    delegate_order: NameOrder = "strokes"
    notes: tuple[str, ...] = ()  # 会议须知, one paragraph each
    contacts: tuple[str, ...] = ()  # 会务联系人, one line each
    transport: tuple[str, ...] = ()  # 交通
    lodging: tuple[str, ...] = ()  # 住宿
