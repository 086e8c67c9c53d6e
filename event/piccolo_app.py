"""The Piccolo app of the event package; its migrations live in migrations/event/."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from event.tables import ALL_TABLES

ROOT = Path(__file__).resolve().parent.parent

APP_CONFIG = AppConfig(
    app_name="event",
    migrations_folder_path=str(ROOT / "migrations" / "event"),
    table_classes=list(ALL_TABLES),
    migration_dependencies=[],
    commands=[],
)
