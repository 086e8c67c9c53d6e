"""Presentations: a submission given on stage becomes one, with its presenters as people."""

from __future__ import annotations

from typing import Any

from event import audit, notice
from event.current import EventInfo
from event.enums import AttendeeCategory, Gender
from event.registration import service as registrations
from event.tables import Presentation, PresentationPresenter


def stage_person(kind: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """Who speaks for this submission on stage, if the form names someone."""
    if kind == "story" and data.get("speaker_mobile"):
        return {"name": data["speaker_name"], "mobile": data["speaker_mobile"],
                "gender": {"男": Gender.male, "女": Gender.female}.get(data.get("speaker_gender") or ""),
                "position": data.get("speaker_position", ""), "email": data.get("speaker_email", ""),
                "wechat": data.get("speaker_wechat", ""), "department": "", "category": AttendeeCategory("storyteller")}  # fmt: skip
    if kind in ("qc", "team") and data.get("presenter_mobile"):
        return {"name": data["presenter_name"], "mobile": data["presenter_mobile"], "gender": None,
                "position": "", "email": "", "wechat": "", "department": "", "category": AttendeeCategory("presenter")}  # fmt: skip
    return None


def is_on_stage(kind: str, data: dict[str, Any]) -> bool:
    """会上是否发表 = 是 for results; a filled 拟参会演讲 block for stories."""
    return (
        bool(data.get("presented"))
        if kind in ("qc", "team")
        else kind == "story" and bool(data.get("speaker_mobile"))
    )


async def create_for(event: EventInfo, submission_id: int, kind: str, title: str, category: str,
                     org_id: int, data: dict[str, Any]) -> str | None:  # fmt: skip
    """The presentation (its code) of a submission given on stage; None when it is not."""
    if not is_on_stage(kind, data):
        return None
    code = f"{notice.PRESENTATION_KIND[kind].prefix}-{submission_id:04d}"
    presentation_id = (await Presentation.insert(Presentation(
        event=event.id, submission=submission_id, code=code, kind=kind, title=title,
        category=category if kind != "story" else "品牌故事", organization=org_id,
        minutes=event.slot_minutes[kind],
    )).returning(Presentation.id))[0]["id"]  # fmt: skip
    if speaker := stage_person(kind, data):
        await _link(presentation_id, await _registered(event, kind, title, org_id, speaker))
    return code


async def _registered(event: EventInfo, kind: str, title: str, org_id: int,
                      speaker: dict[str, Any]) -> int:  # fmt: skip
    """The speaker as a person with an active registration (the one write path: quota, closing
    time, audit); a refusal names the form's mobile field."""
    field = "speaker_mobile" if kind == "story" else "presenter_mobile"
    why = f"{notice.SUBMISSION_KIND[kind].number}《{title}》的{'演讲人' if kind == 'story' else '发表人'}"
    return await registrations.ensure_active(event, speaker, org_id, field=field, why=why)


async def _link(presentation_id: int, person_id: int) -> None:
    await PresentationPresenter.insert(PresentationPresenter(
        presentation=presentation_id, person=person_id, key=f"{presentation_id}:{person_id}"))  # fmt: skip


async def follow_form(event: EventInfo, submission: dict[str, Any], action: str) -> None:
    """After a submission's data is replaced: its presentation's presenter becomes the person
    the form now names (inside the caller's transaction; a refusal leaves it to roll back).

    The person is the mobile; a presenter still named is kept as is. One no longer named is
    unlinked, and their registration stays: it may be theirs for other reasons, and only the
    person or an organiser cancels a registration. A withdrawn presentation is left alone
    (`set_for_decision` brings it up to date if it is accepted)."""
    P, PP = Presentation, PresentationPresenter
    talk = await P.select(P.id, P.withdrawn).where(P.submission == submission["id"]).first()
    if talk is None or talk["withdrawn"]:
        return
    speaker = stage_person(submission["kind"], submission["data"])
    linked = await PP.select(PP.person, PP.person.name.as_alias("name"),
                             PP.person.mobile.as_alias("mobile")).where(PP.presentation == talk["id"])  # fmt: skip
    if [r["mobile"] for r in linked] == ([speaker["mobile"]] if speaker else []):
        return
    title = submission["title"]
    person_id = (
        await _registered(event, submission["kind"], title, submission["organization"], speaker)
        if speaker
        else None
    )
    gone = [r["person"] for r in linked if r["person"] != person_id]
    if gone:
        await PP.delete().where((PP.presentation == talk["id"]) & PP.person.is_in(gone))
    if person_id is not None and person_id not in {r["person"] for r in linked}:
        await _link(talk["id"], person_id)
    role = "演讲人" if submission["kind"] == "story" else "发表人"
    before = "、".join(r["name"] for r in linked) or "无"
    await audit.record(event.id, action, "presentation", talk["id"],
                       f"《{title}》的{role}：{before} → {speaker['name'] if speaker else '无'}")  # fmt: skip


async def set_for_decision(event: EventInfo, submission: dict[str, Any], accept: bool) -> None:
    """After an organiser's decision on a late submission: make or withdraw its presentation."""
    existing = (
        await Presentation.select(Presentation.id)
        .where(Presentation.submission == submission["id"])
        .first()
    )
    if accept and existing is None:
        await create_for(event, submission["id"], submission["kind"], submission["title"], submission["category"],
                         submission["organization"], submission["data"])  # fmt: skip
    elif existing is not None:
        await Presentation.update({Presentation.withdrawn: not accept}).where(
            Presentation.id == existing["id"]
        )
        if accept:
            await follow_form(event, submission, "submission.accept")
