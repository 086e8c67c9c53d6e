"""Who presents a presentation: now (PresentationPresenter, in the order they were linked)
and as a published version stored it (Assignment.presenters; a version published before
they were kept stores none, and reads as now)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from event.tables import PresentationPresenter


async def presenters_now(presentations: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """Presentation id → its presenters' person ids now (absent when it has none)."""
    wanted = sorted(set(presentations))
    if not wanted:
        return {}
    P = PresentationPresenter
    rows = (
        await P.select(P.presentation, P.person).where(P.presentation.is_in(wanted)).order_by(P.id)
    )
    found: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        found[r["presentation"]].append(r["person"])
    return {pid: tuple(people) for pid, people in found.items()}


async def as_published(rows: Iterable[dict[str, Any]]) -> dict[int, tuple[int, ...]]:
    """Presentation id → person ids for Assignment rows ({"presentation", "presenters"}): as
    the row stored them, else (an older version, or a draft) the presentation's now."""
    rows = list(rows)
    now = await presenters_now(r["presentation"] for r in rows if r["presenters"] is None)
    return {
        r["presentation"]: tuple(r["presenters"]) if r["presenters"] is not None
        else now.get(r["presentation"], ())
        for r in rows
    }  # fmt: skip
