"""Property tests (hypothesis) for the field rules: any input gets a value or a ValueError with a
Chinese message — never another exception — and valid values always pass."""

from __future__ import annotations

import string

from hypothesis import example, given, settings
from hypothesis import strategies as st

from event.submissions.attachments.fields import Field
from event.validators import (
    CREDIT_ALPHABET,
    check_credit_code,
    check_postcode,
    credit_check_char,
    normalise_mobile,
)

mobiles = st.builds(
    lambda second, rest: f"1{second}{rest}",
    st.sampled_from("3456789"),
    st.text("0123456789", min_size=9, max_size=9),
)


def _chinese(exc: ValueError) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))


@given(
    mobiles,
    st.lists(st.sampled_from([" ", "-", ""]), min_size=11, max_size=11),
    st.sampled_from(["", "+86", "86", "+86 ", "0086"]),
)
@settings(max_examples=200, derandomize=True)
def test_mobile_any_formatting_of_a_valid_number_normalises_to_it(
    mobile: str, gaps: list[str], prefix: str
) -> None:
    typed = prefix + "".join(d + g for d, g in zip(mobile, gaps, strict=True))
    assert normalise_mobile(typed) == mobile


@given(st.text(max_size=30))
@settings(max_examples=200, derandomize=True)
@example("１３８００１３８０００")  # full-width digits are not accepted silently
@example("1３８００１３８０００")
def test_mobile_any_text_is_a_mobile_or_a_chinese_error(text: str) -> None:
    try:
        value = normalise_mobile(text)
    except ValueError as exc:
        assert _chinese(exc)
    else:
        assert len(value) == 11 and value.isascii() and value.isdigit() and value[0] == "1"


@given(st.text(max_size=12))
@settings(max_examples=200, derandomize=True)
@example("４７１００３")
def test_postcode_is_six_ascii_digits_or_refused(text: str) -> None:
    try:
        value = check_postcode(text)
    except ValueError as exc:
        assert _chinese(exc)
    else:
        assert len(value) == 6 and value.isascii() and value.isdigit()


credit_bodies = st.text(CREDIT_ALPHABET, min_size=17, max_size=17).filter(
    lambda b: b[2:8].isdigit()
)


@given(credit_bodies)
@settings(max_examples=200, derandomize=True)
def test_credit_code_with_its_check_character_is_valid(body: str) -> None:
    code = body + credit_check_char(body)
    assert check_credit_code(code.lower()) == code


@given(credit_bodies, st.integers(0, 17), st.sampled_from(CREDIT_ALPHABET))
@settings(max_examples=200, derandomize=True)
def test_credit_code_any_single_substitution_is_caught(body: str, position: int, char: str) -> None:
    code = body + credit_check_char(body)
    changed = code[:position] + char + code[position + 1 :]
    if changed == code or not changed[2:8].isdigit():
        return
    try:
        check_credit_code(changed)
    except ValueError as exc:
        assert _chinese(exc)
    else:
        raise AssertionError(f"{changed} should be refused")


@given(
    st.text(string.printable + "％", max_size=12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers()
)
@settings(max_examples=200, derandomize=True)
def test_percent_is_between_0_and_100_or_refused(raw: object) -> None:
    field = Field("rate", "合格率%", "percent")
    try:
        value = field.check(raw)
    except ValueError as exc:
        assert _chinese(exc)
    else:
        assert value is None or 0 <= value <= 100
