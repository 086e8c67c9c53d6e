from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T11:35:54:598067"
VERSION = "1.38.0"
DESCRIPTION = (
    "Once: a plenary item whose place is the name of exactly one room of its event is held in "
    "that room (AgendaItem.room); published assignments take their presentation's category"
)

HOLD = (
    "UPDATE agenda_item SET room = (SELECT MIN(r.id) FROM room r WHERE r.event = agenda_item.event"
    " AND TRIM(r.name) = TRIM(agenda_item.location)) WHERE room IS NULL AND (SELECT COUNT(*)"
    " FROM room r WHERE r.event = agenda_item.event AND TRIM(r.name) = TRIM(agenda_item.location))"
    " = 1"
)
CATEGORY = (
    "UPDATE assignment SET category = (SELECT p.category FROM presentation p"
    " WHERE p.id = assignment.presentation) WHERE category = '' AND schedule IN"
    " (SELECT id FROM schedule WHERE version IS NOT NULL)"
)


class _Raw(Table, tablename="agenda_item"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="event", description=DESCRIPTION)

    async def fill() -> None:
        await _Raw.raw(HOLD)
        await _Raw.raw(CATEGORY)

    manager.add_raw(fill)

    return manager
