"""Domain errors. Services raise these; event/http_errors.py maps them to HTTP answers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FieldProblem:
    """One wrong field: `field` is a path such as `mobile` or `members[3].mobile`."""

    field: str
    message: str
    row: int | None = None
    column: str | None = None  # the Excel column letter, for uploads


class DomainError(Exception):
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """One or more fields are wrong; nothing was stored."""

    code = "invalid"

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems

    @classmethod
    def one(cls, field: str, message: str, row: int | None = None) -> InvalidInput:
        return cls([FieldProblem(field, message, row)])


class Conflict(DomainError):
    """The request clashes with what is stored (duplicate, quota full, registration closed)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        existing_id: int | None = None,
        row: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.existing_id = existing_id
        self.row = row


class NotFound(DomainError):
    code = "not_found"
