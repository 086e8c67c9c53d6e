"""The organisers' material lists count each submission's scans and each unit's registrations."""

from __future__ import annotations

from datetime import UTC, datetime

from event.current import EventInfo
from event.submissions import lists, service
from event.tables import SubmissionFile
from tests.event.desk.desk_data import add_person
from tests.factories import OTHER_UNIT, UNIT, new_event, qc

OFF_STAGE = {"presented": False, "presenter_name": "", "presenter_mobile": ""}


async def _scan(submission_id: int) -> None:
    await SubmissionFile.insert(SubmissionFile(
        submission=submission_id, filename="盖章扫描件.pdf", media_type="application/pdf", size=1,
        sha256="0" * 64, uploaded_at=datetime.now(UTC),
    ))  # fmt: skip


async def test_listing_counts_the_scans_of_each_submission(event: EventInfo) -> None:
    first = await service.submit(event, "qc", qc(**OFF_STAGE))
    second = await service.submit(event, "qc", qc(**OFF_STAGE, topic="缩短装配周期"))
    await _scan(first.id)
    await _scan(first.id)
    other = await new_event()
    await _scan((await service.submit(other, "qc", qc(**OFF_STAGE))).id)
    files = {r.id: r.files for r in await lists.listing(event.id)}
    assert files == {first.id: 2, second.id: 0}


async def test_units_count_the_active_registrations_of_the_event(event: EventInfo) -> None:
    await service.submit(event, "qc", qc(**OFF_STAGE, organization=OTHER_UNIT))
    await add_person(event.id, "张三", UNIT)
    await add_person(event.id, "李四", UNIT)
    await add_person(event.id, "王五", UNIT, cancelled=True)
    other = await new_event()
    await add_person(other.id, "赵六", OTHER_UNIT)
    units = await lists.units(event.id)
    assert [(u["name"], u["registered"]) for u in units] == [(OTHER_UNIT, 0), (UNIT, 2)]
