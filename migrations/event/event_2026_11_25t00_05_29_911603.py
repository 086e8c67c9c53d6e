import hashlib

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.table import Table

ID = "2026-11-25T00:05:29:911603"
VERSION = "1.38.0"
DESCRIPTION = "token_key filled in for existing rows, then indexed unique"


# The three tables as they stand at this migration, with only what is touched here.
class Delegation(Table, tablename="delegation", schema=None):
    token = Varchar(length=64)
    token_key = Varchar(length=64, null=True, default=None)


class Registration(Table, tablename="registration", schema=None):
    token = Varchar(length=64)
    token_key = Varchar(length=64, null=True, default=None)


class Submission(Table, tablename="submission", schema=None):
    token = Varchar(length=64)
    token_key = Varchar(length=64, null=True, default=None)


TABLES = (Delegation, Registration, Submission)

# Not Piccolo's `index=True`: it would name the index "<table>_token_key", the name PostgreSQL
# already gives the unique constraint of `token`. Made here, the index can also be unique, which
# SQLite refuses for a column added to an existing table.
INDEX = '"{table}_token_key_unique"'


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="event", description=DESCRIPTION
    )

    async def fill_token_keys():
        # event.services.tokens.token_key as it was when this migration was written.
        for table in TABLES:
            rows = await table.select(table.id, table.token).where(
                table.token_key.is_null()
            )
            for row in rows:
                key = hashlib.sha256(
                    row["token"].encode("utf-8", "surrogatepass")
                ).hexdigest()
                await table.update({table.token_key: key}).where(
                    table.id == row["id"]
                )

    async def index_token_keys():
        for table in TABLES:
            name = table._meta.tablename
            await table.raw(
                f"CREATE UNIQUE INDEX {INDEX.format(table=name)} "
                f'ON "{name}" ("token_key")'
            )

    async def drop_token_key_indexes():
        for table in TABLES:
            name = table._meta.tablename
            await table.raw(f"DROP INDEX IF EXISTS {INDEX.format(table=name)}")

    manager.add_raw(fill_token_keys)
    manager.add_raw(index_token_keys)
    manager.add_raw_backwards(drop_token_key_indexes)

    return manager
