"""Times inside a block around its plenary items: back to back, never across held time."""

from __future__ import annotations

from scheduling.model import Instance


def walk(spans: tuple[tuple[int, int], ...], minutes: list[int]) -> list[int] | None:
    """The start minute of each item, in order, back to back in the free `spans`; an item
    that does not fit before a span ends goes to the start of the next. None if they do not
    all fit."""
    starts = []
    index, clock = 0, spans[0][0] if spans else 0
    for m in minutes:
        while index < len(spans) and clock + m > spans[index][1]:
            index += 1
            if index < len(spans):
                clock = spans[index][0]
        if index == len(spans):
            return None
        starts.append(clock)
        clock += m
    return starts


def session_fits(instance: Instance, room: str, block: str, minutes: list[int]) -> bool:
    """Whether items of these lengths fit the room's free time in the block (longest first)."""
    if sum(minutes) > instance.usable(room, block):
        return False
    if not instance.held(room, block):
        return True
    return walk(instance.free(room, block), sorted(minutes, reverse=True)) is not None
