"""Shrink to fit: the largest type size at which a text fits its box on the badge.

Widths come from the advance widths of the font Pango will use (Noto Sans CJK SC, found through
fontconfig, read once per process with fontTools), so the choice is made before layout and is
the same every time. Characters the font lacks are counted one em wide, like a CJK fallback.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass

PT_PER_MM = 72 / 25.4
PRIMARY_FAMILY = "Noto Sans CJK SC"
# Pango breaks lines a little differently from this estimate (line-start punctuation rules);
# keep a margin so that an estimated fit is a real fit.
_SAFETY = 0.95


@dataclass(frozen=True, slots=True)
class FitSpec:
    """A text box: its width, the type sizes to try (largest first) and its line limit."""

    width_mm: float
    sizes_pt: tuple[float, ...]
    max_lines: int = 1
    bold: bool = False
    height_mm: float = 0.0  # for vertical centring; must match the CSS
    line_height: float = 1.2  # likewise


def centre_offset_pt(spec: FitSpec, fit: Fit) -> float:
    """The padding-top that centres `fit.lines` lines in a box `spec.height_mm` high."""
    text_height = fit.lines * fit.size_pt * spec.line_height
    return round(max(0.0, (spec.height_mm * PT_PER_MM - text_height) / 2), 2)


@dataclass(frozen=True, slots=True)
class Fit:
    size_pt: float
    lines: int
    letter_spacing_em: float = 0.0


@dataclass(frozen=True, slots=True)
class _Metrics:
    advances: dict[int, float]  # code point -> advance in em

    def advance(self, char: str) -> float:
        found = self.advances.get(ord(char))
        if found is not None:
            return found
        return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


@functools.cache
def _metrics(bold: bool) -> _Metrics:
    path, index = _font_file(bold)
    if path is None:
        return _Metrics({})
    from fontTools.ttLib import TTFont  # installed with WeasyPrint

    font = TTFont(path, fontNumber=index, lazy=True)
    upem = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    advances = {cp: hmtx[glyph][0] / upem for cp, glyph in font.getBestCmap().items()}
    font.close()
    return _Metrics(advances)


def _font_file(bold: bool) -> tuple[str | None, int]:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None, 0
    pattern = PRIMARY_FAMILY + (":bold" if bold else "")
    out = subprocess.run(
        [fc_match, pattern, "--format", "%{family[0]}|%{file}|%{index}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    family, _, rest = out.partition("|")
    path, _, index = rest.partition("|")
    if family != PRIMARY_FAMILY or not path:
        return None, 0
    return path, int(index or 0)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces: each wide character alone, Latin words whole; (piece, is_space)."""
    pieces: list[tuple[str, bool]] = []
    word = ""
    for char in text:
        if char.isspace() or _is_wide(char):
            if word:
                pieces.append((word, False))
                word = ""
            pieces.append((" " if char.isspace() else char, char.isspace()))
        else:
            word += char
    if word:
        pieces.append((word, False))
    return pieces


def width_em(text: str, bold: bool = False, letter_spacing_em: float = 0.0) -> float:
    """The advance width of one line of `text`, in em."""
    metrics = _metrics(bold)
    return sum(metrics.advance(c) + letter_spacing_em for c in text)


def count_lines(text: str, width_em_: float, bold: bool = False, spacing: float = 0.0) -> int:
    """Lines needed to set `text` greedily in a box `width_em_` wide ("\n" breaks a line)."""
    return sum(_count(part, width_em_, bold, spacing) for part in text.split("\n"))


def _count(text: str, width_em_: float, bold: bool, spacing: float) -> int:
    metrics = _metrics(bold)
    lines, used = 1, 0.0
    for piece, is_space in _pieces(text):
        w = sum(metrics.advance(c) + spacing for c in piece)
        if is_space or used + w <= width_em_ or used == 0.0:
            used += w
        else:
            lines += 1
            used = w
    return lines


def fit_text(text: str, spec: FitSpec, letter_spacing_em: float = 0.0) -> Fit:
    """The largest size of `spec.sizes_pt` at which `text` fits; the smallest one otherwise."""
    width_pt = spec.width_mm * PT_PER_MM * _SAFETY
    for size in spec.sizes_pt:
        lines = count_lines(text, width_pt / size, spec.bold, letter_spacing_em)
        if lines <= spec.max_lines:
            return Fit(size, lines, letter_spacing_em)
    size = spec.sizes_pt[-1]
    return Fit(
        size, count_lines(text, width_pt / size, spec.bold, letter_spacing_em), letter_spacing_em
    )


def name_letter_spacing(name: str) -> float:
    """Two- and three-character Chinese names are spaced out to look as wide as four."""
    if not name or not all(_is_wide(c) for c in name):
        return 0.0
    return {1: 0.0, 2: 1.0, 3: 0.3}.get(len(name), 0.0)


def fit_name(name: str, spec: FitSpec) -> Fit:
    """The name's size: one line at the largest size that fits, letter-spaced when short."""
    return fit_text(name, spec, name_letter_spacing(name))


_BREAK_AFTER = "、，,；;：:·"


def balance_lines(text: str, spec: FitSpec, fit: Fit) -> str:
    """A two-line text broken after the punctuation mark nearest its middle, when that fits.

    "第四十次全国……班组、质量管理小组……活动" reads better broken after "、" than wherever the
    first line happens to fill up. Text with its own line breaks is left alone.
    """
    if "\n" in text or fit.lines != 2:
        return text
    width = spec.width_mm * PT_PER_MM * _SAFETY / fit.size_pt
    best: tuple[float, int] | None = None
    for i, char in enumerate(text[:-1]):
        if char not in _BREAK_AFTER:
            continue
        left, right = text[: i + 1], text[i + 1 :].lstrip()
        if count_lines(left, width, spec.bold) == 1 and count_lines(right, width, spec.bold) == 1:
            imbalance = abs(width_em(left, spec.bold) - width_em(right, spec.bold))
            if best is None or imbalance < best[0]:
                best = (imbalance, i)
    if best is None:
        return text
    return text[: best[1] + 1] + "\n" + text[best[1] + 1 :].lstrip()
