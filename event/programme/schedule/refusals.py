"""Refusals in words an organiser knows: the solver names presenters, rooms and blocks by the
instance's ids (P-0265, R04, D1-AM); these become the presenter's name and unit, the room's
name and the block's date and times before anything is shown."""

from __future__ import annotations

import re
from collections.abc import Callable

from event.programme.schedule.instance import person_ref
from event.programme.schedule.venues import blocks, rooms
from event.tables import PresentationPresenter


async def _people(event_id: int) -> dict[str, str]:
    """P-0265 → 王某（单位） for every presenter of the event."""
    PP = PresentationPresenter
    rows = await PP.select(
        PP.person.id.as_alias("id"), PP.person.name.as_alias("name"),
        PP.person._.organization._.name.as_alias("org"),
    ).where(PP.presentation.event == event_id)  # fmt: skip
    return {
        person_ref(r["id"]): f"{r['name']}（{r['org']}）" if r["org"] else r["name"] for r in rows
    }


async def translator(event_id: int) -> Callable[[str], str]:
    """A function rewriting a solver message: ids of people, rooms and blocks become names."""
    names = await _people(event_id)
    names |= {r.ref: r.name for r in await rooms(event_id)}
    names |= {b.code: b.when for b in await blocks(event_id)}
    if not names:
        return lambda text: text
    keys = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![A-Za-z0-9_-])(?:{keys})(?![A-Za-z0-9_-])")
    return lambda text: pattern.sub(lambda m: names[m.group(0)], text)
