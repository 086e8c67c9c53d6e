"""The three badge layouts: the badge's size, each text box's fit, and how badges go on pages.

The box widths here must match the CSS in static/<layout>.css; the sizes are tried largest
first (see `badges.fit`). "a6" and "card" print one badge a page; "a4-4up" imposes four A6
badges on an A4 sheet (`Sheet`): scaled to fit a gutter, bleed and cut marks inside the area an
office printer prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from badges.fit import FitSpec
from badges.model import LAYOUTS, Layout


@dataclass(frozen=True, slots=True)
class Sheet:
    """Badges imposed on a larger page, left to right then top to bottom.

    `cells_mm` are the trim boxes' top-left corners on the page; each badge is drawn at
    `scale`, its role band running `bleed_mm` past the trim (so that a cut a little off
    shows the band's own colour, not the neighbour's). Cut marks extend the trim lines into
    the margins, `mark_offset_mm` clear of the trim and `mark_length_mm` long.
    """

    page_mm: tuple[float, float]
    scale: float
    cells_mm: tuple[tuple[float, float], ...]
    bleed_mm: float
    mark_offset_mm: float
    mark_length_mm: float

    @property
    def badge_bleed_mm(self) -> float:
        """The bleed in the badge's own (unscaled) millimetres, as the CSS lays it out."""
        return self.bleed_mm / self.scale


@dataclass(frozen=True, slots=True)
class LayoutSpec:
    name: Layout
    badge_mm: tuple[float, float]  # width, height of one badge as laid out
    per_page: int
    meeting: FitSpec
    name_box: FitSpec
    unit: FitSpec
    room: FitSpec
    max_room_lines: int
    role: FitSpec
    role_letter_spacing_em: float
    qr_size_mm: float
    qr_mm: tuple[float, float]  # the QR code's top-left on the badge
    sheet: Sheet | None = None

    @property
    def page_mm(self) -> tuple[float, float]:
        """The size of a page of the PDF."""
        return self.sheet.page_mm if self.sheet else self.badge_mm

    @property
    def bleed_mm(self) -> float:
        """How far a badge's drawing may run past its trim box, in the badge's millimetres."""
        return self.sheet.badge_bleed_mm if self.sheet else 0.0


# A6 insert for plastic holders: 8 mm side margins leave 89 mm; the schedule lines share the
# lower part with a 25 mm QR code, 8 mm from the right edge, above the role band.
_A6 = LayoutSpec(
    "a6",
    (105, 148),
    1,
    meeting=FitSpec(89, (12, 11.5, 11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7), 2, bold=True),
    name_box=FitSpec(
        89, (48, 44, 40, 36, 32, 30, 28, 26, 24, 22, 20, 18, 16, 14), 1, True, 22, 1.15
    ),
    unit=FitSpec(89, (16, 15, 14, 13, 12, 11, 10, 9, 8), 2, False, 14, 1.3),
    room=FitSpec(58, (10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6), 1),
    max_room_lines=3,
    role=FitSpec(89, (26, 24, 22, 20, 18, 16, 14, 12), 1, bold=True),
    role_letter_spacing_em=0.3,
    qr_size_mm=25,
    qr_mm=(105 - 8 - 25, 94),
)

# Office printers leave 4-5 mm of each edge blank. Across A4: 5 mm blank, 3 mm cut marks, 3 mm
# clear of the trim (the bleed), a 91 mm badge, a 6 mm gutter (both badges' bleed), and again:
# 11 + 91 + 6 + 91 + 11 = 210. 91 mm is 13/15 of A6's 105 mm; the same scale makes the badges
# 128.27 mm tall, centred down the sheet.
_SCALE = 13 / 15
_TRIM = (105 * _SCALE, 148 * _SCALE)
_GUTTER = 6.0
_LEFT = (210 - 2 * _TRIM[0] - _GUTTER) / 2
_TOP = (297 - 2 * _TRIM[1] - _GUTTER) / 2
_A4_4UP = Sheet(
    page_mm=(210, 297),
    scale=_SCALE,
    cells_mm=tuple(
        (_LEFT + col * (_TRIM[0] + _GUTTER), _TOP + row * (_TRIM[1] + _GUTTER))
        for row in (0, 1)
        for col in (0, 1)
    ),
    bleed_mm=3.0,
    mark_offset_mm=3.0,
    mark_length_mm=3.0,
)

SPECS: dict[Layout, LayoutSpec] = {
    "a6": _A6,
    "a4-4up": replace(_A6, name="a4-4up", per_page=4, sheet=_A4_4UP),
    # CR80 (ISO/IEC 7810 ID-1), landscape: 4 mm margins, the name column beside a 24 mm QR code.
    "card": LayoutSpec(
        "card",
        (85.6, 54),
        1,
        meeting=FitSpec(77.6, (7.5, 7, 6.5, 6, 5.5, 5, 4.5), 2, bold=True),
        name_box=FitSpec(49, (24, 22, 20, 18, 16, 14, 13, 12, 11, 10, 9, 8), 1, True, 10, 1.15),
        unit=FitSpec(49, (9, 8.5, 8, 7.5, 7, 6.5, 6, 5.5, 5), 2, False, 7.5, 1.3),
        room=FitSpec(49, (7, 6.5, 6, 5.5, 5, 4.5), 1),
        max_room_lines=2,
        role=FitSpec(50, (15, 14, 13, 12, 11, 10, 9, 8), 1, bold=True),
        role_letter_spacing_em=0.2,
        qr_size_mm=23,
        qr_mm=(85.6 - 4 - 23, 13),
    ),
}


def layout_spec(layout: str) -> LayoutSpec:
    """The spec of a layout name; a ValueError lists the valid names."""
    try:
        return SPECS[layout]  # type: ignore[index]
    except KeyError:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}") from None
