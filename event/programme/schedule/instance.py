"""The solver's instance (SCHEDULING.md) built from the database.

Ids: rooms R01… (room_ref), blocks by their code, presentations by their code (QC-0042),
presenters as person ids P-0042, organizations ORG-0017. `previous` is the latest published
version's assignments, when there is one.
"""

from __future__ import annotations

from typing import Any

from event.current import EventInfo
from event.programme.presenters import presenters_now
from event.programme.schedule.plenary import held_rooms, instance_items
from event.programme.schedule.venues import blocks, room_ref, rooms
from event.tables import Assignment, Presentation, Schedule


def person_ref(person_id: int) -> str:
    return f"P-{person_id:04d}"


def organization_ref(organization_id: int) -> str:
    return f"ORG-{organization_id:04d}"


def _presentation(row: dict[str, Any], presenters: list[str], codes: set[str]) -> dict[str, Any]:
    pinned = None
    if row["pinned_room"] is not None and row["pinned_block"] in codes:
        pinned = {"room": room_ref(row["pinned_room"]), "block": row["pinned_block"]}
    return {
        "id": row["code"], "title": row["title"], "kind": row["kind"], "category": row["category"],
        "minutes": row["minutes"], "presenters": presenters,
        "organization": organization_ref(row["organization"]), "audience": row["audience"],
        "unavailable_blocks": [b for b in row["unavailable_blocks"] or [] if b in codes],
        "pinned": pinned,
    }  # fmt: skip


async def presentation_rows(event_id: int) -> list[dict[str, Any]]:
    """The presentations that are not withdrawn, by code."""
    return await (
        Presentation.select()
        .where((Presentation.event == event_id) & (Presentation.withdrawn.eq(False)))
        .order_by(Presentation.code)
    )


async def published_assignments(event_id: int) -> list[dict[str, str]] | None:
    """The latest published version's assignments in the instance's form, or None."""
    latest = await (
        Schedule.select(Schedule.id)
        .where((Schedule.event == event_id) & Schedule.version.is_not_null())
        .order_by(Schedule.version, ascending=False)
        .first()
    )
    if latest is None:
        return None
    rows = await Assignment.select(
        Assignment.presentation.code, Assignment.room, Assignment.block
    ).where((Assignment.schedule == latest["id"]) & (Assignment.cancelled.eq(False)))
    return [
        {"presentation": r["presentation.code"], "room": room_ref(r["room"]), "block": r["block"]}
        for r in rows
    ]


async def instance_dict(event: EventInfo) -> dict[str, Any]:
    """The instance of the event as the JSON of SCHEDULING.md."""
    room_list = await rooms(event.id)
    block_list = await blocks(event.id)
    codes = {b.code for b in block_list}
    rows = await presentation_rows(event.id)
    presenters = await presenters_now(r["id"] for r in rows)
    previous = await published_assignments(event.id)
    plenary = instance_items(
        await held_rooms(event.id, room_list), room_list, block_list, event.timezone
    )
    data = {
        "name": event.name,
        "timezone": event.timezone,
        "rooms": [
            {"id": r.ref, "name": r.name, "capacity": r.capacity, "kinds": r.kinds}
            for r in room_list
        ],
        "blocks": [
            {"id": b.code, "day": b.day.isoformat(), "start": b.start, "end": b.end}
            for b in block_list
        ],
        "presentations": [
            _presentation(r, [person_ref(p) for p in presenters.get(r["id"], ())], codes)
            for r in rows
        ],
        "previous": None if previous is None else {"assignments": previous},
    }
    return data | ({"plenary": plenary} if plenary else {})  # absent: SCHEDULING.md as it was
