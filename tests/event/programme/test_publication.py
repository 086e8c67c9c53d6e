"""Publishing the draft as versions 1, 2, …: sequences, cancelled copies, changelog, people."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.errors import Conflict, NotFound
from event.programme import agenda_items, publication
from event.tables import Assignment, Presentation, Schedule
from tests.event.programme.programme_data import FIRST, SECOND, apart, at, build, store_draft
from tests.factories import login, plenary, shown_errors


async def _sequences(version: int) -> dict[str, tuple[int, bool, str]]:
    schedule = await Schedule.select(Schedule.id).where(Schedule.version == version).first()
    rows = await Assignment.select(
        Assignment.presentation.code, Assignment.sequence, Assignment.cancelled,
        Assignment.room.name,
    ).where(Assignment.schedule == schedule["id"])  # fmt: skip
    return {
        r["presentation.code"]: (r["sequence"], bool(r["cancelled"]), r["room.name"]) for r in rows
    }


async def test_publish_without_draft_is_not_found(event: EventInfo) -> None:
    with pytest.raises(NotFound):
        await publication.publish(event.id)


async def test_publish_first_version_adds_everything_at_sequence_zero(event: EventInfo) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    published = await publication.publish(event.id)
    assert (published.version, published.placed, published.cancelled) == (1, 3, 0)
    assert [(c.action, c.code) for c in published.changelog.changes] == [
        ("added", "QC-0001"), ("added", "QC-0002"), ("added", "QC-0003"),
    ]  # fmt: skip
    assert await _sequences(1) == {
        "QC-0001": (0, False, "第一分会场"), "QC-0002": (0, False, "第一分会场"),
        "QC-0003": (0, False, "第一分会场"),
    }  # fmt: skip


async def test_publish_second_version_moves_and_cancels(event: EventInfo) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    await store_draft(world, SECOND)
    published = await publication.publish(event.id)
    assert published.version == 2
    assert await _sequences(2) == {
        "QC-0001": (1, False, "主会场"), "QC-0002": (0, False, "第一分会场"),
        "QC-0003": (1, True, "第一分会场"),
    }  # fmt: skip
    moved, withdrawn = published.changelog.changes
    assert (moved.action, moved.code, moved.old.room, moved.new.room) == (
        "moved", "QC-0001", "第一分会场", "主会场",
    )  # fmt: skip
    assert moved.old.text == "2021年8月18日 09:45–10:03 第一分会场"
    assert moved.new.text == "2021年8月18日 10:00–10:18 主会场"
    assert (withdrawn.action, withdrawn.code, withdrawn.new) == ("withdrawn", "QC-0003", None)
    assert [(a.name, a.reason, a.codes) for a in published.changelog.affected] == [
        ("张伟", "本人发表安排变动", ["QC-0001"]),
        ("王芳", "本人发表安排变动", ["QC-0003"]),
        ("李娜", "所在场次有变动", ["QC-0002"]),
    ]


async def test_publish_third_version_keeps_cancelled_item_without_new_sequence(
    event: EventInfo,
) -> None:
    world = await build(event)
    for placements in (FIRST, SECOND, {**SECOND, "QC-0002": ("第一分会场", at(10, 30))}):
        await store_draft(world, placements)
        await publication.publish(event.id)
    assert await _sequences(3) == {
        "QC-0001": (1, False, "主会场"), "QC-0002": (1, False, "第一分会场"),
        "QC-0003": (1, True, "第一分会场"),
    }  # fmt: skip


async def test_publish_restored_item_is_added_with_higher_sequence(event: EventInfo) -> None:
    world = await build(event)
    for placements in (FIRST, SECOND, FIRST):
        await store_draft(world, placements)
        await publication.publish(event.id)
    assert (await _sequences(3))["QC-0003"] == (2, False, "第一分会场")


async def test_publish_unchanged_draft_is_refused(event: EventInfo) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    with pytest.raises(Conflict) as caught:
        await publication.publish(event.id)
    assert caught.value.message == "日程草稿与已发布的第1版相同，无需发布"


async def test_preview_stores_nothing(event: EventInfo) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    preview = await publication.preview(event.id)
    assert len(preview.changes) == 3
    assert await Schedule.count().where(Schedule.version.is_not_null()) == 0


async def test_versions_list_newest_first_with_counts(event: EventInfo) -> None:
    world = await build(event)
    for placements in (FIRST, SECOND):
        await store_draft(world, placements)
        await publication.publish(event.id)
    found = await publication.versions(event.id)
    assert [(v.version, v.placed, v.cancelled, len(v.changelog.changes)) for v in found] == [
        (2, 2, 1, 2), (1, 3, 0, 3),
    ]  # fmt: skip


async def test_plenary_item_change_raises_sequence_only_when_significant(
    event: EventInfo,
) -> None:
    form = {"title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30",
            "location": "主会场", "host": "中国机械工业质量管理协会领导"}  # fmt: skip
    item = await agenda_items.add(event.id, plenary(form))
    same = await agenda_items.change(event.id, item.id, plenary(form))
    moved = await agenda_items.change(event.id, item.id, plenary(form | {"start": "08:00"}))
    cancelled = await agenda_items.cancel(event.id, item.id)
    assert [same.sequence, moved.sequence, cancelled.sequence] == [0, 1, 2]
    assert (cancelled.uid, cancelled.cancelled) == (item.uid, True)


async def test_plenary_item_form_errors_are_chinese(event: EventInfo) -> None:
    from event.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        plenary({"title": "", "day": "8月18日", "start": "09:30", "end": "08:30"})
    assert {p.field: p.message for p in caught.value.problems} == {
        "title": "请填写内容", "day": "请按 2021-08-18 的格式填写日期",
        "end": "结束时间不能早于开始时间",
    }  # fmt: skip


async def test_plenary_item_page_shows_every_wrong_field_and_keeps_values(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "zhang", Role.organiser)
    form = {"title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30"}
    item = await agenda_items.add(event.id, plenary(form))
    bad = form | {"title": "颁" * 201, "start": "8点半", "kind": "party", "audience": "guests"}
    response = await client.post(f"/admin/publication/items/{item.id}", data=bad)
    assert response.status_code == 400
    assert shown_errors(response.text) == {
        "title": "内容不超过200字", "kind": "类型不正确",
        "start": "请按 08:30 的格式填写开始时间", "audience": "参加对象不正确",
    }  # fmt: skip
    assert 'value="8点半"' in response.text
    assert (await agenda_items.get(event.id, item.id)).sequence == 0


async def test_publish_page_shows_changes_and_publishes(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "zhang", Role.organiser)
    world = await build(event)
    await store_draft(world, FIRST)
    page = await client.get("/admin/publication")
    assert page.status_code == 200
    assert "发布为第1版" in page.text and "QC-0002" in page.text
    response = await client.post("/admin/publication/publish")
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/admin/publication?done=v1",
    )
    again = await client.post("/admin/publication/publish")
    assert again.status_code == 409
    assert "日程草稿与已发布的第1版相同，无需发布" in again.text


async def test_publish_page_needs_an_organiser(client: AsyncClient) -> None:
    response = await client.post("/admin/publication/publish")
    assert response.status_code == 401


async def test_category_changed_alone_is_a_change_kept_with_the_version(
    client: AsyncClient, event: EventInfo
) -> None:
    await login(client, "zhang", Role.organiser)
    world = await build(event)
    await store_draft(world, apart("QC-0002"))
    await publication.publish(event.id)
    await Presentation.update({Presentation.category: "管理型"}).where(
        Presentation.id == world.talks["QC-0002"]
    )
    await store_draft(world, apart("QC-0002"))
    assert "主会场（现场型）" in (page := (await client.get("/admin/publication")).text)
    assert "主会场（管理型）" in page
    published = await publication.publish(event.id)
    [change] = published.changelog.changes
    assert (change.action, change.code, change.old.category, change.new.category) == (
        "moved", "QC-0002", "现场型", "管理型",
    )  # fmt: skip
    assert (await _sequences(2))["QC-0002"] == (1, False, "主会场")
    rows = await Assignment.select(Assignment.category).where(
        Assignment.presentation == world.talks["QC-0002"]
    ).order_by(Assignment.id)  # fmt: skip
    assert [r["category"] for r in rows] == ["现场型", "", "管理型"]  # v1, the draft, v2


async def test_a_draft_that_no_longer_keeps_the_rules_is_not_published(
    client: AsyncClient, event: EventInfo
) -> None:
    """A talk re-categorised after the solve would make its session mix two categories: the
    page refuses to publish, naming the rule, the room and the time; nothing is published."""
    await login(client, "zhang", Role.organiser)
    world = await build(event)
    await store_draft(world, FIRST)
    await Presentation.update({Presentation.category: "管理型"}).where(
        Presentation.id == world.talks["QC-0002"]
    )
    with pytest.raises(Conflict) as refused:
        await publication.publish(event.id)
    assert refused.value.code == "rule_broken"
    shown = await client.get("/admin/publication")  # said before anyone presses 发布
    assert 'id="draft-problems"' in shown.text and "同一场只能有一个类别" in shown.text
    assert 'id="publish" disabled' in shown.text
    page = await client.post("/admin/publication/publish")
    assert page.status_code == 409
    text = page.text
    assert "不能发布：草稿已不符合规则" in text and "同一场只能有一个类别" in text
    assert "第一分会场 8月18日上午（09:45–12:00）" in text and "管理型" in text
    assert await Schedule.count().where(Schedule.version.is_not_null()) == 0
    await store_draft(world, apart("QC-0002"))  # alone in a room of its own: publishable
    assert (await publication.publish(event.id)).version == 1
