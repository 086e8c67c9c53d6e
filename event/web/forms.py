"""HTML forms → Structs, with the same Chinese messages as the JSON API.

A page's form is a `FormStruct`: its fields carry their constraints and the Chinese message
shown beside the field (`rule`), and `order_rules` say which field must come after which.
`form_to_struct` reports every wrong field at once, so a person corrects them in one go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time
from typing import Annotated, Any, ClassVar, NamedTuple, TypeVar, Union, get_args, get_origin

import msgspec
from litestar.datastructures import UploadFile
from msgspec import Meta

from event.errors import Conflict, DomainError, FieldProblem, InvalidInput
from event.web.messages import translate

T = TypeVar("T", bound=msgspec.Struct)
_TRUE = {"on", "true", "1", "yes", "是"}
# <input type="time"> and "datetime-local" send no seconds; msgspec's RFC 3339 wants them.
_NO_SECONDS = re.compile(r"(?:^|T)\d\d:\d\d$")
# Patterns for text fields: one line that is not blank; one line or nothing; several lines.
# Control characters are refused (NUL, escapes; in one line also line breaks and tabs).
LINE = r"^(?=.*\S)[^\x00-\x1f\x7f-\x9f]+\Z"
LINE_OR_EMPTY = r"^[^\x00-\x1f\x7f-\x9f]*\Z"
LINES = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*\Z"


def rule(message: str, *, too_long: str | None = None, **constraints: Any) -> Meta:
    """The field's constraints, and the message shown beside it when they (or its type) fail;
    `too_long` instead when only its max_length does."""
    return Meta(**constraints, extra={"message": message, "too_long": too_long})


def one_of(codes: Iterable[str]) -> str:
    """A pattern matching exactly one of these codes (a choice made in a select)."""
    return "^(?:" + "|".join(re.escape(c) for c in codes) + r")\Z"


class Later(NamedTuple):
    """Field `later` may not come before field `earlier` (nor equal it when `strict`)."""

    later: str
    earlier: str
    message: str
    strict: bool = False


def _order_problems(rules: tuple[Later, ...], values: dict[str, Any]) -> list[FieldProblem]:
    problems = []
    for r in rules:
        later, earlier = values.get(r.later), values.get(r.earlier)
        if later is None or earlier is None:
            continue  # not given, or wrong on its own (and shown so)
        if later < earlier or (r.strict and later == earlier):
            problems.append(FieldProblem(r.later, r.message))
    return problems


class FormStruct(msgspec.Struct, kw_only=True):
    """A page's form. Unknown keys (buttons, `next`) are ignored; the order rules are checked
    whenever one is made, in code as from a form."""

    order_rules: ClassVar[tuple[Later, ...]] = ()

    def __post_init__(self) -> None:
        values = {name: getattr(self, name) for name in self.__struct_fields__}
        if problems := _order_problems(self.order_rules, values):
            raise InvalidInput(problems)


def form_to_struct(form: dict[str, Any], kind: type[T], booleans: tuple[str, ...] = ()) -> T:
    """Convert submitted form values; empty fields take their defaults, a lone value of a
    list field becomes a list. Raises InvalidInput naming every wrong field."""
    types = {f.name: f.type for f in msgspec.structs.fields(kind)}
    data = {
        k: _shaped(v, types.get(k))
        for k, v in form.items()
        if v not in ("", None) and not k.startswith("_")
    }
    for key in booleans:
        data[key] = str(form.get(key, "")).lower() in _TRUE
    try:
        return msgspec.convert(data, kind, strict=False)
    except msgspec.ValidationError as exc:
        first = translate(str(exc))
        problems = _every_problem(data, kind)
        ahead = [p for p in problems if p.field == first.field] or [first]
        raise InvalidInput(ahead + [p for p in problems if p not in ahead]) from None


def _shaped(value: Any, hint: Any) -> Any:
    cores = _cores(hint)
    if list in cores and isinstance(value, str):
        return [value]
    if cores & {time, datetime} and isinstance(value, str) and _NO_SECONDS.search(value):
        return f"{value}:00"
    return value


def _cores(hint: Any) -> set[Any]:
    """The plain types a hint stands for: Annotated and unions unwrapped, list[X] as list."""
    origin = get_origin(hint)
    if origin is Annotated:
        return _cores(get_args(hint)[0])
    if origin is Union or type(hint).__name__ == "UnionType":
        return set().union(*(_cores(a) for a in get_args(hint)))
    return {origin or hint}


def _message(hint: Any, key: str = "message") -> str | None:
    """The message `rule` put on this hint (looking inside unions), if any."""
    if get_origin(hint) is Annotated:
        for meta in get_args(hint)[1:]:
            if isinstance(meta, Meta) and meta.extra and meta.extra.get(key):
                return str(meta.extra[key])
    return next(filter(None, (_message(a, key) for a in get_args(hint))), None)


def _every_problem(data: dict[str, Any], kind: type[msgspec.Struct]) -> list[FieldProblem]:
    """Each field checked on its own, then the order rules over the fields that passed."""
    problems, values = [], {}
    for f in msgspec.structs.fields(kind):
        too_long = False
        if f.name in data:
            try:
                values[f.name] = msgspec.convert(data[f.name], f.type, strict=False)
                continue
            except msgspec.ValidationError as exc:
                found = _problem(str(exc), f.name)
                too_long = "length <=" in str(exc)
        elif f.required:
            found = translate(f"Object missing required field `{f.name}`")
        else:
            values[f.name] = None if f.default is msgspec.NODEFAULT else f.default
            continue
        message = (_message(f.type, "too_long") if too_long else None) or _message(f.type)
        # without a rule, msgspec's own message at its own path (members[3].mobile)
        problems.append(FieldProblem(f.name, message) if message else found)
    failed = {p.field for p in problems}
    rules = getattr(kind, "order_rules", ())
    return problems + [p for p in _order_problems(rules, values) if p.field not in failed]


def _problem(message: str, name: str) -> FieldProblem:
    """msgspec's message about one field's value, its path put under the field's name."""
    if " - at `$" in message:
        return translate(message.replace(" - at `$", f" - at `$.{name}", 1))
    return translate(message, name)


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
