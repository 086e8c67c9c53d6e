"""The instance built from the database: SCHEDULING.md's form, accepted by the solver library."""

from __future__ import annotations

from datetime import UTC, datetime

from event.current import EventInfo
from event.programme.schedule.instance import instance_dict
from event.tables import Assignment, Presentation, Schedule
from scheduling.io import instance_from_dict
from tests.event.programme.schedule_data import small_event
from tests.factories import EVENT_NAME


async def test_export_instance_matches_spec(event: EventInfo) -> None:
    seeded = await small_event(event, qc=2, team=1)
    await Presentation.update(
        {
            Presentation.pinned_room: seeded.rooms["主会场"],
            Presentation.pinned_block: "D1-PM",
            Presentation.unavailable_blocks: ["D1-AM"],
        }
    ).where(Presentation.code == "QC-0002")
    data = await instance_dict(event)
    main, second = seeded.rooms["主会场"], seeded.rooms["第二会场"]
    org = await Presentation.select(Presentation.organization, Presentation.code)
    orgs = {r["code"]: f"ORG-{r['organization']:04d}" for r in org}
    people = sorted(seeded.people.values())
    assert data == {
        "name": EVENT_NAME,
        "timezone": "Asia/Shanghai",
        "rooms": [
            {"id": f"R{main:02d}", "name": "主会场", "capacity": 300, "kinds": ["qc", "team", "story"]},
            {"id": f"R{second:02d}", "name": "第二会场", "capacity": 80, "kinds": ["qc"]},
        ],
        "blocks": [
            {"id": "D1-AM", "day": "2021-08-18", "start": "08:30", "end": "10:00"},
            {"id": "D1-PM", "day": "2021-08-18", "start": "13:30", "end": "15:00"},
        ],
        "presentations": [
            {"id": "QC-0001", "title": "成果QC-0001", "kind": "qc", "category": "现场型", "minutes": 18,
             "presenters": [f"P-{people[0]:04d}"], "organization": orgs["QC-0001"], "audience": 60,
             "unavailable_blocks": [], "pinned": None},
            {"id": "QC-0002", "title": "成果QC-0002", "kind": "qc", "category": "现场型", "minutes": 18,
             "presenters": [f"P-{people[1]:04d}"], "organization": orgs["QC-0002"], "audience": 60,
             "unavailable_blocks": ["D1-AM"], "pinned": {"room": f"R{main:02d}", "block": "D1-PM"}},
            {"id": "TM-0001", "title": "成果TM-0001", "kind": "team", "category": "管理型", "minutes": 18,
             "presenters": [f"P-{people[2]:04d}"], "organization": orgs["TM-0001"], "audience": 60,
             "unavailable_blocks": [], "pinned": None},
        ],
        "previous": None,
    }  # fmt: skip
    assert len(instance_from_dict(data).presentations) == 3


async def test_export_instance_leaves_out_withdrawn(event: EventInfo) -> None:
    await small_event(event, qc=3, team=0)
    await Presentation.update({Presentation.withdrawn: True}).where(Presentation.code == "QC-0002")
    data = await instance_dict(event)
    assert [p["id"] for p in data["presentations"]] == ["QC-0001", "QC-0003"]


async def test_export_instance_previous_is_latest_published(event: EventInfo) -> None:
    seeded = await small_event(event, qc=2, team=0)
    room = seeded.rooms["主会场"]
    for version, block in ((1, "D1-AM"), (2, "D1-PM")):
        sid = (await Schedule.insert(Schedule(event=event.id, version=version, created_at=datetime.now(UTC)))
               .returning(Schedule.id))[0]["id"]  # fmt: skip
        at = datetime(2021, 8, 18, 8, 30, tzinfo=UTC)
        await Assignment.insert(Assignment(schedule=sid, presentation=seeded.presentations["QC-0001"], room=room,
                                           block=block, position=1, starts_at=at, ends_at=at))  # fmt: skip
    await Schedule.insert(Schedule(event=event.id, version=None, created_at=datetime.now(UTC)))
    data = await instance_dict(event)
    assert data["previous"] == {
        "assignments": [{"presentation": "QC-0001", "room": f"R{room:02d}", "block": "D1-PM"}]
    }
    assert instance_from_dict(data).previous[0].block == "D1-PM"
