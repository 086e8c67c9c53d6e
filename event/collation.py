"""Order Chinese personal names the way printed name lists do.

``strokes`` (the default) is 按姓氏笔画为序: characters compare by their number of strokes, then by
the classes of their strokes in writing order, 横 1 < 竖 2 < 撇 3 < 点 4 < 折 5 (提 counts as 横,
竖钩 as 竖, 捺 as 点), then the next character. In the 姓氏笔画 system a two-character name has an
empty middle, so 田富 (田 _ 富) comes before 田大利. ``name_strokes`` is the 姓名笔画 system, where
it does not (田大利 first; e.g. the published 中央政治局委员 list of 2022 is in this order).
Compound surnames (欧阳, 司马 ...) compare character by character.

``pinyin`` orders by Hanyu Pinyin syllable, then tone, then strokes; common polyphonic surnames
(单 Shàn, 曾 Zēng, 解 Xiè ...) are read as surnames.

Characters without stroke data sort after all known ones, by code point, so the order is total and
deterministic. The stroke table is ``event/data/hanzi_strokes.txt`` (see its build script).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

NameOrder = Literal["strokes", "name_strokes", "pinyin"]
T = TypeVar("T")
CharKey = tuple[int, int, str, int] | tuple[int, int]

_TABLE = Path(__file__).parent / "data" / "hanzi_strokes.txt"
_EMPTY: CharKey = (-1, 0)  # the empty middle of a two-character name
_COUNT_ONLY = "6"  # after every real stroke sequence of the same count
_IGNORED = re.compile(r"[\s\u3000·•・.．]")

# Surname readings that differ from the everyday reading of the character.
SURNAME_PINYIN: dict[str, str] = {
    "单": "shan4", "曾": "zeng1", "解": "xie4", "仇": "qiu2", "区": "ou1", "朴": "piao2",
    "查": "zha1", "乐": "yue4", "覃": "qin2", "盖": "ge3", "尉": "wei4", "缪": "miao4",
    "翟": "zhai2", "秘": "bi4", "繁": "po2", "员": "yun4", "宁": "ning4", "折": "she2",
    "种": "chong2", "柏": "bai3", "召": "shao4", "句": "gou1", "纪": "ji3",
    "沈": "shen3", "任": "ren2", "华": "hua4", "薄": "bo2", "长": "chang2", "重": "chong2",
    "隗": "wei3", "过": "guo1", "应": "ying1", "賁": "bi4", "黑": "he4", "都": "du1",
}  # fmt: skip


@cache
def _table() -> tuple[dict[str, str], dict[str, int]]:
    sequences: dict[str, str] = {}
    counts: dict[str, int] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        head, value = line.split("\t")
        if head.isdigit():
            counts.update(dict.fromkeys(value, int(head)))
        else:
            sequences[head] = value
            counts[head] = len(value)
    return sequences, counts


def stroke_sequence(char: str) -> str | None:
    """The stroke classes of ``char`` in writing order, e.g. '1121' for 王; None if unknown."""
    return _table()[0].get(char)


def stroke_count(char: str) -> int | None:
    """The total number of strokes of ``char`` (Unihan kTotalStrokes); None if unknown."""
    return _table()[1].get(char)


def _normalise(name: str) -> str:
    return _IGNORED.sub("", name)


def char_stroke_key(char: str) -> CharKey:
    """Sort key of one character: known strokes first, then unknown characters by code point."""
    sequences, counts = _table()
    if char in sequences:
        return (0, counts[char], sequences[char], ord(char))
    if char in counts:
        return (0, counts[char], _COUNT_ONLY, ord(char))
    return (1, ord(char))


def stroke_key(name: str, *, surname_convention: bool = True) -> tuple[CharKey, ...]:
    """Sort key of ``name`` by 姓氏笔画 (or 姓名笔画 with ``surname_convention=False``)."""
    chars = _normalise(name)
    keys = [char_stroke_key(c) for c in chars]
    if surname_convention and len(chars) == 2 and all(k[0] == 0 for k in keys):
        keys.insert(1, _EMPTY)
    return tuple(keys)


def _reading(char: str, is_surname: bool) -> str:
    if is_surname and char in SURNAME_PINYIN:
        return SURNAME_PINYIN[char]
    from pypinyin import Style, pinyin  # ~0.2 s to import: only orders by pinyin need it

    return pinyin(char, style=Style.TONE3, neutral_tone_with_five=True, errors="default")[0][0]


def pinyin_key(name: str) -> tuple[tuple[object, ...], ...]:
    """Sort key of ``name`` by pinyin: syllable letters, then tone, then strokes."""
    keys: list[tuple[object, ...]] = []
    for i, char in enumerate(_normalise(name)):
        reading = _reading(char, is_surname=i == 0).lower()
        stroke = char_stroke_key(char)
        if reading[-1:].isdigit() and reading[:-1].isalpha():
            keys.append((0, reading[:-1], int(reading[-1]), stroke))
        elif reading.isascii() and reading.isalnum():
            keys.append((0, reading, 0, stroke))
        else:
            keys.append((1, "", 0, stroke))
    return tuple(keys)


def name_key(name: str, order: NameOrder = "strokes") -> tuple[object, ...]:
    """Sort key of a personal name in the given order."""
    if order == "pinyin":
        return pinyin_key(name)
    return stroke_key(name, surname_convention=order == "strokes")


def sort_names(names: Iterable[str], order: NameOrder = "strokes") -> list[str]:
    """``names`` sorted by 姓氏笔画 (default), 姓名笔画 or pinyin."""
    return sorted(names, key=lambda n: name_key(n, order))


def sort_by_name(
    items: Iterable[T], name: Callable[[T], str], order: NameOrder = "strokes"
) -> list[T]:
    """``items`` sorted by the personal name that ``name`` picks out of each."""
    return sorted(items, key=lambda item: name_key(name(item), order))


def unit_key(unit: str, order: NameOrder = "strokes") -> tuple[object, ...]:
    """Sort key of a unit (organisation) name: plain character-by-character order."""
    if order == "pinyin":
        return pinyin_key(unit)
    return stroke_key(unit, surname_convention=False)
