"""Requests that once froze the server, and a watcher that fetches /programme/ every 100 ms while
one of them is answered: tests/event/test_responsiveness.py checks the answers, the benchmark
`benchmarks/bench_hostile.py` reports the watcher's worst latency per request."""

from __future__ import annotations

import asyncio
import re
import time
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from io import BytesIO

import httpx

Send = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]


@dataclass(frozen=True)
class Probe:
    label: str
    send: Send
    status: int  # what the server must answer


def _rewrite(book: bytes, part: str, change: Callable[[str], str]) -> bytes:
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(book)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, change(data.decode()).encode() if info.filename == part else data)
    return out.getvalue()


def blank_rows_workbook(template: bytes, count: int = 1_000_000) -> bytes:
    """The template with `count` blank rows and a dimension that covers them (about 2.5 MB)."""

    def change(text: str) -> str:
        rows = "".join(f'<row r="{n}"><c r="A{n}"/></row>' for n in range(600, 600 + count))
        text = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:N{600 + count}"/>', text)
        return text.replace("</sheetData>", rows + "</sheetData>", 1)

    return _rewrite(template, "xl/worksheets/sheet1.xml", change)


def laughs_workbook(template: bytes) -> bytes:
    """The template whose sheet declares entities that expand a billion times."""
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE w [<!ENTITY l0 "lol">{entities}]>'
    return _rewrite(template, "xl/worksheets/sheet1.xml", lambda t: doctype + t.replace(
        "<sheetData>", "<sheetData><row r=\"600\"><c r=\"A600\" t=\"inlineStr\"><is><t>&l9;</t></is></c></row>", 1))  # fmt: skip


async def _form(client: httpx.AsyncClient, path: str, data: dict[str, str]) -> httpx.Response:
    """A form post with the CSRF token a page would carry."""
    await client.get("/register/delegation")
    token = client.cookies.get("csrftoken") or ""
    return await client.post(path, data=data, headers={"x-csrftoken": token})


async def _excel(client: httpx.AsyncClient, make: Callable[[bytes], bytes]) -> httpx.Response:
    template = (await client.get("/api/submissions/templates/qc.xlsx")).content
    body = await asyncio.to_thread(make, template)
    return await client.post("/api/submissions/qc/excel", files={"file": ("qc.xlsx", body)})


def _json(content: bytes) -> Send:
    return lambda c: c.post("/api/registrations", content=content,
                            headers={"content-type": "application/json"})  # fmt: skip


PROBES = (
    Probe("delegation form, _rows=1000000", lambda c: _form(c, "/register/delegation", {"_rows": "1000000", "_more": "20"}), 200),
    Probe("delegation form, _rows=abc", lambda c: _form(c, "/register/delegation", {"_rows": "abc", "_more": "20"}), 400),
    Probe("Excel of a million blank rows (2.5 MB)", lambda c: _excel(c, blank_rows_workbook), 400),
    Probe("Excel with entity expansion", lambda c: _excel(c, laughs_workbook), 400),
    Probe("JSON nested 100,000 deep", _json(b"[" * 100_000 + b"]" * 100_000), 400),
    Probe("JSON with invalid UTF-8", _json(b'{"name": "\xff\xfe"}'), 400),
    Probe("NUL in a search", lambda c: c.get("/api/admin/registrations?organization=%00"), 400),
    Probe("id beyond the integer range", lambda c: c.get(f"/desk/p/{2**63}"), 400),
)  # fmt: skip


@dataclass(frozen=True)
class Measured:
    label: str
    status: int
    worst_ms: float  # the watcher's slowest /programme/ while the request was served
    fetches: int
    watcher_ok: bool  # every /programme/ answered 200


async def measure(base: str, probe: Probe) -> Measured:
    """Send `probe` from one client while another fetches /programme/ every 100 ms."""
    done = asyncio.Event()
    latencies: list[float] = []
    statuses: set[int] = set()

    async def watch() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as watcher:
            while not done.is_set():
                started = time.perf_counter()
                statuses.add((await watcher.get("/programme/")).status_code)
                latencies.append(time.perf_counter() - started)
                await asyncio.sleep(0.1)

    watching = asyncio.create_task(watch())
    await asyncio.sleep(0.3)
    async with httpx.AsyncClient(base_url=base, timeout=120) as hostile:
        answer = await probe.send(hostile)
    await asyncio.sleep(0.3)
    done.set()
    await watching
    return Measured(probe.label, answer.status_code, max(latencies) * 1000, len(latencies),
                    statuses == {200})  # fmt: skip
