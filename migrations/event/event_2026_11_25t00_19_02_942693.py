from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.postgres import PostgresEngine
from piccolo.table import Table

ID = "2026-11-25T00:19:02:942693"
VERSION = "1.38.0"
DESCRIPTION = "quota count: composite index, PostgreSQL function"


class Registration(Table, tablename="registration", schema=None):
    pass


# Counting a category's active registrations (the quota check) reads this index only.
INDEX = "registration_event_category_status"

# event.services.registration_sql.HAS_ROOM: the category's advisory lock, then the count. Being
# VOLATILE, its count runs in a fresh snapshot, which sees every registration committed by the
# lock's previous holders; the lock is held until the calling statement commits.
HAS_ROOM = """
CREATE OR REPLACE FUNCTION qcconf_category_has_room(
    event_id integer, category_code varchar, lock_slot integer, quota integer
) RETURNS boolean VOLATILE LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(event_id, lock_slot);
    SELECT count(*) < quota FROM registration
    WHERE event = event_id AND category = category_code AND status = 'active';
$$"""


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="event", description=DESCRIPTION
    )

    async def create():
        await Registration.raw(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" '
            'ON "registration" ("event", "category", "status")'
        )
        if isinstance(Registration._meta.db, PostgresEngine):
            await Registration.raw(HAS_ROOM)

    async def drop():
        await Registration.raw(f'DROP INDEX IF EXISTS "{INDEX}"')
        if isinstance(Registration._meta.db, PostgresEngine):
            await Registration.raw(
                "DROP FUNCTION IF EXISTS qcconf_category_has_room("
                "integer, varchar, integer, integer)"
            )

    manager.add_raw(create)
    manager.add_raw_backwards(drop)

    return manager
