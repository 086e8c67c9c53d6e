"""A form field and how a raw value (JSON, HTML form or Excel cell) is checked against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from event.validators import check_characters, check_email, check_postcode, normalise_mobile

_PHONE = re.compile(r"^[0-9+()（）\-\s转]{5,30}$")
TRUE_WORDS = {"是", "true", "1", "on", "yes", "y"}
FALSE_WORDS = {"否", "false", "0", "off", "no", "n"}


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an attachment, in the form's own words."""

    name: str
    label: str
    kind: str = "text"  # text textarea int decimal percent bool choice mobile phone postcode email
    required: bool = False
    max_length: int = 200
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""

    def check(self, raw: Any, choices: tuple[str, ...] | None = None) -> Any:
        """The clean value, or ValueError with a Chinese message. Empty → None (or "")."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise ValueError(f"{self.label}不能为空")
            return False if self.kind == "bool" else ("" if self.kind in _TEXTUAL else None)
        checker = getattr(self, f"_check_{self.kind}")
        return checker(raw, choices or self.choices) if self.kind == "choice" else checker(raw)

    def _check_text(self, raw: Any) -> str:
        value = str(raw).strip()
        if len(value) > self.max_length:
            raise ValueError(f"{self.label}不能超过{self.max_length}个字（现为{len(value)}个字）")
        check_characters(value, self.label, multiline=self.kind == "textarea")
        return value

    _check_textarea = _check_text

    def _check_int(self, raw: Any) -> int:
        number = self._number(raw)
        if number != number.to_integral_value():
            raise ValueError(f"{self.label}应为整数")
        self._in_range(number)
        return int(number)

    def _check_decimal(self, raw: Any) -> float:
        number = self._number(raw)
        self._in_range(number)
        return float(round(number, 2))

    def _check_percent(self, raw: Any) -> float:
        number = self._number(str(raw).strip().rstrip("%％"))
        if not Decimal(0) <= number <= Decimal(100):
            raise ValueError(f"{self.label}应在0到100之间（百分数）")
        return float(round(number, 2))

    def _check_bool(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"{self.label}应填“是”或“否”")

    def _check_choice(self, raw: Any, choices: tuple[str, ...]) -> str:
        value = str(raw).strip()
        if value not in choices:
            raise ValueError(f"{self.label}应为以下之一：{'、'.join(choices)}")
        return value

    def _check_mobile(self, raw: Any) -> str:
        return normalise_mobile(str(raw))

    def _check_phone(self, raw: Any) -> str:
        value = str(raw).strip()
        if not _PHONE.fullmatch(value):
            raise ValueError(f"{self.label}格式不正确，例如 010-68570536 或 13800138000")
        return value

    def _check_postcode(self, raw: Any) -> str:
        return check_postcode(str(raw))

    def _check_email(self, raw: Any) -> str:
        return check_email(str(raw))

    def _number(self, raw: Any) -> Decimal:
        if isinstance(raw, bool):
            raise ValueError(f"{self.label}应为数字")
        try:
            number = Decimal(str(raw).strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"{self.label}应为数字") from None
        if not number.is_finite():
            raise ValueError(f"{self.label}应为数字")
        return number

    def _in_range(self, number: Decimal) -> None:
        if self.minimum is not None and number < Decimal(str(self.minimum)):
            raise ValueError(f"{self.label}不能小于{self.minimum:g}")
        if self.maximum is not None and number > Decimal(str(self.maximum)):
            raise ValueError(f"{self.label}不能大于{self.maximum:g}")


_TEXTUAL = {"text", "textarea", "mobile", "phone", "postcode", "email", "choice"}
