"""msgspec Structs for the attachments, generated from their field specs (so the OpenAPI
document lists every field); the Chinese field checks run in event/attachments/check.py."""

from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from event.enums import SubmissionKind, SubmissionStatus
from event.submissions.attachments.specs import ATTACHMENTS, Attachment
from event.web.messages import FIELD_LABELS

_TYPES: dict[str, Any] = {"int": int, "decimal": float, "percent": float, "bool": bool}


def _field_type(kind: str, label: str, choices: tuple[str, ...]) -> Any:
    base = _TYPES.get(kind, str)
    meta = Meta(description=label + (f"（可选：{'、'.join(choices)}）" if choices else ""))
    if base in (int, float):
        base = int | float | str  # numbers may arrive as text, e.g. "85%"
    elif base is bool:
        base = bool | str  # 是 / 否 as on the paper form
    return Annotated[base | None, meta]


def struct_for(attachment: Attachment) -> type[Struct]:
    fields = [(f.name, _field_type(f.kind, f.label, f.choices), None) for f in attachment.fields]
    name = f"{attachment.kind.title()}Form"
    return msgspec.defstruct(name, fields, kw_only=True, forbid_unknown_fields=True)


FORMS: dict[str, type[Struct]] = {kind: struct_for(a) for kind, a in ATTACHMENTS.items()}
for attachment in ATTACHMENTS.values():
    for field in attachment.fields:
        FIELD_LABELS.setdefault(field.name, field.label)


class SubmissionFileInfo(Struct, kw_only=True):
    id: int
    filename: str
    media_type: str
    size: int
    sha256: str


class SubmissionView(Struct, kw_only=True):
    """A submission as its sender sees it through its private link."""

    id: int
    kind: SubmissionKind
    kind_label: str
    organization: str
    title: str
    status: SubmissionStatus
    status_label: str
    presented: bool
    needs_verification: bool
    verification_note: str
    paper_received: bool
    data: dict[str, Any]
    files: list[SubmissionFileInfo]
