"""Field rules of the notice's forms: mobile, postcode, e-mail, unified social credit code.

Each function returns the normalised value or raises ValueError with a Chinese message.
"""

from __future__ import annotations

import re
import unicodedata

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_POSTCODE = re.compile(r"[0-9]{6}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}")
_SEPARATORS = re.compile(r"[\s\-()（）]")

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")


def normalise_mobile(raw: str) -> str:
    """'+86 138-0013-8000' → '13800138000'. Mainland mobiles: 11 digits starting with 1[3-9]."""
    digits = _SEPARATORS.sub("", raw.strip())
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not _MOBILE.fullmatch(digits):
        raise ValueError("手机号码应为11位数字，以1开头（可带+86、空格或短横线）")
    return digits


def masked_mobile(mobile: str) -> str:
    """What desk staff see of a mobile number: 138****1234 (enough to confirm, not to call)."""
    if len(mobile) >= 8:
        return f"{mobile[:3]}****{mobile[-4:]}"
    return "****" if mobile else ""


def check_postcode(raw: str) -> str:
    value = raw.strip()
    if not _POSTCODE.fullmatch(value):
        raise ValueError("邮政编码应为6位数字")
    return value


def check_email(raw: str) -> str:
    value = raw.strip()
    if value and (
        not _EMAIL.fullmatch(value) or any(unicodedata.category(ch) == "Cc" for ch in value)
    ):
        raise ValueError("电子邮箱格式不正确")
    return value


def credit_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    check = 31 - total % 31
    return CREDIT_ALPHABET[0 if check == 31 else check]


def check_credit_code(raw: str) -> str:
    """Validate a unified social credit code: 18 characters, alphabet and check digit."""
    value = raw.strip().upper()
    if len(value) != 18:
        raise ValueError("统一社会信用代码应为18位")
    if not _CREDIT.fullmatch(value):
        raise ValueError("统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）")
    if credit_check_char(value[:17]) != value[17]:
        raise ValueError("统一社会信用代码校验位不正确")
    return value


def check_text(
    raw: str, *, label: str, max_length: int, required: bool = False, multiline: bool = False
) -> str:
    """Trim a free text; refuse it when empty (if required), longer than max_length characters,
    or holding control characters (a single-line field takes no line breaks or tabs either)."""
    value = raw.strip()
    if required and not value:
        raise ValueError(f"{label}不能为空")
    if len(value) > max_length:
        raise ValueError(f"{label}不能超过{max_length}个字符")
    check_characters(value, label, multiline=multiline)
    return value


def check_characters(value: str, label: str, *, multiline: bool = False) -> None:
    """Refuse control characters (NUL and the like; line breaks and tabs unless multi-line)."""
    allowed = "\n\r\t" if multiline else ""
    bad = next((ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in allowed), None)
    if bad is not None:
        what = "换行或制表符" if bad in "\n\r\t" else f"控制字符 U+{ord(bad):04X}"
        raise ValueError(f"{label}不能包含{what}")
