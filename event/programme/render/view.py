"""Turn a Programme into the plain rows the handbook templates print (no rendering here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from event.collation import NameOrder, name_key, stroke_key, unit_key
from event.programme.render.dates import TO_BE_ANNOUNCED, date_range, day_heading, local, time_range
from event.programme.render.model import AgendaItem, Delegate, Programme, Room

SEE_ROOMS = "见各分会场"
# Both stroke systems are announced with the same words on paper.
ORDER_LABELS = {
    "strokes": "按姓氏笔画为序",
    "name_strokes": "按姓氏笔画为序",
    "pinyin": "按姓名拼音为序",
}


@dataclass(frozen=True, slots=True)
class AgendaRow:
    time: str
    title: str
    location: str
    host: str
    cancelled: bool


@dataclass(frozen=True, slots=True)
class AgendaDay:
    day: str  # 8月18日
    weekday: str  # （星期三）
    rows: tuple[AgendaRow, ...]


@dataclass(frozen=True, slots=True)
class OrderRow:
    """One line of a running order; ``session`` rows are the half-day headings inside it."""

    number: str
    time: str
    title: str
    category: str = ""
    team: str = ""
    organization: str = ""
    presenters: tuple[str, ...] = ()
    cancelled: bool = False
    session: bool = False


@dataclass(frozen=True, slots=True)
class RunningOrder:
    anchor: str
    room: str
    location: str
    chair: str
    days: tuple[tuple[str, tuple[OrderRow, ...]], ...]
    count: int
    category: str = ""  # set when every presentation of the room has the same one


@dataclass(frozen=True, slots=True)
class DelegateUnit:
    """One unit of the 代表名单; the names are set in columns by tab stops (CSS tab-size),
    never padded with spaces, so the text layer holds each name as it is (孙超, not 孙　超)."""

    unit: str
    names: tuple[str, ...]

    @property
    def lines(self) -> tuple[str, ...]:
        """NAMES_PER_LINE names a line, a tab between them (the CSS sets the tab stops)."""
        return tuple(
            "\t".join(self.names[i : i + NAMES_PER_LINE])
            for i in range(0, len(self.names), NAMES_PER_LINE)
        )


NAMES_PER_LINE = 8


@dataclass(frozen=True, slots=True)
class Handbook:
    """The template context: only strings, tuples and these small records."""

    title: str
    edition: str
    organisers: tuple[str, ...]
    co_organisers: tuple[str, ...]
    dates: str
    venue: str
    agenda: tuple[AgendaDay, ...]
    running_orders: tuple[RunningOrder, ...]
    delegate_units: tuple[DelegateUnit, ...]
    delegate_count: int
    delegate_order: str
    notes: tuple[str, ...] = field(default=())
    contacts: tuple[str, ...] = field(default=())
    transport: tuple[str, ...] = field(default=())
    lodging: tuple[str, ...] = field(default=())

    @property
    def cover_title(self) -> str:
        """The meeting's name with its edition once: 第40次全国… is not preceded by 第40次."""
        if self.edition and not self.title.startswith(self.edition):
            return f"{self.edition}{self.title}"
        return self.title

    @property
    def has_guide(self) -> bool:
        return bool(self.notes or self.contacts or self.transport or self.lodging)


def _by_day(items: Iterable[AgendaItem]) -> dict[date, list[AgendaItem]]:
    days: dict[date, list[AgendaItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.start, i.end, i.uid)):
        days[local(item.start).date()].append(item)
    return dict(sorted(days.items()))


RoomKey = tuple[int | None, str]  # (room id, name): rooms of one name stay apart


