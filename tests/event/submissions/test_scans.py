"""The sealed scan: an organiser opens it as it was uploaded; on PostgreSQL its bytes are in the
database, so a second server (another data folder, another machine) serves it too."""

from __future__ import annotations

from pathlib import Path

import httpx

from event.app import create_app
from event.enums import Role
from event.settings import Settings
from event.tables import FileBlob
from tests.factories import login, qc, with_csrf_token

PDF = b"%PDF-1.4\n% qcconf test scan\n%%EOF\n"
SECRET = "one secret for every server"


def _client(db_url: str, data_dir: Path) -> httpx.AsyncClient:
    settings = Settings(database_url=db_url, data_dir=data_dir, secret=SECRET, rate_limit=0)
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(settings)), base_url="http://testserver"
    )
    with_csrf_token(client, SECRET)
    return client


async def test_scan_uploaded_through_one_server_opens_through_the_other(
    db_url: str, event: object, tmp_path: Path
) -> None:
    first, second = _client(db_url, tmp_path / "a"), _client(db_url, tmp_path / "b")
    try:
        sent = (await first.post("/api/submissions/qc", json=qc(presented=False))).json()
        files = {"file": ("盖章扫描件.pdf", PDF, "application/pdf")}
        up = await first.post(f"/api/submissions/by-token/{sent['token']}/files", files=files)
        assert up.status_code == 201, up.text
        reader = second if db_url.startswith("postgres") else first  # SQLite: one machine
        await login(reader, "zhang", Role.organiser)
        page = await reader.get(f"/admin/submissions/{sent['id']}")
        assert "盖章扫描件.pdf" in page.text
        scan = await reader.get(f"/admin/submissions/{sent['id']}/files/{up.json()['id']}")
        assert (scan.status_code, scan.content, scan.headers["content-type"]) == (
            200, PDF, "application/pdf",
        )  # fmt: skip
        in_db = await FileBlob.count()
        assert in_db == (1 if db_url.startswith("postgres") else 0)
    finally:
        await first.aclose()
        await second.aclose()


async def test_scan_of_another_submission_is_not_found(
    db_url: str, event: object, tmp_path: Path
) -> None:
    client = _client(db_url, tmp_path)
    try:
        one = (await client.post("/api/submissions/qc", json=qc(presented=False))).json()
        other = (
            await client.post(
                "/api/submissions/qc", json=qc(presented=False, group_name="另一小组")
            )
        ).json()
        files = {"file": ("a.pdf", PDF, "application/pdf")}
        up = (
            await client.post(f"/api/submissions/by-token/{one['token']}/files", files=files)
        ).json()
        await login(client, "zhang", Role.organiser)
        wrong = await client.get(f"/admin/submissions/{other['id']}/files/{up['id']}")
        assert wrong.status_code == 404
    finally:
        await client.aclose()
