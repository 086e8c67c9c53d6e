"""Sending attachments: checked, stored as on time or late, presentations made, all or nothing."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from msgspec import Struct

from event import audit, notice
from event.current import EventInfo
from event.db import by_name, existing_row, write_transaction
from event.enums import SubmissionKind, SubmissionStatus
from event.errors import Conflict, InvalidInput, NotFound
from event.registration.people import organization_id
from event.submissions import history, presentations
from event.submissions.attachments.check import clean
from event.submissions.attachments.specs import ATTACHMENTS, Attachment
from event.tables import Organization, Submission
from event.tokens import find_by_token, new_token, token_columns

UNIT_KINDS = {k.label: k.code for k in notice.UNIT_KINDS}


class Receipt(Struct, kw_only=True):
    """What the sender gets back: the submission's id, its private link, and how it stands."""

    id: int
    kind: SubmissionKind
    token: str
    url: str
    status: SubmissionStatus
    late: bool
    needs_verification: bool
    verification_note: str
    presentation: str | None


def choices_for(event: EventInfo) -> dict[str, tuple[str, ...]]:
    return {"team_type": event.team_types}


def is_late(event: EventInfo, when: datetime) -> bool:
    """After the end of the material deadline's day, Beijing time."""
    if event.material_deadline is None:
        return False
    end = datetime.combine(
        event.material_deadline + timedelta(days=1), time(0), ZoneInfo(event.timezone)
    )
    return when >= end


def check(
    event: EventInfo, kind: str, raw: Mapping[str, Any], prefix: str = "", row: int | None = None
) -> dict[str, Any]:
    """One attachment's fields, checked (InvalidInput on any problem)."""
    return clean(attachment_of(kind), raw, choices=choices_for(event), prefix=prefix, row=row)


def attachment_of(kind: str) -> Attachment:
    if kind not in ATTACHMENTS:
        raise NotFound(f"未知的材料类型：{kind}")
    return ATTACHMENTS[kind]


async def submit(event: EventInfo, kind: str, raw: Mapping[str, Any]) -> Receipt:
    """Check and store one attachment sent online."""
    data = check(event, kind, raw)
    async with write_transaction(Submission._meta.db):
        return await _store(event, kind, data, "online", {})


def title_of(attachment: Attachment, data: Mapping[str, Any]) -> str:
    return " · ".join(str(data[f]) for f in attachment.title_fields)[:300]


