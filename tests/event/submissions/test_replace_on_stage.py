"""Replacing a result with Excel (its private link's 用Excel替换, a real .xlsx): the presentation
follows the new row's 会上是否发表 (made 否→是, withdrawn 是→否, restored) and its category, in
the upload's transaction, audited submission.replace; refused, storing nothing, once a judge
has submitted a sheet for it."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

import pytest
from httpx import AsyncClient

from event.current import EventInfo, current_event, update_event
from event.errors import Conflict
from event.submissions import service as submissions
from event.tables import (
    AuditEntry,
    Judge,
    JudgePanel,
    Presentation,
    PresentationPresenter,
    Registration,
    Room,
    ScoreSheet,
    Submission,
)
from event.tokens import token_columns
from tests.event.programme.presenter_data import (
    NEW_PRESENTER,
    personal_token,
    publish,
    sent_and_published,
)
from tests.event.programme.test_feeds import _events, _uid
from tests.event.submissions.test_submission_excel import fill, template
from tests.factories import qc

TITLE = "精益求精QC小组 · 降低齿轮箱渗漏率"


async def _sent(client: AsyncClient, **changes: object) -> str:
    response = await client.post("/api/submissions/qc", json=qc(**changes))
    assert response.status_code == 201
    return response.json()["token"]


async def _replace(client: AsyncClient, token: str, **changes: object):
    content = fill(await template(client, "qc"), "qc", [qc(**changes)])
    return await client.post(
        f"/s/{token}/excel", files={"file": ("filled.xlsx", content, "application/octet-stream")}
    )


async def _talks() -> list[tuple[str, str, bool]]:
    P = Presentation
    rows = await P.select(P.code, P.category, P.withdrawn).order_by(P.id)
    return [(r["code"], r["category"], r["withdrawn"]) for r in rows]


async def _audited() -> list[str]:
    A = AuditEntry
    rows = await A.select(A.summary).where(
        (A.action == "submission.replace") & (A.entity == "presentation")
    ).order_by(A.id)  # fmt: skip
    return [r["summary"] for r in rows]


async def _state() -> list[object]:
    """Everything a refused replace must leave as it was."""
    PP = PresentationPresenter
    return [
        await Submission.select(Submission.data, Submission.category, Submission.updated_at),
        await Presentation.select().order_by(Presentation.id),
        await PP.select(PP.id, PP.person).order_by(PP.id),
        await Registration.select(Registration.id).order_by(Registration.id),
        await AuditEntry.count(),
    ]


async def _scored(event: EventInfo) -> None:
    """A judge submitted a sheet for the (only) presentation."""
    room = (await Room.insert(Room(event=event.id, name="第二分会场", capacity=80, kinds=["qc"]))
            .returning(Room.id))[0]["id"]  # fmt: skip
    panel = (await JudgePanel.insert(JudgePanel(event=event.id, room=room, block="D1-AM", kind="qc",
                                                version=1, key=f"{event.id}:{room}:D1-AM"))
             .returning(JudgePanel.id))[0]["id"]  # fmt: skip
    judge = (await Judge.insert(Judge(
        event=event.id, name="钱评委", unit="某某大学", mobile="13700137000", kinds=["qc"],
        **token_columns(secrets.token_urlsafe(24)), key=f"{event.id}:13700137000",
        created_at=datetime.now(UTC),
    )).returning(Judge.id))[0]["id"]  # fmt: skip
    talk = await Presentation.select(Presentation.id).first()
    await ScoreSheet.insert(ScoreSheet(
        panel=panel, judge=judge, presentation=talk["id"], marks={"a": "8"}, total="80",
        locked=True, key=f"{talk['id']}:{judge}", submitted_at=datetime.now(UTC),
    ))  # fmt: skip


async def test_replace_from_no_to_yes_makes_the_presentation_with_its_presenter(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client, presented=False)
    assert await _talks() == []
    done = await _replace(client, token)
    assert done.status_code == 200 and "已保存 1 份材料" in done.text
    stored = await submissions.by_token(token)
    assert await _talks() == [(f"QC-{stored['id']:04d}", "现场型", False)]
    people = await Registration.select(Registration.person.name.as_alias("name"))
    assert [p["name"] for p in people] == ["王发表"]
    assert await _audited() == [f"《{TITLE}》以Excel替换：新增发表QC-{stored['id']:04d}"]


async def test_replace_from_yes_to_no_withdraws_the_presentation(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    (code, _, _), = await _talks()  # fmt: skip
    assert (await _replace(client, token, presented=False)).status_code == 200
    assert await _talks() == [(code, "现场型", True)]
    assert (await Submission.select(Submission.presented).first())["presented"] is False
    assert await _audited() == [f"《{TITLE}》以Excel替换：撤下发表{code}"]


async def test_replace_back_to_yes_restores_the_same_presentation(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    await _replace(client, token, presented=False)
    assert (await _replace(client, token, **NEW_PRESENTER)).status_code == 200
    (code, _, withdrawn), = await _talks()  # fmt: skip
    assert withdrawn is False
    P = PresentationPresenter
    linked = await P.select(P.person.name.as_alias("name"))
    assert [r["name"] for r in linked] == ["赵新人"]
    assert (await _audited())[-2:] == [
        f"《{TITLE}》的发表人：王发表 → 赵新人", f"《{TITLE}》以Excel替换：恢复发表{code}",
    ]  # fmt: skip


async def test_replace_with_another_category_moves_the_presentation(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    assert (await _replace(client, token, result_type="管理型")).status_code == 200
    (_, category, _), = await _talks()  # fmt: skip
    assert category == "管理型"
    assert (await Submission.select(Submission.category).first())["category"] == "管理型"
    assert await _audited() == [f"《{TITLE}》以Excel替换：类别：现场型 → 管理型"]


async def test_late_material_changed_to_yes_waits_for_its_acceptance(
    client: AsyncClient, event: EventInfo
) -> None:
    await update_event(event.id, material_deadline=date(2020, 7, 15))
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    token = await _sent(client, presented=False)
    assert (await _replace(client, token)).status_code == 200
    assert await _talks() == [] and await Registration.count() == 0
    stored = await submissions.by_token(token)
    await submissions.decide_late(await current_event(), stored["id"], accept=True)
    assert await _talks() == [(f"QC-{stored['id']:04d}", "现场型", False)]


async def test_replace_to_no_refused_once_scored_naming_the_field(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    await _scored(event)
    before = await _state()
    refused = await _replace(client, token, presented=False)
    assert refused.status_code == 409
    assert (
        f"第4行“会上是否发表”：《{TITLE}》已有评委提交评分表，不能改为不在会上发表（整份表格未保存）"
        in refused.text
    )
    assert await _state() == before


async def test_replace_refusals_name_the_field_and_row(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _sent(client)
    await _scored(event)
    stored = await submissions.by_token(token)
    for changes, field in (
        ({"presented": "否"}, "presented"),
        ({"result_type": "管理型"}, "result_type"),
    ):
        row = {k: ("是" if v is True else v) for k, v in qc().items()} | changes
        with pytest.raises(Conflict) as refused:
            await submissions.submit_many(
                await current_event(), "qc", [(4, row)], frozenset({stored["id"]})
            )
        assert (refused.value.code, refused.value.field, refused.value.row) == (
            "scoring_started",
            field,
            4,
        )
    assert await _talks() == [(f"QC-{stored['id']:04d}", "现场型", False)]  # fmt: skip


async def test_withdrawn_by_replace_is_cancelled_in_the_presenters_feed_when_published(
    client: AsyncClient, event: EventInfo
) -> None:
    await _sent(
        client, group_name="另一QC小组", presenter_name="孙另一", presenter_mobile="13800138005"
    )
    talk = await sent_and_published(client, event)  # 另一QC小组 keeps the draft from being empty
    assert (await _replace(client, talk.token, presented=False)).status_code == 200
    await publish(client, talk)  # the draft still places it: a withdrawn one is left out
    uid = await _uid(client, event, talk.code)
    feed = _events((await client.get(f"/r/{await personal_token('王发表')}/schedule.ics")).content)
    assert (str(feed[uid]["STATUS"]), int(feed[uid]["SEQUENCE"])) == ("CANCELLED", 1)


async def test_recategorised_by_replace_leaves_its_category_feed_when_published(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    assert (await _replace(client, talk.token, result_type="管理型")).status_code == 200
    await publish(client, talk)
    uid = await _uid(client, event, talk.code)
    left = _events((await client.get("/programme/categories/qc/现场型/calendar.ics")).content)
    joined = _events((await client.get("/programme/categories/qc/管理型/calendar.ics")).content)
    assert (str(left[uid]["STATUS"]), str(joined[uid]["STATUS"])) == ("CANCELLED", "CONFIRMED")
