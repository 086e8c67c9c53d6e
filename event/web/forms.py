"""HTML forms → Structs, with the same Chinese messages as the JSON API."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

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
