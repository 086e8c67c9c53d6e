"""The scanned, sealed forms: checked by type and size, kept once per content by their hash:
in the database on PostgreSQL (any server behind the load balancer finds them), as files under
QCCONF_DATA_DIR/uploads on the embedded SQLite default."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path, PurePath

from piccolo.engine.postgres import PostgresEngine

from event.errors import InvalidInput, NotFound
from event.submissions.schemas import SubmissionFileInfo
from event.tables import FileBlob, SubmissionFile

MAX_BYTES = 20 * 1024 * 1024
SIGNATURES = {  # media type → how the file starts
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}


def sniff(content: bytes) -> str | None:
    return next((media for media, magic in SIGNATURES.items() if content.startswith(magic)), None)


def stored_path(uploads: Path, sha256: str) -> Path:
    return uploads / sha256[:2] / sha256


MAX_FILES = 10  # scans per submission: the sealed form, a page or two each
BYTES_PER_HOUR = 400 * 1024 * 1024  # per client address (a whole unit behind one NAT)
_SENT: dict[str, list[tuple[float, int]]] = {}  # address → (time, bytes) of the last hour


def charge(address: str, size: int) -> None:
    """Count an upload against its address's hourly bytes (per process, like the rate limit);
    refuse it once the hour's allowance is spent."""
    now = time.monotonic()
    if len(_SENT) > 10_000:  # many addresses: forget those whose hour has passed
        for key in [k for k, v in _SENT.items() if not v or v[-1][0] < now - 3600]:
            del _SENT[key]
    recent = [(t, n) for t, n in _SENT.get(address, []) if t > now - 3600]
    if sum(n for _, n in recent) + size > BYTES_PER_HOUR:
        raise InvalidInput.one(
            "file", f"本网络一小时内上传已超过{BYTES_PER_HOUR // 1024 // 1024}MB，请稍后再试"
        )
    _SENT[address] = [*recent, (now, size)]


async def store_file(
    uploads: Path, submission_id: int, filename: str, content: bytes, address: str = ""
) -> SubmissionFileInfo:
    """Keep one uploaded scan of a submission; refuse anything but PDF, JPEG or PNG up to 20 MB,
    an eleventh scan of one submission, and an address past its hourly bytes."""
    if not content:
        raise InvalidInput.one("file", "上传的文件是空的")
    if len(content) > MAX_BYTES:
        raise InvalidInput.one("file", f"文件不能超过{MAX_BYTES // 1024 // 1024}MB")
    media_type = sniff(content)
    if media_type is None:
        raise InvalidInput.one("file", "只接受盖章表格的扫描件：PDF、JPG或PNG")
    if await SubmissionFile.count().where(SubmissionFile.submission == submission_id) >= MAX_FILES:
        raise InvalidInput.one("file", f"每份材料最多上传{MAX_FILES}个扫描件")
    charge(address, len(content))
    sha256 = hashlib.sha256(content).hexdigest()
    await _keep(uploads, sha256, content)
    name = PurePath(filename.replace("\\", "/")).name[:255] or "upload"
    made = await SubmissionFile.insert(SubmissionFile(
        submission=submission_id, filename=name, media_type=media_type, size=len(content), sha256=sha256,
        uploaded_at=datetime.now(UTC),
    )).returning(SubmissionFile.id)  # fmt: skip
    return SubmissionFileInfo(
        id=made[0]["id"], filename=name, media_type=media_type, size=len(content), sha256=sha256
    )


def _in_database() -> bool:
    return isinstance(FileBlob._meta.db, PostgresEngine)


async def _keep(uploads: Path, sha256: str, content: bytes) -> None:
    if _in_database():
        await FileBlob.insert(FileBlob(sha256=sha256, content=content)).on_conflict(
            target=FileBlob.sha256, action="DO NOTHING"
        )
        return
    path = stored_path(uploads, sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)  # atomic: a reader never sees half a file


async def open_file(uploads: Path, submission_id: int, file_id: int) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of one scan of this submission; NotFound otherwise."""
    F = SubmissionFile
    row = (
        await F.select(F.filename, F.media_type, F.sha256)
        .where((F.id == file_id) & (F.submission == submission_id))
        .first()
    )
    if row is None:
        raise NotFound("未找到该文件")
    if _in_database():
        blob = (
            await FileBlob.select(FileBlob.content).where(FileBlob.sha256 == row["sha256"]).first()
        )
        content = bytes(blob["content"]) if blob else None
    else:
        path = stored_path(uploads, row["sha256"])
        content = path.read_bytes() if path.is_file() else None
    if content is None:
        raise NotFound("该文件的内容已不存在")
    return row["filename"], row["media_type"], content


async def files_of(submission_id: int) -> list[SubmissionFileInfo]:
    rows = (
        await SubmissionFile.select()
        .where(SubmissionFile.submission == submission_id)
        .order_by(SubmissionFile.id)
    )
    return [SubmissionFileInfo(id=r["id"], filename=r["filename"], media_type=r["media_type"], size=r["size"],
                               sha256=r["sha256"]) for r in rows]  # fmt: skip
