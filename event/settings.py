"""One frozen settings object, read from the QCCONF_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_database_url() -> str:
    """A SQLite file under var/ in the project."""
    return f"sqlite:///{ROOT / 'var' / 'qcconf.sqlite3'}"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = ROOT / "var"
    pg_pool_size: int = 20
    rate_limit: int = 600  # each bucket of public writes per address and route group; 0 = off
    debug: bool = False
    secret: str | None = None  # signs CSRF tokens; None = var/secret.key (made once)
    secure_cookies: bool = False  # Secure cookies: set when served over HTTPS
    public_url: str | None = None  # QCCONF_PUBLIC_URL: where people open links (messages, UIDs)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Build the settings from the environment (or the mapping given)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("QCCONF_DATA_DIR", str(ROOT / "var")))
    return Settings(
        database_url=env.get("QCCONF_DATABASE_URL") or default_database_url(),
        host=env.get("QCCONF_HOST", "127.0.0.1"),
        port=int(env.get("QCCONF_PORT", "8000")),
        data_dir=data_dir,
        pg_pool_size=int(env.get("QCCONF_PG_POOL_SIZE", "20")),
        rate_limit=int(env.get("QCCONF_RATE_LIMIT", "600")),
        debug=env.get("QCCONF_DEBUG", "") == "1",
        secret=env.get("QCCONF_SECRET") or None,
        secure_cookies=env.get("QCCONF_SECURE_COOKIES", "") == "1",
        public_url=(env.get("QCCONF_PUBLIC_URL") or "").rstrip("/") or None,
    )
