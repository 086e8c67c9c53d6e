"""HTML forms → Structs, with the same Chinese messages as the JSON API."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec
from litestar.datastructures import UploadFile

from event.errors import Conflict, DomainError, InvalidInput
from event.web.messages import translate

T = TypeVar("T")
_TRUE = {"on", "true", "1", "yes", "是"}


def form_to_struct(form: dict[str, Any], kind: type[T], booleans: tuple[str, ...] = ()) -> T:
    """Convert submitted form values; empty fields take their defaults. Raises InvalidInput."""
    data = {k: v for k, v in form.items() if v not in ("", None) and not k.startswith("_")}
    for key in booleans:
        data[key] = str(form.get(key, "")).lower() in _TRUE
    try:
        return msgspec.convert(data, kind, strict=False)
    except msgspec.ValidationError as exc:
        raise InvalidInput([translate(str(exc))]) from None


def errors_of(exc: DomainError) -> dict[str, str]:
    """Field path → message, for showing each message beside its field."""
    if isinstance(exc, InvalidInput):
        return {p.field: p.message for p in exc.problems}
    if isinstance(exc, Conflict):
        return {exc.field or "_form": exc.message}
    return {"_form": exc.message}


async def uploaded_file(form: Any, message: str, field: str = "file") -> tuple[str, bytes]:
    """The file part `field` of a multipart form, as (file name, bytes); InvalidInput with
    `message` when none was chosen. The form is taken as `MultipartBody[dict[str, Any]]`:
    a page's form also carries the text field `_csrf_token`, which a
    `dict[str, UploadFile]` body would refuse as a whole (400 on field `body`)."""
    upload = form.get(field) if isinstance(form, dict) else form
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput.one(field, message)
    return upload.filename, await upload.read()
