"""The field rules: mobile, postcode, e-mail, unified social credit code."""

from __future__ import annotations

import pytest

from event.validators import check_credit_code, check_email, check_postcode, normalise_mobile


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        (" 199 0000 1111 ", "19900001111"),
    ],
)
def test_mobile_normalised(raw: str, expected: str) -> None:
    assert normalise_mobile(raw) == expected


@pytest.mark.parametrize(
    "raw", ["1380013800", "138001380001", "12800138000", "23800138000", "1380013800a", ""]
)
def test_mobile_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="手机号码应为11位数字"):
        normalise_mobile(raw)


def test_postcode_six_digits() -> None:
    assert check_postcode("100055") == "100055"
    for bad in ("10005", "1000555", "10005a"):
        with pytest.raises(ValueError, match="邮政编码应为6位数字"):
            check_postcode(bad)


def test_email_empty_allowed_and_bad_refused() -> None:
    assert check_email("") == ""
    assert check_email("a.b@example.com") == "a.b@example.com"
    with pytest.raises(ValueError, match="电子邮箱格式不正确"):
        check_email("a@b")


@pytest.mark.parametrize(
    "code",
    [
        "91110102MA01ABCD54",
        "91310115MA1K4Q7P9T",
        "91420100MA4K2B8L6C",
        "91370200MA3C9R2T6N",
        "51110000MJ0012342P",
    ],
)
def test_credit_code_vectors_valid(code: str) -> None:
    assert check_credit_code(code) == code


def test_credit_code_bad_check_digit_refused() -> None:
    with pytest.raises(ValueError, match="校验位不正确"):
        check_credit_code("91350203M0001QAY9B")


def test_credit_code_forbidden_letter_refused() -> None:
    with pytest.raises(ValueError, match="不允许的字符"):
        check_credit_code("91110102MA01ABCDI4")