def agenda_days(
    items: Iterable[AgendaItem], room_rank: dict[int | str, int]
) -> tuple[AgendaDay, ...]:
    """The 日程 table: every item that is not a presentation; parallel copies share a row."""
    result = []
    for day, day_items in _by_day(i for i in items if not i.is_presentation).items():
        groups: dict[tuple[object, ...], list[AgendaItem]] = {}
        for item in day_items:
            groups.setdefault((item.start, item.end, item.title, item.status), []).append(item)
        rows = []
        for group in groups.values():
            rooms = {(i.room_id, i.room_name) for i in group if i.room_name}
            hosts = {i.host for i in group}
            host = hosts.pop() if len(hosts) == 1 else SEE_ROOMS
            rows.append(
                AgendaRow(
                    time=time_range(group[0].start, group[0].end),
                    title=group[0].title,
                    location=room_span(rooms, room_rank),
                    host=host,
                    cancelled=group[0].status == "cancelled",
                )
            )
        heading = day_heading(day)
        split = heading.index("（")
        result.append(AgendaDay(day=heading[:split], weekday=heading[split:], rows=tuple(rows)))
    return tuple(result)


def room_rank(rooms: Iterable[RoomKey]) -> dict[int | str, int]:
    """Each room's place in the programme's order, by id; by name too where the name is the
    room's alone (plenary items name their place in free text)."""
    keys = list(rooms)
    names = [name for _, name in keys]
    rank: dict[int | str, int] = {}
    for i, (room_id, name) in enumerate(keys):
        if room_id is not None:
            rank[room_id] = i
        if names.count(name) == 1:
            rank[name] = i
    return rank


def _rank_of(room: RoomKey, room_rank: dict[int | str, int]) -> int | None:
    return room_rank.get(room[0] if room[0] is not None else room[1])


def room_sorter(room_rank: dict[int | str, int]) -> Callable[[RoomKey], tuple[object, ...]]:
    """Rooms in the programme's order; places it does not list after them, by strokes."""
    return lambda room: (
        rank if (rank := _rank_of(room, room_rank)) is not None else len(room_rank),
        stroke_key(room[1], surname_convention=False),
        room[0] or 0,
    )


def room_span(rooms: set[RoomKey], room_rank: dict[int | str, int]) -> str:
    """第一分会场至第八分会场 for three or more rooms in a row of the programme's order."""
    keys = sorted(rooms, key=room_sorter(room_rank))
    ranks = [_rank_of(k, room_rank) for k in keys]
    consecutive = (
        bool(ranks) and None not in ranks and ranks == list(range(ranks[0], ranks[0] + len(ranks)))  # type: ignore[arg-type]
    )
    if len(keys) >= 3 and consecutive:
        return f"{keys[0][1]}至{keys[-1][1]}"
    return "、".join(dict.fromkeys(name for _, name in keys))


def _order_row(item: AgendaItem, number: int | None, show_category: bool) -> OrderRow:
    if not item.is_presentation:
        host = f"　主持人：{item.host}" if item.host else ""
        return OrderRow(
            number="",
            time=time_range(item.start, item.end),
            title=f"{item.title}{host}",
            cancelled=item.status == "cancelled",
            session=True,
        )
    cancelled = item.status == "cancelled"
    return OrderRow(
        number="" if number is None else str(number),
        time="" if cancelled else time_range(item.start, item.end),  # its slot is no longer its
        title=item.title,
        category=item.category if show_category else "",
        team=item.team,
        organization=item.organization,
        presenters=item.presenters,
        cancelled=cancelled,
    )


def _room_of(item: AgendaItem, by_name: dict[str, list[int]]) -> int | None:
    """The room an item belongs to: its id; a plenary item's free-text place, when exactly one
    room has that name."""
    if item.room_id is not None:
        return item.room_id
    ids = by_name.get(item.room_name, [])
    return ids[0] if len(ids) == 1 else None


def _day_rows(day_items: list[AgendaItem], number: int, shared: str) -> tuple[list[OrderRow], int]:
    """One day of a running order: live rows numbered on from `number`, cancelled ones last,
    with neither 序号 nor time."""
    live = [i for i in day_items if i.status != "cancelled" or not i.is_presentation]
    live.sort(key=lambda i: (i.start, i.is_presentation, i.order or 0, i.uid))
    rows = []
    for item in live:
        if item.is_presentation:
            number += 1
        order = (item.order or number) if item.is_presentation else None
        rows.append(_order_row(item, order, show_category=not shared))
    gone = sorted((i for i in day_items if i not in live), key=lambda i: (i.start, i.uid))
    rows.extend(_order_row(i, None, show_category=not shared) for i in gone)
    return rows, number


