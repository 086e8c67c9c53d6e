"""Running Piccolo's migrations on the configured database (QCCONF_DATABASE_URL)."""

from __future__ import annotations

import asyncio
import os

from event.db import enable_wal, engine_from_url
from event.settings import load_settings


async def migrate_async() -> None:
    """Apply every migration not yet run; switch a SQLite file to WAL first."""
    os.environ.setdefault("PICCOLO_CONF", "piccolo_conf")
    from piccolo.apps.migrations.commands.forwards import run_forwards

    enable_wal(engine_from_url(load_settings().database_url))
    response = await run_forwards(app_name="all", migration_id="all", fake=False)
    if not response.success:
        raise SystemExit(f"migration failed: {response.message}")


def migrate() -> None:
    asyncio.run(migrate_async())
