"""One delegate registered on PostgreSQL by one statement.

The unit (found, or created), the person (created, or updated by mobile), the registration and
its audit entry are written by a single INSERT with data-modifying CTEs, sent by asyncpg as a
prepared statement. One statement is atomic without a transaction: a second active registration
of the same person breaks the unique active key and the whole statement writes nothing
(ACTIVE_KEY_TAKEN). Built by Piccolo as four queries in a transaction, a registration cost twice
a bare insert (benchmarks/bench_registration.py). SQLite has no data-modifying CTEs and keeps
the Piccolo queries (registrations._store).

The statement's columns come from the Piccolo tables, so a renamed column fails at import, and
every parameter is cast to its column's type, which INSERT … SELECT does not infer.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from piccolo.table import Table

from event.enums import AttendeeCategory
from event.registration.people import PERSON_COLUMNS
from event.tables import AuditEntry, CategoryQuota, Organization, Person, Registration

# A database function (migrations/event/…quota…): takes the category's lock (quota_lock_key), then
# counts its active registrations. Being VOLATILE, it counts in a fresh snapshot, which sees every
# registration committed by the lock's previous holders; a count inside this statement would not.
# The lock is held until this statement commits, inside the server: no round trip holds it.
HAS_ROOM = "qcconf_category_has_room"


class _Parameters:
    """`$n` placeholders named once, with casts: the SQL reads like the Python that fills it."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, table: type[Table], column: str, name: str | None = None) -> str:
        return self.typed(name or column, table._meta.get_column_by_name(column).column_type)

    def typed(self, name: str, sql_type: str) -> str:
        if name not in self.names:
            self.names.append(name)
        return f"${self.names.index(name) + 1}::{sql_type.split('(')[0]}"


@cache
def _statement(registration_columns: tuple[str, ...]) -> tuple[str, list[str]]:
    p = _Parameters()
    person_set = ", ".join(
        f"{c} = EXCLUDED.{c}" for c in (*PERSON_COLUMNS, "organization") if c != "mobile"
    )
    registration_values = ", ".join(p(Registration, c) for c in registration_columns)
    quota, event, category = (
        p(CategoryQuota, "quota"),
        p(Registration, "event"),
        p(Registration, "category"),
    )
    sql = f"""
WITH room AS (
    SELECT WHERE CASE WHEN {quota} IS NULL THEN true
        ELSE {HAS_ROOM}({event}, {category}, {p.typed("lock_slot", "INTEGER")}, {quota}) END
), found AS (
    SELECT id FROM organization WHERE name = {p(Organization, "name", "org_name")}
), new_org AS (
    INSERT INTO organization (name, created_at)
    SELECT {p(Organization, "name", "org_name")}, {p(Organization, "created_at", "now")}
    FROM room WHERE NOT EXISTS (SELECT 1 FROM found)
    RETURNING id
), org AS (
    SELECT id FROM found, room UNION ALL SELECT id FROM new_org
), who AS (
    INSERT INTO person ({", ".join(PERSON_COLUMNS)}, organization, created_at)
    SELECT {", ".join(p(Person, c) for c in PERSON_COLUMNS)}, org.id, {p(Person, "created_at", "now")}
    FROM org
    ON CONFLICT (mobile) DO UPDATE SET {person_set}
    RETURNING id
), reg AS (
    INSERT INTO registration ({", ".join(registration_columns)}, person, active_key)
    SELECT {registration_values}, who.id, {p(Registration, "active_key", "key_prefix")} || who.id
    FROM who
    RETURNING id
), logged AS (
    INSERT INTO audit_entry (event, at, actor, action, entity, entity_id, summary)
    SELECT {p(AuditEntry, "event")}, {p(AuditEntry, "at", "now")}, {p(AuditEntry, "actor")},
           {p(AuditEntry, "action")}, 'registration', reg.id::text, {p(AuditEntry, "summary")}
    FROM reg
)
SELECT id FROM reg"""
    return sql, p.names


ACTIVE_KEY_TAKEN = f"{Registration._meta.tablename}_active_key_key"  # PostgreSQL's own name
QUOTA_LOCK = "SELECT pg_advisory_xact_lock($1::integer, $2::integer)"


def quota_lock_key(event_id: int, category: str) -> tuple[int, int]:
    """The advisory lock every writer of this event's category takes before counting it
    (HAS_ROOM takes the same)."""
    return event_id, list(AttendeeCategory).index(AttendeeCategory(category))


async def register_one(
    connection: Any, *, org_name: str, person: dict[str, Any], registration: dict[str, Any], actor: str,
    action: str, summary: str, now: datetime, quota: int | None,
) -> int | None:  # fmt: skip
    """The new registration's id, or None when its category holds `quota` active registrations
    already. Raises asyncpg's UniqueViolationError, naming ACTIVE_KEY_TAKEN, when the person has
    an active registration. Either way it writes nothing then."""
    sql, names = _statement(tuple(sorted(registration)))
    given = {**person, **registration, "org_name": org_name, "now": now, "actor": actor,
             "action": action, "summary": summary, "quota": quota,
             "lock_slot": quota_lock_key(registration["event"], registration["category"])[1],
             "key_prefix": f"{registration['event']}:"}  # fmt: skip
    return await connection.fetchval(sql, *(given[n] for n in names))