async def _already_sent(
    event: EventInfo, kind: str, checked: Sequence[dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """Rows (by index) that the same unit already sent under the same title."""
    attachment = ATTACHMENTS[kind]
    wanted = {(d["organization"], title_of(attachment, d)): i for i, d in enumerate(checked)}
    S = Submission
    rows = await S.select(S.id, S.title, S.submitted_at, S.organization.name.as_alias("unit")).where(
        (S.event == event.id) & (S.kind == kind) & S.title.is_in([t for _, t in wanted] or [""])
    )  # fmt: skip
    return {wanted[(r["unit"], r["title"])]: r for r in rows if (r["unit"], r["title"]) in wanted}


def _duplicate(attachment: Attachment, rows: Sequence[tuple[int, Any]], found: dict) -> Conflict:
    """Names the rows only: who may replace a submission is whoever holds its private link."""
    named = "；".join(f"第{rows[i][0]}行《{r['title']}》" for i, r in sorted(found.items())[:5])
    more = f"等{len(found)}份" if len(found) > 5 else ""
    return Conflict(
        "duplicate",
        f"这份{attachment.number}表格中的材料已经提交过（{named}{more}），未重复保存。"
        "如需替换，请打开提交时获得的该材料链接（/s/…），在该页“用Excel替换”处上传这份表格。",
        field="file", row=rows[min(found)][0],
    )  # fmt: skip


def category_of(attachment: Attachment, data: Mapping[str, Any]) -> str:
    return str(data[attachment.category_field]) if attachment.category_field else ""


async def _replace(
    event: EventInfo, kind: str, data: dict[str, Any], existing: dict, row_number: int | None
) -> Receipt:
    """Put an upload's row in place of the same unit's submission of the same title (its id
    and link stay; its presentation follows the new row: made, withdrawn or restored by 会上是否
    发表, its category, its presenter)."""
    attachment = ATTACHMENTS[kind]
    now = datetime.now(UTC)
    S = Submission
    category = category_of(attachment, data)
    await S.update({S.data: data, S.channel: "excel", S.updated_at: now, S.category: category,
                    S.presented: presentations.is_on_stage(kind, data)}).where(S.id == existing["id"])  # fmt: skip
    await audit.record(event.id, "submission.replace", "submission", existing["id"],
                       f"{attachment.number}《{existing['title']}》以Excel重新上传替换")  # fmt: skip
    columns = (S.token, S.status, S.needs_verification, S.verification_note, S.organization)
    row = await existing_row(S.select(*columns).where(S.id == existing["id"]).first())
    replaced = {"id": existing["id"], "kind": kind, "title": existing["title"], "data": data,
                "organization": row["organization"], "category": category, "status": row["status"]}  # fmt: skip
    code = await presentations.follow_replace(event, replaced, row_number)
    status = SubmissionStatus(row["status"])
    return Receipt(
        id=existing["id"], kind=SubmissionKind(kind), token=row["token"], url=f"/s/{row['token']}",
        status=status, late=status is SubmissionStatus.late,
        needs_verification=row["needs_verification"], verification_note=row["verification_note"],
        presentation=code,
    )  # fmt: skip


async def submit_many(
    event: EventInfo, kind: str, rows: Sequence[tuple[int, Mapping[str, Any]]],
    replace: frozenset[int] = frozenset(),
) -> list[Receipt]:  # fmt: skip
    """Store many attachments of one kind (an Excel upload): every row, or none.

    `rows` pairs each row's number with its values; problems name the row and the field. A row
    the same unit already sent under the same title (the same file uploaded twice) refuses the
    upload with 409 `duplicate`, unless that submission's id is in `replace` (the caller holds
    its private link): then the row takes the stored one's place."""
    problems, checked = [], []
    for number, raw in rows:
        try:
            checked.append(check(event, kind, raw, prefix=f"rows[{number}].", row=number))
        except InvalidInput as exc:
            problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    if not checked:
        raise InvalidInput.one("file", "表格中没有填写任何数据行")
    async with write_transaction(Submission._meta.db):
        found = await _already_sent(event, kind, checked)
        if refused := {i: r for i, r in found.items() if r["id"] not in replace}:
            raise _duplicate(ATTACHMENTS[kind], rows, refused)
        units: dict[str, int] = {}
        return [
            await _replace(event, kind, data, found[i], rows[i][0])
            if i in found
            else await _store(event, kind, data, "excel", units)
            for i, data in enumerate(checked)
        ]


async def _store(
    event: EventInfo, kind: str, data: dict[str, Any], channel: str, units: dict[str, int]
) -> Receipt:
    """Store one checked attachment inside the caller's transaction; `units` caches unit ids."""
    attachment = ATTACHMENTS[kind]
    now = datetime.now(UTC)
    if (org_id := units.get(data["organization"])) is None:
        org_id = units[data["organization"]] = await organization_id(data["organization"])
    if kind == "application":
        await Organization.update({Organization.kind: UNIT_KINDS[data["organization_kind"]]}).where(
            Organization.id == org_id
        )
    late = is_late(event, now)
    needs_verification, note = False, ""
    if kind == "nomination":
        years = await history.participation_years(
            data["nominee_name"], data["organization"], exclude_event=event.id
        )
        needs_verification, note = history.eligibility_note(years, data["declared_years"])
    title = title_of(attachment, data)
    category = category_of(attachment, data)
    token = new_token()
    status = SubmissionStatus.late if late else SubmissionStatus.received
    submission_id = (await Submission.insert(Submission(
        event=event.id, kind=kind, organization=org_id, title=title[:300], category=category,
        presented=presentations.is_on_stage(kind, data), status=status.value,
        needs_verification=needs_verification, verification_note=note, channel=channel,
        **token_columns(token), data=data, submitted_at=now, updated_at=now,
    )).returning(Submission.id))[0]["id"]  # fmt: skip
    code = (
        None
        if late
        else await presentations.create_for(
            event, submission_id, kind, title, category, org_id, data
        )
    )
    await audit.record(event.id, "submission.create", "submission", submission_id,
                       f"{attachment.number}《{title}》（{data['organization']}），{status.label}" + ("，Excel" if channel == "excel" else ""))  # fmt: skip
    return Receipt(
        id=submission_id, kind=SubmissionKind(kind), token=token, url=f"/s/{token}", status=status, late=late,
        needs_verification=needs_verification, verification_note=note, presentation=code,
    )  # fmt: skip


_COLUMNS = (
    *Submission.all_columns(exclude=[Submission.token_key]),
    Submission.organization.name.as_alias("organization_name"),
)


async def by_token(token: str) -> dict[str, Any]:
    """The submission behind a submission link, with its unit's name."""
    row = await find_by_token(Submission, token, *_COLUMNS)
    if row is None:
        raise NotFound("未找到该材料，请检查链接是否完整")
    return with_data(row)


async def by_id(event_id: int, submission_id: int) -> dict[str, Any] | None:
    """The same for organisers, who open a submission by its id."""
    where = (Submission.id == submission_id) & (Submission.event == event_id)
    row = await Submission.select(*_COLUMNS).where(where).first()
    return None if row is None else with_data(row)


def with_data(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its JSON `data` decoded (Piccolo leaves it as text in these selects)."""
    if isinstance(row.get("data"), str):
        row["data"] = json.loads(row["data"])
    return row


async def decide_late(event: EventInfo, submission_id: int, accept: bool) -> SubmissionStatus:
    """An organiser accepts a late submission (it then counts, and goes on stage if presented) or not."""
    async with write_transaction(Submission._meta.db):
        row = (
            await Submission.select()
            .where((Submission.id == submission_id) & (Submission.event == event.id))
            .first()
        )
        if row is None:
            raise NotFound("未找到该材料")
        row = with_data(row)
        if row["status"] not in (
            SubmissionStatus.late,
            SubmissionStatus.rejected,
            SubmissionStatus.accepted,
        ):
            raise InvalidInput.one("status", "该材料按时收到，无需处理")
        status = SubmissionStatus.accepted if accept else SubmissionStatus.rejected
        await Submission.update(
            {Submission.status: status.value, Submission.updated_at: datetime.now(UTC)}
        ).where(Submission.id == submission_id)
        await presentations.set_for_decision(event, row, accept)
        await audit.record(
            event.id,
            "submission.accept" if accept else "submission.reject",
            "submission",
            submission_id,
            row["title"],
        )
    return status


async def set_flag(event: EventInfo, submission_id: int, **flags: Any) -> None:
    """Tick paper_received (stories), or settle a nomination's verification."""
    allowed = {"paper_received", "needs_verification", "verification_note"}
    if not flags or set(flags) - allowed:
        raise InvalidInput.one("flag", "不支持的修改")
    updated = (
        await Submission.update(by_name({**flags, "updated_at": datetime.now(UTC)}))
        .where((Submission.id == submission_id) & (Submission.event == event.id))
        .returning(Submission.id)
    )
    if not updated:
        raise NotFound("未找到该材料")
    await audit.record(
        event.id,
        "submission.flag",
        "submission",
        submission_id,
        "，".join(f"{k}={v}" for k, v in flags.items()),
    )
