"""Participation history: who took part in which year's exchange (for the 附件五 rule)."""

from __future__ import annotations

from collections.abc import Iterable

from event.tables import ParticipationRecord, Registration

SINCE = 2016
REQUIRED = 3


async def participation_years(
    name: str, organization: str, *, exclude_event: int | None = None
) -> list[int]:
    """Distinct years since 2016 in which a person of this name and unit took part: imported
    records plus registrations for earlier events held in this system."""
    rows = await ParticipationRecord.select(ParticipationRecord.year).where(
        (ParticipationRecord.name == name)
        & (ParticipationRecord.organization == organization)
        & (ParticipationRecord.year >= SINCE)
    )
    years = {r["year"] for r in rows}
    registered = await Registration.select(
        Registration.event.starts_on.as_alias("starts_on")
    ).where(
        (Registration.person._.name == name)
        & (Registration.person._.organization._.name == organization)
        & (Registration.status == "active")
        & (Registration.event != (exclude_event or 0))
    )
    years |= {
        r["starts_on"].year for r in registered if r["starts_on"] and r["starts_on"].year >= SINCE
    }
    return sorted(years)


def eligibility_note(years: list[int], declared: list[int]) -> tuple[bool, str]:
    """(needs verification, reason) for the rule 自2016年以来累计参加交流活动三次以上."""
    if len(years) >= REQUIRED:
        return (
            False,
            f"系统记录自{SINCE}年以来参加交流活动{len(years)}次（{'、'.join(map(str, years))}），符合条件",
        )
    found = f"{len(years)}次（{'、'.join(map(str, years))}）" if years else "0次"
    claimed = f"；推荐单位申报的年份：{'、'.join(map(str, declared))}" if declared else ""
    return (
        True,
        f"系统记录自{SINCE}年以来参加交流活动{found}，少于{REQUIRED}次{claimed}，需组织者核实",
    )


async def import_records(rows: Iterable[tuple[str, str, int, str]]) -> int:
    """Add (name, organization, year, note) records; ones already known are skipped."""
    records = [
        ParticipationRecord(name=n, organization=o, year=y, note=note, key=f"{n}|{o}|{y}")
        for n, o, y, note in rows
    ]
    if not records:
        return 0
    created = await (
        ParticipationRecord.insert(*records)
        .on_conflict(target=ParticipationRecord.key, action="DO NOTHING")
        .returning(ParticipationRecord.id)
    )
    return len(created)
