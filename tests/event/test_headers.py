"""Security headers on every HTML answer, no inline script in any template, and a server log
that never holds a private link."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from httpx import AsyncClient

from tests.event.live import live_server
from tests.factories import person

EVENT_DIR = Path(__file__).resolve().parents[2] / "event"


async def test_page_has_csp_without_inline_script_and_no_framing(client: AsyncClient) -> None:
    response = await client.get("/register")
    csp = response.headers["content-security-policy"]
    assert ("script-src 'self';" in csp, "frame-ancestors 'none'" in csp, "unsafe-inline" in
            csp.split("script-src")[1].split(";")[0], response.headers["x-content-type-options"]) == (
        True, True, False, "nosniff",
    )  # fmt: skip


async def test_unmatched_path_answer_has_the_headers_too(client: AsyncClient) -> None:
    response = await client.get("/no/such/page", headers={"accept": "text/html"})
    assert (response.status_code, response.headers["x-content-type-options"]) == (404, "nosniff")


async def test_personal_page_sends_no_referrer_and_is_not_cached(client: AsyncClient) -> None:
    made = (await client.post("/api/registrations", json=person())).json()
    response = await client.get(f"/r/{made['token']}")
    assert (response.headers["referrer-policy"], response.headers["cache-control"]) == (
        "no-referrer", "no-store",
    )  # fmt: skip


async def test_public_page_keeps_its_referrer(client: AsyncClient) -> None:
    response = await client.get("/register")
    assert "referrer-policy" not in response.headers


def test_no_template_has_inline_script_or_event_handler() -> None:
    found = []
    for path in EVENT_DIR.rglob("templates/**/*.html"):
        text = path.read_text()
        found += [f"{path.name}: {m}" for m in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text)]
        found += [f"{path.name}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
    assert found == []


async def test_server_log_names_the_route_not_the_private_link(
    db_url: str, event: object, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        return  # the log does not depend on the database
    with live_server(db_url, tmp_path) as base:
        async with httpx.AsyncClient(base_url=base) as http:
            made = (await http.post("/api/registrations", json=person())).json()
            assert (await http.get(f"/r/{made['token']}")).status_code == 200
    log = (tmp_path / "server.log").read_text()
    assert (made["token"] in log, '"GET /r/{token}" 200' in log) == (False, True)
