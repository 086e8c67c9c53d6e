"""Each request that once froze the server, sent to the real server while a second client reads
/programme/ every 100 ms: the request gets its answer and the reader keeps getting pages. (The
reader's worst latency is the benchmark's to report: bench_hostile; tests assert no timings.)
One server for the module (on SQLite: the event loop is the same on both databases)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from event.db import bind, close_pool, engine_from_url, open_pool
from event.tables import ALL_TABLES
from tests.event.live import live_server
from tests.event.responsiveness import PROBES, Probe, measure
from tests.factories import new_event


@pytest.fixture(scope="module")
async def server(
    database_urls: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    engine = engine_from_url(database_urls["sqlite"])
    bind(engine)
    await open_pool(engine, 2)
    for table in reversed(ALL_TABLES):
        await table.delete(force=True)
    await new_event()
    await close_pool(engine)
    folder = tmp_path_factory.mktemp("responsive")
    with live_server(database_urls["sqlite"], folder, extra_env={"QCCONF_RATE_LIMIT": "0"}) as base:
        yield base


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.label)
async def test_hostile_request_answered_while_the_programme_keeps_serving(
    server: str, probe: Probe
) -> None:
    measured = await measure(server, probe)
    assert (measured.status, measured.watcher_ok, measured.fetches >= 3) == (
        probe.status,
        True,
        True,
    )
