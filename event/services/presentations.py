"""Presentations: a submission given on stage becomes one, with its presenters as people."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from event.enums import AttendeeCategory, RegistrationStatus
from event.services.events import EventInfo
from event.services.tokens import new_token, token_columns
from event.tables import Person, Presentation, PresentationPresenter, Registration

PREFIX = {"qc": "QC", "team": "TM", "story": "ST"}


def stage_person(kind: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """Who speaks for this submission on stage, if the form names someone."""
    if kind == "story" and data.get("speaker_mobile"):
        return {"name": data["speaker_name"], "mobile": data["speaker_mobile"],
                "gender": {"男": "male", "女": "female"}.get(data.get("speaker_gender") or ""),
                "position": data.get("speaker_position", ""), "email": data.get("speaker_email", ""),
                "wechat": data.get("speaker_wechat", ""), "category": AttendeeCategory.storyteller}  # fmt: skip
    if kind in ("qc", "team") and data.get("presenter_mobile"):
        return {"name": data["presenter_name"], "mobile": data["presenter_mobile"], "gender": None,
                "position": "", "email": "", "wechat": "", "category": AttendeeCategory.presenter}  # fmt: skip
    return None


def is_on_stage(kind: str, data: dict[str, Any]) -> bool:
    """会上是否发表 = 是 for results; a filled 拟参会演讲 block for stories."""
    return (
        bool(data.get("presented"))
        if kind in ("qc", "team")
        else kind == "story" and bool(data.get("speaker_mobile"))
    )


async def ensure_registration(event: EventInfo, person: dict[str, Any], org_id: int) -> int:
    """The person (found by mobile, else created) with an active registration for this event:
    an existing one is kept as it is, otherwise one is made in the given category (linked, so
    the speaker is not typed twice). Returns the person id."""
    now = datetime.now(UTC)
    found = await Person.select(Person.id).where(Person.mobile == person["mobile"]).first()
    if found:
        person_id = found["id"]
    else:
        person_id = (await Person.insert(Person(
            name=person["name"], gender=person["gender"], organization=org_id, position=person["position"],
            mobile=person["mobile"], email=person["email"], wechat=person["wechat"], created_at=now,
        )).returning(Person.id))[0]["id"]  # fmt: skip
    await Registration.insert(Registration(
        event=event.id, person=person_id, category=person["category"].value, status=RegistrationStatus.active.value,
        **token_columns(new_token()), checkin_token=secrets.token_urlsafe(16), active_key=f"{event.id}:{person_id}", created_at=now, updated_at=now,
    )).on_conflict(target=Registration.active_key, action="DO NOTHING")  # fmt: skip
    return person_id


async def create_for(event: EventInfo, submission_id: int, kind: str, title: str, category: str,
                     org_id: int, data: dict[str, Any]) -> str | None:  # fmt: skip
    """The presentation (its code) of a submission given on stage; None when it is not."""
    if not is_on_stage(kind, data):
        return None
    code = f"{PREFIX[kind]}-{submission_id:04d}"
    presentation_id = (await Presentation.insert(Presentation(
        event=event.id, submission=submission_id, code=code, kind=kind, title=title,
        category=category if kind != "story" else "品牌故事", organization=org_id,
        minutes=event.slot_minutes[kind],
    )).returning(Presentation.id))[0]["id"]  # fmt: skip
    if speaker := stage_person(kind, data):
        person_id = await ensure_registration(event, speaker, org_id)
        await PresentationPresenter.insert(PresentationPresenter(
            presentation=presentation_id, person=person_id, key=f"{presentation_id}:{person_id}"))  # fmt: skip
    return code


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
