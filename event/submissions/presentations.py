"""Presentations: a submission given on stage becomes one, with its presenters as people.

`create_for` makes one when a submission is stored; after that `_set` is the one path that
changes it (withdrawn, restored, its category, its presenter), for an organiser's decision on
late material (`set_for_decision`) and for an Excel replace (`follow_replace`)."""

from __future__ import annotations

from typing import Any

from event import audit, notice
from event.current import EventInfo
from event.enums import AttendeeCategory, Gender, SubmissionStatus
from event.errors import Conflict
from event.registration import service as registrations
from event.submissions.attachments.specs import ATTACHMENTS
from event.tables import Presentation, PresentationPresenter, ScoreSheet

# Material that counts (on time, or late and accepted): only it goes on stage.
COUNTED = frozenset({SubmissionStatus.received.value, SubmissionStatus.accepted.value})


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


def stage_category(kind: str, category: str) -> str:
    """A presentation's category: the submission's, or 品牌故事 for every story."""
    return category if kind != "story" else "品牌故事"


async def create_for(event: EventInfo, submission_id: int, kind: str, title: str, category: str,
                     org_id: int, data: dict[str, Any]) -> str | None:  # fmt: skip
    """The presentation (its code) of a submission given on stage; None when it is not."""
    if not is_on_stage(kind, data):
        return None
    code = f"{notice.PRESENTATION_KIND[kind].prefix}-{submission_id:04d}"
    presentation_id = (await Presentation.insert(Presentation(
        event=event.id, submission=submission_id, code=code, kind=kind, title=title,
        category=stage_category(kind, category), organization=org_id,
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


async def _set(
    event: EventInfo, submission: dict[str, Any], on_stage: bool, action: str
) -> list[str]:
    """Bring the submission's presentation in line with `on_stage` and its form: made if it has
    none, withdrawn, or restored, with the submission's category and the presenter the form
    names (inside the caller's transaction). Returns what changed, in words, for the audit."""
    P = Presentation
    kind = submission["kind"]
    talk = await P.select(P.id, P.code, P.withdrawn, P.category).where(
        P.submission == submission["id"]
    ).first()  # fmt: skip
    if talk is None:
        if not on_stage:
            return []
        code = await create_for(event, submission["id"], kind, submission["title"], submission["category"],
                                submission["organization"], submission["data"])  # fmt: skip
        return [f"新增发表{code}"] if code else []
    done, category = [], stage_category(kind, submission["category"])
    if talk["category"] != category:
        await P.update({P.category: category}).where(P.id == talk["id"])
        done.append(f"类别：{talk['category']} → {category}")
    if talk["withdrawn"] == on_stage:
        await P.update({P.withdrawn: not on_stage}).where(P.id == talk["id"])
        done.append(f"恢复发表{talk['code']}" if on_stage else f"撤下发表{talk['code']}")
    if on_stage:
        await follow_form(event, submission, action)
    return done


async def follow_replace(
    event: EventInfo, submission: dict[str, Any], row: int | None
) -> str | None:
    """After an Excel replace (inside its transaction): the presentation follows the new row's
    会上是否发表 and category (material that does not count yet waits for its acceptance).
    Once a judge has submitted a sheet for it, neither is changed: refused, naming the field.
    Returns the code of the presentation on stage, if there is one."""
    attachment = ATTACHMENTS[submission["kind"]]
    on_stage = (
        is_on_stage(submission["kind"], submission["data"]) and submission["status"] in COUNTED
    )
    P = Presentation
    talk = await P.select(P.id, P.withdrawn, P.category).where(
        P.submission == submission["id"]
    ).first()  # fmt: skip
    if talk is not None and not talk["withdrawn"]:
        leaves = not on_stage
        moves = talk["category"] != stage_category(submission["kind"], submission["category"])
        if (leaves or moves) and await ScoreSheet.exists().where(
            (ScoreSheet.presentation == talk["id"]) & ScoreSheet.locked.eq(True)
        ):
            field = (
                (attachment.presented_field or "speaker_mobile")
                if leaves
                else attachment.category_field
            )
            label = next(f.label for f in attachment.fields if f.name == field)
            where = f"第{row}行" if row is not None else ""
            why = "不能改为不在会上发表" if leaves else "不能更改类别"
            raise Conflict("scoring_started", f"{where}“{label}”：《{submission['title']}》已有评委提交评分表，{why}（整份表格未保存）",
                           field=field, row=row)  # fmt: skip
    done = await _set(event, submission, on_stage, "submission.replace")
    now = await P.select(P.id, P.code).where(P.submission == submission["id"]).first()
    if done and now is not None:
        await audit.record(event.id, "submission.replace", "presentation", now["id"],
                           f"《{submission['title']}》以Excel替换：{'；'.join(done)}")  # fmt: skip
    return now["code"] if now is not None and on_stage else None


async def set_for_decision(event: EventInfo, submission: dict[str, Any], accept: bool) -> None:
    """After an organiser's decision on a late submission: make or withdraw its presentation."""
    on_stage = accept and is_on_stage(submission["kind"], submission["data"])
    await _set(event, submission, on_stage, "submission.accept")
