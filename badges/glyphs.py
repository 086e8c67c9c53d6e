"""Which characters the installed fonts can draw, checked before anything is rendered.

Pango (under WeasyPrint) falls back glyph by glyph to any font fontconfig knows, so a character
prints correctly exactly when some installed font covers it. The union of the fonts' charsets
is read once per process from `fc-list` (which answers from fontconfig's cache in ~10 ms).
"""

from __future__ import annotations

import bisect
import functools
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable

from badges.model import Badge, Meeting, MissingGlyph

# Variation selectors (U+FE00-FE0F, U+E0100-E01EF) pick a glyph variant and draw nothing of
# their own; formatting and space characters likewise need no glyph.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def _needs_glyph(char: str) -> bool:
    cp = ord(char)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return False
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


class Coverage:
    """A set of code points stored as sorted, merged ranges."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, code_point: int) -> bool:
        i = bisect.bisect_right(self._starts, code_point) - 1
        return i >= 0 and code_point <= self._ends[i]

    @classmethod
    def parse_fc_charsets(cls, text: str) -> Coverage:
        """Reads fontconfig charsets ("20-7e a0-1a9 ...", one font a line) into one union."""
        ranges = []
        for token in text.split():
            start, _, end = token.partition("-")
            ranges.append((int(start, 16), int(end or start, 16)))
        return cls(ranges)


@functools.cache
def installed_coverage() -> Coverage:
    """The code points some installed font covers (read once per process)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise RuntimeError("fc-list (package fontconfig) is needed to check badge glyphs")
    result = subprocess.run(
        [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, check=True
    )
    return Coverage.parse_fc_charsets(result.stdout)


def badge_fields(badge: Badge, role_label: str, title: str) -> Iterable[tuple[str, str]]:
    """(field name, text) of everything a badge prints of its own."""
    yield "number", badge.number
    yield "name", badge.name
    yield "unit", badge.unit
    yield "role_label", role_label
    yield "title", title
    for i, line in enumerate(badge.room_lines):
        yield f"room_lines[{i}]", line


def missing_in(text: str, coverage: Coverage) -> list[str]:
    """The distinct characters of `text` that no font covers, in order of appearance."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen and _needs_glyph(char) and ord(char) not in coverage:
            seen[char] = None
    return list(seen)


def find_missing(
    badges: Iterable[tuple[Badge, str, str]], meeting: Meeting, coverage: Coverage
) -> list[MissingGlyph]:
    """Every (badge, field, character) that would print as an empty box.

    `badges` pairs each badge with the role label and title it prints.
    """
    report: list[MissingGlyph] = []
    for field_name, text in (
        ("meeting.full_name", meeting.full_name),
        ("meeting.dates_label", meeting.dates_label),
    ):
        report.extend(MissingGlyph("", "", field_name, c) for c in missing_in(text, coverage))
    for badge, role_label, title in badges:
        for field_name, text in badge_fields(badge, role_label, title):
            report.extend(
                MissingGlyph(badge.number, badge.name, field_name, c)
                for c in missing_in(text, coverage)
            )
    return report
