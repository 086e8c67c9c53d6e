from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import JSON, ForeignKey, Serial, Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class Room(Table, tablename="room", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


ID = "2026-12-01T11:32:02:821181"
VERSION = "1.38.0"
DESCRIPTION = (
    "Plenary items held in a room by its id and the rooms they left; the category each "
    "published assignment had (filled by the next migration)"
)


def _params(**extra):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    } | extra


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="event", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Assignment",
        tablename="assignment",
        column_name="category",
        db_column_name="category",
        column_class_name="Varchar",
        column_class=Varchar,
        params=_params(length=20, default=""),
        schema=None,
    )

    manager.add_column(
        table_class_name="AgendaItem",
        tablename="agenda_item",
        column_name="departures",
        db_column_name="departures",
        column_class_name="JSON",
        column_class=JSON,
        params=_params(default="[]"),
        schema=None,
    )

    manager.add_column(
        table_class_name="AgendaItem",
        tablename="agenda_item",
        column_name="room",
        db_column_name="room",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params=_params(
            references=Room,
            on_delete=OnDelete.set_null,
            on_update=OnUpdate.cascade,
            target_column=None,
            null=True,
        ),
        schema=None,
    )

    return manager
