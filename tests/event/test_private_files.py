"""What the system writes is its user's only (files 0600, folders 0700), and a data folder it
cannot write stops the server with a clear line instead of serving without it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.event.live import live_server
from tests.factories import qc

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _qcconf(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "event.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **env})  # fmt: skip


def test_database_and_backup_are_the_owners_only(tmp_path: Path) -> None:
    env = {
        "QCCONF_DATABASE_URL": f"sqlite:///{tmp_path}/db/q.sqlite3",
        "QCCONF_DATA_DIR": str(tmp_path),
    }
    assert _qcconf(env, "migrate").returncode == 0
    assert _qcconf(env, "backup", "--out", str(tmp_path / "b.tar.gz")).returncode == 0
    modes = [
        _mode(tmp_path / "db" / "q.sqlite3"),
        _mode(tmp_path / "db"),
        _mode(tmp_path / "b.tar.gz"),
    ]
    assert modes == [0o600, 0o700, 0o600]


async def test_server_writes_secret_sessions_and_uploads_for_its_user_only(
    db_url: str, event: object, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("files are the SQLite layout")
    data = tmp_path / "data"
    with live_server(db_url, tmp_path, extra_env={"QCCONF_DATA_DIR": str(data)}) as base:
        async with httpx.AsyncClient(base_url=base) as http:
            sent = (await http.post("/api/submissions/qc", json=qc(presented=False))).json()
            stored = await http.post(f"/api/submissions/by-token/{sent['token']}/files",
                                     files={"file": ("盖章.pdf", PDF, "application/pdf")})  # fmt: skip
    assert stored.status_code == 201, stored.text
    written = [p for p in data.rglob("*")]
    loose = sorted(str(p.relative_to(data)) for p in written
                   if _mode(p) != (0o700 if p.is_dir() else 0o600))  # fmt: skip
    assert (len(written) > 2, loose) == (True, [])


def test_unwritable_data_folder_stops_the_server_with_a_clear_line(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # a file where the data folder should be: nothing can go in it
    env = {
        "QCCONF_DATABASE_URL": f"sqlite:///{tmp_path}/q.sqlite3",
        "QCCONF_DATA_DIR": str(blocked),
    }
    with (
        pytest.raises(RuntimeError) as stopped,
        live_server(env["QCCONF_DATABASE_URL"], tmp_path, extra_env=env),
    ):
        pass
    assert f"data folder {blocked} is not writable" in str(stopped.value)