def _keyed_rooms(programme: Programme) -> dict[int, Room]:
    """Rooms by id; a room given without one (plain-data callers) gets -1, -2, … by position."""
    return {room.id if room.id is not None else -n: room
            for n, room in enumerate(programme.rooms, start=1)}  # fmt: skip


def running_orders(programme: Programme) -> tuple[RunningOrder, ...]:
    """The 发表顺序表 of every room that has presentations, in the programme's room order."""
    keyed = _keyed_rooms(programme)
    rank = {key: i for i, key in enumerate(keyed)}
    rooms = keyed
    by_name: dict[str, list[int]] = defaultdict(list)
    for key, room in keyed.items():
        by_name[room.name].append(key)
    by_room: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in programme.items:
        room_id = _room_of(item, by_name)
        if room_id is not None:
            by_room[room_id].append(item)
    result = []
    for room_id in sorted(by_room, key=lambda r: (rank.get(r, len(rank)), r)):
        items = by_room[room_id]
        if not any(i.is_presentation for i in items):
            continue
        categories = {i.category for i in items if i.is_presentation}
        shared = categories.pop() if len(categories) == 1 else ""
        number = 0
        days = []
        for day, day_items in _by_day(items).items():
            if not any(i.is_presentation for i in day_items):
                continue
            rows, number = _day_rows(day_items, number, shared)
            days.append((day_heading(day), tuple(rows)))
        room = rooms.get(room_id)
        name = room.name if room else next(i.room_name for i in items if i.is_presentation)
        result.append(
            RunningOrder(
                anchor=f"room-{len(result) + 1}",
                room=name,
                location=room.location if room else "",
                chair=room.chair if room else "",
                days=tuple(days),
                count=number,
                category=shared,
            )
        )
    return tuple(result)


def display_name(name: str) -> str:
    """A name as printed: CJK names packed (no spaces), Latin or mixed names keep single spaces.
    Columns are aligned by the layout, so nothing is padded into the text."""
    packed = "".join(name.split())
    if not all("\u3400" <= c <= "\u9fff" for c in packed):
        return " ".join(name.split())
    return packed


def delegate_units(delegates: Iterable[Delegate], order: NameOrder) -> tuple[DelegateUnit, ...]:
    """The 代表名单 grouped by unit; units and names both in ``order``."""
    units: dict[str, list[str]] = defaultdict(list)
    for delegate in delegates:
        units[delegate.organization.strip()].append(delegate.name)
    return tuple(
        DelegateUnit(
            unit=unit,
            names=tuple(display_name(n) for n in sorted(names, key=lambda n: name_key(n, order))),
        )
        for unit, names in sorted(units.items(), key=lambda kv: unit_key(kv[0], order))
    )


def handbook(programme: Programme) -> Handbook:
    """Everything the templates need, computed once."""
    rank = room_rank((room.id, room.name) for room in programme.rooms)
    return Handbook(
        title=programme.name,
        edition=programme.edition,
        organisers=programme.organisers,
        co_organisers=programme.co_organisers,
        dates=date_range(programme.start_date, programme.end_date),
        venue=programme.venue or TO_BE_ANNOUNCED,
        agenda=agenda_days(programme.items, rank),
        running_orders=running_orders(programme),
        delegate_units=delegate_units(programme.delegates, programme.delegate_order),
        delegate_count=len(programme.delegates),
        delegate_order="按姓氏笔画为序"
        if programme.delegate_order == "strokes"
        else "按姓名拼音为序",
        notes=programme.notes,
        contacts=programme.contacts,
        transport=programme.transport,
        lodging=programme.lodging,
    )
