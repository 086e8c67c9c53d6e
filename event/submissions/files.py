"""The scanned, sealed forms: checked by type and size, stored outside the database by hash."""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePath

from event.errors import InvalidInput
from event.submissions.schemas import SubmissionFileInfo
from event.tables import SubmissionFile

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


async def store_file(
    uploads: Path, submission_id: int, filename: str, content: bytes
) -> SubmissionFileInfo:
    """Keep one uploaded scan of a submission; refuse anything but PDF, JPEG or PNG up to 20 MB."""
    if not content:
        raise InvalidInput.one("file", "上传的文件是空的")
    if len(content) > MAX_BYTES:
        raise InvalidInput.one("file", f"文件不能超过{MAX_BYTES // 1024 // 1024}MB")
    media_type = sniff(content)
    if media_type is None:
        raise InvalidInput.one("file", "只接受盖章表格的扫描件：PDF、JPG或PNG")
    sha256 = hashlib.sha256(content).hexdigest()
    path = stored_path(uploads, sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    name = PurePath(filename.replace("\\", "/")).name[:255] or "upload"
    await SubmissionFile.insert(SubmissionFile(
        submission=submission_id, filename=name, media_type=media_type, size=len(content), sha256=sha256,
        uploaded_at=datetime.now(UTC),
    ))  # fmt: skip
    return SubmissionFileInfo(
        filename=name, media_type=media_type, size=len(content), sha256=sha256
    )


async def files_of(submission_id: int) -> list[SubmissionFileInfo]:
    rows = (
        await SubmissionFile.select()
        .where(SubmissionFile.submission == submission_id)
        .order_by(SubmissionFile.id)
    )
    return [SubmissionFileInfo(filename=r["filename"], media_type=r["media_type"], size=r["size"], sha256=r["sha256"])
            for r in rows]  # fmt: skip
