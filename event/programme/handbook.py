"""The 会议手册 PDF, rendered once per published state, roster state, order and layout.

A render takes seconds of CPU, so it runs in a worker thread (the event loop keeps serving)
and concurrent requests for the same key wait for the one render instead of starting their
own. Only the last few keys are kept: an older roster state is never asked for again.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from datetime import datetime
from typing import Any

import anyio

from event.programme.feeds import Feed, make_feed
from event.programme.render.model import Programme
from event.programme.render.pdf import Layout, render_programme_pdf
from event.tables import Registration


async def roster_stamp(event_id: int) -> tuple[Any, ...]:
    """Changes whenever a registration of the event is added, edited or cancelled."""
    rows = await Registration.raw(
        "SELECT COUNT(*) AS n, MAX(updated_at) AS u FROM registration WHERE event = {}",
        event_id,
    )
    return rows[0]["n"], rows[0]["u"]


class HandbookCache:
    """Rendered handbooks by key; `renders` counts the renders actually done."""

    def __init__(self, keep: int = 8) -> None:
        self.keep = keep
        self.renders = 0
        self._done: OrderedDict[Hashable, Feed] = OrderedDict()
        self._locks: dict[Hashable, asyncio.Lock] = {}

    async def get(
        self,
        key: Hashable,
        model: Callable[[], Awaitable[Programme]],
        layout: Layout,
        moments: list[datetime],
    ) -> Feed:
        """The handbook of `key`; `model` is awaited only when it must be rendered."""
        if (done := self._done.get(key)) is not None:
            return done
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if (done := self._done.get(key)) is not None:
                return done  # rendered by the request that held the lock
            programme = await model()
            self.renders += 1
            pdf = await anyio.to_thread.run_sync(render_programme_pdf, programme, layout)
            self._done[key] = make_feed(pdf, moments)
            while len(self._done) > self.keep:
                self._done.popitem(last=False)
        self._locks.pop(key, None)
        return self._done[key]
