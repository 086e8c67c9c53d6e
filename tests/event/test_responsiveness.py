"""Each request that once froze the server, sent to the real server while a second client reads
/programme/ every 100 ms: the request gets its answer and the reader keeps getting pages. (The
reader's worst latency is the benchmark's to report: bench_hostile; tests assert no timings.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.event.live import live_server
from tests.event.responsiveness import PROBES, Probe, measure


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.label)
async def test_hostile_request_answered_while_the_programme_keeps_serving(
    db_url: str, event: object, tmp_path: Path, probe: Probe
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("the event loop is the same on both databases")
    with live_server(db_url, tmp_path, extra_env={"QCCONF_RATE_LIMIT": "0"}) as base:
        measured = await measure(base, probe)
    assert (measured.status, measured.watcher_ok, measured.fetches >= 3) == (
        probe.status,
        True,
        True,
    )
