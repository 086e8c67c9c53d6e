"""The three badge layouts: page size, how many badges a page holds, and each text box's fit.

The box widths here must match the CSS in static/<layout>.css; the sizes are tried largest
first (see `badges.fit`).
"""

from __future__ import annotations

from dataclasses import dataclass

from badges.fit import FitSpec
from badges.model import LAYOUTS, Layout


@dataclass(frozen=True, slots=True)
class LayoutSpec:
    name: Layout
    page_mm: tuple[float, float]  # width, height
    per_page: int
    meeting: FitSpec
    name_box: FitSpec
    unit: FitSpec
    room: FitSpec
    max_room_lines: int
    role: FitSpec
    role_letter_spacing_em: float
    qr_size_mm: float
    qr_boxes_mm: tuple[tuple[float, float], ...]  # each badge's QR top-left on the page


# A6 insert for plastic holders: 8 mm side margins leave 89 mm; the schedule lines share the
# lower part with a 25 mm QR code.
_A6 = dict(
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
)
# The QR code's top-left on an A6 badge (8 mm from the right edge, above the role band), and
# where a4-4up.css puts the four A6 cells of a sheet.
_A6_QR = (105 - 8 - 25, 94)
_A4_CELLS = ((0, 0.25), (105, 0.25), (0, 148.75), (105, 148.75))

SPECS: dict[Layout, LayoutSpec] = {
    "a6": LayoutSpec("a6", (105, 148), 1, **_A6, qr_boxes_mm=(_A6_QR,)),
    "a4-4up": LayoutSpec(
        "a4-4up",
        (210, 297),
        4,
        **_A6,
        qr_boxes_mm=tuple((x + _A6_QR[0], y + _A6_QR[1]) for x, y in _A4_CELLS),
    ),
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
        qr_boxes_mm=((85.6 - 4 - 23, 13),),
    ),
}


def layout_spec(layout: str) -> LayoutSpec:
    """The spec of a layout name; a ValueError lists the valid names."""
    try:
        return SPECS[layout]  # type: ignore[index]
    except KeyError:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}") from None
