"""`qcconf backup` / `qcconf restore`: the whole event — database and uploaded scans — in one
.tar.gz. SQLite uses the online backup API; PostgreSQL uses pg_dump / pg_restore."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from event.settings import Settings

FORMAT = "qcconf-backup/1"


def _kind(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgres"


def _sqlite_path(url: str) -> Path:
    return Path(urlsplit(url).path)


def _pg_env(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    return {**os.environ, "PGPASSWORD": parts.password or ""}


def _pg_target(url: str) -> list[str]:
    parts = urlsplit(url)
    return [
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
        parts.path.lstrip("/"),
    ]


def backup(settings: Settings, out: Path) -> dict[str, object]:
    """Write the database and the uploads to `out` (a .tar.gz); returns the manifest."""
    kind = _kind(settings.database_url)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / ("database.sqlite3" if kind == "sqlite" else "database.pgdump")
        if kind == "sqlite":
            with (
                sqlite3.connect(_sqlite_path(settings.database_url)) as src,
                sqlite3.connect(dump) as dst,
            ):
                src.backup(dst)  # consistent while the server keeps writing
        else:
            subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *_pg_target(settings.database_url)],
                           env=_pg_env(settings.database_url), check=True, capture_output=True)  # fmt: skip
        manifest: dict[str, object] = {
            "format": FORMAT,
            "database": kind,
            "created_at": datetime.now(UTC).isoformat(),
        }
        uploads = settings.data_dir / "uploads"
        out.touch(mode=0o600)  # the archive holds every personal record: the owner's only
        out.chmod(0o600)
        with tarfile.open(out, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=dump.name)
            if uploads.is_dir():
                tar.add(uploads, arcname="uploads")
    return manifest


def restore(settings: Settings, archive: Path) -> dict[str, object]:
    """Replace the configured database and uploads with those in `archive`."""
    kind = _kind(settings.database_url)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError("不是 qcconf 的备份文件")
        if manifest["database"] != kind:
            raise ValueError(f"备份来自 {manifest['database']} 数据库，当前配置的是 {kind}")
        if kind == "sqlite":
            with (
                sqlite3.connect(Path(tmp) / "database.sqlite3") as src,
                sqlite3.connect(_sqlite_path(settings.database_url)) as dst,
            ):
                src.backup(dst)
        else:
            subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "-d",
                            *_pg_target(settings.database_url)[-1:], *_pg_target(settings.database_url)[:-1],
                            str(Path(tmp) / "database.pgdump")],
                           env=_pg_env(settings.database_url), check=True, capture_output=True)  # fmt: skip
        uploads = settings.data_dir / "uploads"
        if (Path(tmp) / "uploads").is_dir():
            shutil.rmtree(uploads, ignore_errors=True)
            shutil.copytree(Path(tmp) / "uploads", uploads)
    return manifest
