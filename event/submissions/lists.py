"""What organisers see of the material: lists, counts, per unit what came and what is missing,
and each unit's 附件三 summary table (generated from its 附件一/二 rows)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from msgspec import Struct
from piccolo.custom_types import Combinable
from piccolo.query.functions.aggregate import Count

from event.enums import RegistrationStatus, SubmissionKind, SubmissionStatus
from event.errors import NotFound
from event.submissions.attachments.specs import ATTACHMENTS
from event.submissions.service import with_data
from event.tables import Organization, Registration, Submission, SubmissionFile

COUNTING = (SubmissionStatus.received.value, SubmissionStatus.accepted.value)
ORGANISING_KINDS = ("association", "group", "government")


class SubmissionRow(Struct, kw_only=True):
    id: int
    kind: SubmissionKind
    kind_label: str
    organization: str
    organization_id: int
    title: str
    category: str
    presented: bool
    status: SubmissionStatus
    status_label: str
    needs_verification: bool
    verification_note: str
    paper_received: bool
    files: int
    channel: str
    submitted_at: Any


async def listing(event_id: int, *, kind: str | None = None, organization: str | None = None,
                  status: str | None = None, verification: bool = False) -> list[SubmissionRow]:  # fmt: skip
    """Submissions of the event, filtered, by unit then kind then time."""
    where: Combinable = Submission.event == event_id
    if kind:
        where &= Submission.kind == kind
    if status:
        where &= Submission.status == status
    if verification:
        where &= Submission.needs_verification == True  # noqa: E712
    if organization:
        where &= Submission.organization.name.like(f"%{organization.replace('%', '')}%")
    rows = await (
        Submission.select(*_LIST_COLUMNS).where(where)
        .order_by(Submission.organization.name).order_by(Submission.kind).order_by(Submission.id)
    )  # fmt: skip
    files = await _file_counts(event_id)
    return [_row(r, files.get(r["id"], 0)) for r in rows]


_LIST_COLUMNS = (
    Submission.id, Submission.kind, Submission.title, Submission.category, Submission.presented, Submission.status,
    Submission.needs_verification, Submission.verification_note, Submission.paper_received, Submission.channel,
    Submission.submitted_at, Submission.organization.id.as_alias("organization_id"),
    Submission.organization.name.as_alias("organization"),
)  # fmt: skip


def _row(r: dict[str, Any], files: int) -> SubmissionRow:
    kind, status = SubmissionKind(r["kind"]), SubmissionStatus(r["status"])
    return SubmissionRow(**{k: v for k, v in r.items() if k not in ("kind", "status")}, kind=kind, kind_label=kind.label,
                         status=status, status_label=status.label, files=files)  # fmt: skip


async def _file_counts(event_id: int) -> dict[int, int]:
    F = SubmissionFile
    rows = await (
        F.select(F.submission.as_alias("id"), Count(alias="n"))
        .where(F.submission._.event == event_id)
        .group_by(F.submission)
    )
    return {r["id"]: r["n"] for r in rows}


async def counts(event_id: int) -> dict[str, Any]:
    """Per attachment: sent, counted, presented, late, needing verification; per category."""
    rows = await listing(event_id)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        c = by_kind[r.kind.value]
        c["sent"] += 1
        c["counted"] += r.status.value in COUNTING
        c["presented"] += r.presented and r.status.value in COUNTING
        c["late"] += r.status is SubmissionStatus.late
        c["verification"] += r.needs_verification
        c["paper_missing"] += r.kind is SubmissionKind("story") and not r.paper_received
        if r.category and r.status.value in COUNTING:
            categories[r.kind.value][r.category] += 1
    return {"kinds": [(k, k.label, dict(by_kind[k.value])) for k in SubmissionKind],
            "categories": {k: dict(v) for k, v in categories.items()}}  # fmt: skip


async def units(event_id: int) -> list[dict[str, Any]]:
    """Per unit: what it sent, how many it registered, and what is still missing."""
    rows = await listing(event_id)
    R = Registration
    regs = await (
        R.select(R.person._.organization.as_alias("id"), Count(alias="n"))
        .where((R.event == event_id) & (R.status == RegistrationStatus.active.value))
        .group_by(R.person._.organization)
    )
    registered = {r["id"]: r["n"] for r in regs}
    orgs = {o["id"]: o for o in await Organization.select()}
    sent: dict[int, list[SubmissionRow]] = defaultdict(list)
    for r in rows:
        sent[r.organization_id].append(r)
    out = []
    for org_id in sorted(set(sent) | set(registered), key=lambda i: orgs[i]["name"]):
        items, org = sent.get(org_id, []), orgs[org_id]
        out.append({"id": org_id, "name": org["name"], "kind": org["kind"], "registered": registered.get(org_id, 0),
                    "sent": Counter(r.kind.value for r in items), "missing": missing(org["kind"], items)})  # fmt: skip
    return out


def missing(org_kind: str, items: list[SubmissionRow]) -> list[str]:
    """What a unit still owes: sealed scans, the stories' paper copies, an organising unit's 附件七/八."""
    gaps = [f"{r.kind.label}《{r.title}》缺盖章扫描件" for r in items if r.files == 0]
    gaps += [
        f"{r.kind.label}《{r.title}》纸质材料未收到"
        for r in items
        if r.kind is SubmissionKind("story") and not r.paper_received
    ]
    if org_kind in ORGANISING_KINDS:
        kinds = {r.kind for r in items}
        gaps += [
            f"缺{k.label}"
            for k in (SubmissionKind("summary"), SubmissionKind("statistics"))
            if k not in kinds
        ]
    return gaps


SUMMARY_HEADINGS = (
    "序号",
    "类别",
    "成果类型/班组类型",
    "小组/班组名称",
    "课题名称",
    "企业名称",
    "会上是否发表",
    "联系人",
    "手机",
)


async def unit_summary(
    event_id: int, org_id: int, only: int | None = None
) -> tuple[str, list[tuple[Any, ...]]]:
    """附件三 for one recommending unit: one row per QC-group or trusted-team result it sent;
    with `only`, that one submission's row (what its own link may show: a unit's name proves
    nothing, so a submission link never reaches the unit's other material)."""
    org = await Organization.select(Organization.name).where(Organization.id == org_id).first()
    if org is None:
        raise NotFound("未找到该单位")
    rows = await Submission.select().where(
        (Submission.event == event_id) & (Submission.organization == org_id)
        & Submission.kind.is_in(["qc", "team"]) & Submission.status.is_in(list(COUNTING))
        & (Submission.id == only if only is not None else Submission.id.is_not_null())
    ).order_by(Submission.kind).order_by(Submission.id)  # fmt: skip
    table = []
    for i, r in enumerate(map(with_data, rows), start=1):
        d, qc = r["data"], r["kind"] == "qc"
        table.append((i, "QC小组" if qc else "质量信得过班组", r["category"], d["group_name"] if qc else d["team_name"],
                      d["topic"] if qc else "", org["name"], "是" if d["presented"] else "否", d["contact_name"],
                      d["contact_mobile"]))  # fmt: skip
    return org["name"], table


def labelled(kind: str, data: dict[str, Any]) -> list[tuple[str, Any]]:
    """A submission's fields as (label, value) in the form's order, for its pages."""
    return [(f.label, data.get(f.name)) for f in ATTACHMENTS[kind].fields]
