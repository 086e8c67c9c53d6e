"""The check-in QR code: the opaque token only, drawn as vector rectangles into the PDF.

WeasyPrint lays out no QR code at all. After it has drawn a document, a finisher appends one
PDF path per badge: each run of dark modules in a row is one rectangle, and the whole symbol is
filled at once, so it is crisp at any printer resolution and has no seams. Measured on 100 A6
badges in one warm process (WeasyPrint 70, CPU time per badge): no QR 8.6 ms; segno's SVG inline
in the HTML 13.6 ms (parsing and drawing its path in Python); these rectangles ~9.5 ms. A PNG data
URI was 1 ms cheaper than the SVG, and an SVG data URI in <img> dearer.
"""

from __future__ import annotations

from collections.abc import Sequence

import pydyf
import segno

# Error correction M survives a scratched or partly covered badge. The quiet zone (4 modules)
# is white space the layouts keep around the code, so none is drawn.
_ERROR = "m"
# Scoring the eight data masks to pick the best costs segno 1.9 of its 2.6 ms per code. Mask 0
# (checkerboard) is valid for every decoder; the tests decode each layout's code with zbar.
_MASK = 0
PT_PER_MM = 72 / 25.4


def qr_matrix(token: str) -> tuple[bytearray, ...]:
    """The modules of the token's QR code (1 = dark), rows top to bottom, no quiet zone."""
    if not token:
        raise ValueError("a badge needs a check-in token")
    code = segno.make(token, error=_ERROR, micro=False, boost_error=False, mask=_MASK)
    return code.matrix


def qr_path(token: str, x: float, y_top: float, size: float) -> bytes:
    """PDF operators that fill the QR code into the square at (x, y_top), in PDF points (y up)."""
    matrix = qr_matrix(token)
    module = size / len(matrix)
    ops = ["0 0 0 rg"]
    for r, row in enumerate(matrix):
        y = y_top - (r + 1) * module
        c, n = 0, len(row)
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            ops.append(
                f"{x + start * module:.3f} {y:.3f} {(c - start) * module:.3f} {module:.3f} re"
            )
    ops.append("f")
    return "\n".join(ops).encode()


def stamp_qr_codes(
    pdf: pydyf.PDF,
    tokens: Sequence[str],
    per_page: int,
    boxes_mm: Sequence[tuple[float, float]],
    size_mm: float,
) -> None:
    """Appends each badge's QR code to its page of a WeasyPrint document (a `finisher`).

    `boxes_mm` holds the top-left corner of the code of each badge of a page, in mm from the
    page's top-left corner. The page's own drawing is wrapped in q/Q so that the code is drawn
    in the default coordinate system whatever state the page left behind.
    """
    page_numbers = pdf.pages["Kids"][0::3]
    expected = -(-len(tokens) // per_page)
    if len(page_numbers) != expected:
        raise RuntimeError(
            f"{len(tokens)} badges laid out on {len(page_numbers)} pages instead of {expected}"
        )
    for page_index, number in enumerate(page_numbers):
        page = pdf.objects[number]
        height = float(page["MediaBox"][3])
        first = page_index * per_page
        paths = [
            qr_path(token, left * PT_PER_MM, height - top * PT_PER_MM, size_mm * PT_PER_MM)
            for token, (left, top) in zip(tokens[first : first + per_page], boxes_mm, strict=False)
        ]
        before = pydyf.Stream([b"q"])
        after = pydyf.Stream([b"Q", *paths], compress=True)
        pdf.add_object(before)
        pdf.add_object(after)
        page["Contents"] = pydyf.Array([before.reference, page["Contents"], after.reference])
