"""`qcconf backup` and `qcconf restore` round-trip the database and the uploaded scans."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from event.tables import Organization, Registration, Submission
from tests.conftest import ROOT
from tests.event.test_demo import demo


def qcconf(url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QCCONF_DATABASE_URL": url, "QCCONF_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "event.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


async def snapshot() -> tuple:
    names = await Registration.select(Registration.person.name, Registration.token).order_by(
        Registration.id
    )
    return await Organization.count(), await Submission.count(), [tuple(r.values()) for r in names]


async def test_backup_then_restore_gives_back_everything(db_url: str, tmp_path: Path) -> None:
    assert demo(db_url, tmp_path, "--size", "small").returncode == 0
    scan = tmp_path / "uploads" / "ab" / ("ab" + "0" * 62)
    scan.parent.mkdir(parents=True)
    scan.write_bytes(b"%PDF-1.4 scan")
    before = await snapshot()
    archive = tmp_path / "event.tar.gz"
    done = qcconf(db_url, tmp_path, "backup", "--out", str(archive))
    assert done.returncode == 0, done.stderr
    await Registration.delete(force=True)
    scan.unlink()
    assert (await snapshot())[2] == []
    restored = qcconf(db_url, tmp_path, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert await snapshot() == before
    assert scan.read_bytes() == b"%PDF-1.4 scan"


async def test_restore_refuses_a_file_that_is_not_a_backup(db_url: str, tmp_path: Path) -> None:
    bogus = tmp_path / "x.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        data = b'{"format": "other"}'
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    done = qcconf(db_url, tmp_path, "restore", str(bogus))
    assert (done.returncode, done.stderr.strip()) == (2, "错误：不是 qcconf 的备份文件")
