"""Turn a Programme into the plain rows the handbook templates print (no rendering here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from event.collation import NameOrder, name_key, stroke_key, unit_key
from event.programme.render.dates import TO_BE_ANNOUNCED, date_range, day_heading, local, time_range
from event.programme.render.model import AgendaItem, Delegate, Programme

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


NAMES_PER_LINE = 8
NAME_WIDTH = 5  # em: every CJK glyph is 1 em wide, so padding with U+3000 aligns the columns


@dataclass(frozen=True, slots=True)
class DelegateUnit:
    unit: str
    names: tuple[str, ...]

    @property
    def lines(self) -> tuple[str, ...]:
        """The names laid out in aligned columns, NAMES_PER_LINE to a line."""
        cells = [n + "\u3000" * max(1, NAME_WIDTH - len(n)) for n in self.names]
        return tuple(
            "".join(cells[i : i + NAMES_PER_LINE]).rstrip("\u3000")
            for i in range(0, len(cells), NAMES_PER_LINE)
        )


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


def _by_day(items: Iterable[AgendaItem]) -> dict[date, list[AgendaItem]]:
    days: dict[date, list[AgendaItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.start, i.end, i.uid)):
        days[local(item.start).date()].append(item)
    return dict(sorted(days.items()))


def agenda_days(items: Iterable[AgendaItem], room_rank: dict[str, int]) -> tuple[AgendaDay, ...]:
    """The 日程 table: every item that is not a presentation; parallel copies share a row."""
    result = []
    for day, day_items in _by_day(i for i in items if not i.is_presentation).items():
        groups: dict[tuple[object, ...], list[AgendaItem]] = {}
        for item in day_items:
            groups.setdefault((item.start, item.end, item.title, item.status), []).append(item)
        rows = []
        for group in groups.values():
            rooms = {i.room_name for i in group if i.room_name}
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


def room_sorter(room_rank: dict[str, int]) -> Callable[[str], tuple[object, ...]]:
    """Rooms in the programme's order; rooms it does not list after them, by strokes."""
    return lambda name: (
        room_rank.get(name, len(room_rank)),
        stroke_key(name, surname_convention=False),
    )


def room_span(rooms: set[str], room_rank: dict[str, int]) -> str:
    """第一分会场至第八分会场 for three or more rooms in a row of the programme's order."""
    names = sorted(rooms, key=room_sorter(room_rank))
    ranks = [room_rank.get(n) for n in names]
    consecutive = (
        bool(ranks) and None not in ranks and ranks == list(range(ranks[0], ranks[0] + len(ranks)))
    )
    if len(names) >= 3 and consecutive:
        return f"{names[0]}至{names[-1]}"
    return "、".join(names)


def _order_row(item: AgendaItem, number: int, show_category: bool) -> OrderRow:
    if not item.is_presentation:
        host = f"　主持人：{item.host}" if item.host else ""
        return OrderRow(
            number="",
            time=time_range(item.start, item.end),
            title=f"{item.title}{host}",
            cancelled=item.status == "cancelled",
            session=True,
        )
    return OrderRow(
        number=str(item.order if item.order is not None else number),
        time=time_range(item.start, item.end),
        title=item.title,
        category=item.category if show_category else "",
        team=item.team,
        organization=item.organization,
        presenters=item.presenters,
        cancelled=item.status == "cancelled",
    )


def running_orders(programme: Programme) -> tuple[RunningOrder, ...]:
    """The 发表顺序表 of every room that has presentations, in the programme's room order."""
    rank = {room.name: i for i, room in enumerate(programme.rooms)}
    rooms = {room.name: room for room in programme.rooms}
    by_room: dict[str, list[AgendaItem]] = defaultdict(list)
    for item in programme.items:
        by_room[item.room_name].append(item)
    result = []
    for name in sorted(by_room, key=room_sorter(rank)):
        items = by_room[name]
        if not name or not any(i.is_presentation for i in items):
            continue
        categories = {i.category for i in items if i.is_presentation}
        shared = categories.pop() if len(categories) == 1 else ""
        number = 0
        days = []
        for day, day_items in _by_day(items).items():
            if not any(i.is_presentation for i in day_items):
                continue
            day_items.sort(key=lambda i: (i.start, i.is_presentation, i.order or 0, i.uid))
            rows = []
            for item in day_items:
                number += item.is_presentation
                rows.append(_order_row(item, number, show_category=not shared))
            days.append((day_heading(day), tuple(rows)))
        room = rooms.get(name)
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
    """Two-character names get a full-width space in the middle, as printed lists do (王　芳)."""
    packed = "".join(name.split())
    if not all("\u3400" <= c <= "\u9fff" for c in packed):
        return " ".join(name.split())  # Latin or mixed names keep their own spacing
    if len(packed) == 2:
        return f"{packed[0]}\u3000{packed[1]}"
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
    rank = {room.name: i for i, room in enumerate(programme.rooms)}
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
    )
