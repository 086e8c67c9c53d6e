"""The check-in QR code: the opaque token only, drawn as vector rectangles into the PDF.

WeasyPrint lays out no QR code at all. After it has drawn a document, `badges.impose` appends
one PDF path per badge: each run of dark modules in a row is one rectangle, and the whole symbol is
filled at once, so it is crisp at any printer resolution and has no seams. Measured on 100 A6
badges in one warm process (WeasyPrint 70, CPU time per badge): no QR 8.6 ms; segno's SVG inline
in the HTML 13.6 ms (parsing and drawing its path in Python); these rectangles ~9.5 ms. A PNG data
URI was 1 ms cheaper than the SVG, and an SVG data URI in <img> dearer.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import segno.consts
import segno.encoder

# segno's encoder steps carry no type hints (not part of its documented API; segno is pinned).
_encoder: Any = segno.encoder
_consts: Any = segno.consts

# Error correction M survives a scratched or partly covered badge. The quiet zone (4 modules)
# is white space the layouts keep around the code, so none is drawn.
_ERROR_LEVEL = _consts.ERROR_LEVEL_M
# Scoring the eight data masks to pick the best costs segno 1.9 of its 2.6 ms per code. Mask 0
# (checkerboard) is valid for every decoder; the tests decode each layout's code with zbar.
_MASK = 0
PT_PER_MM = 72 / 25.4
_RUN = re.compile(b"\x01+")  # a run of dark modules in a row of the matrix


def qr_matrix(token: str) -> tuple[bytearray, ...]:
    """The modules of the token's QR code (1 = dark), rows top to bottom, no quiet zone.

    The same symbol as `segno.make(token, error="m", micro=False, boost_error=False, mask=0)`
    (a test compares them), built from segno's own steps: the data and error correction bits
    come from segno, but they are put into a copy of a symbol prepared once per version (its
    function patterns, format and version information, and where each bit goes with the mask
    already applied). Placing and masking module by module is 2/3 of segno's time per code.
    """
    if not token:
        raise ValueError("a badge needs a check-in token")
    segments = _encoder.prepare_data(token, None, None)
    version = _encoder.find_version(segments, _ERROR_LEVEL, eci=False, micro=False)
    buff = _encoder.Buffer()
    for segment in segments:
        _encoder.write_segment(buff, segment, None, _encoder.version_range(version), False)
    capacity = _consts.SYMBOL_CAPACITY[version][_ERROR_LEVEL]
    _encoder.write_terminator(buff, capacity, None, len(buff))
    _encoder.write_padding_bits(buff, version, len(buff))
    _encoder.write_pad_codewords(buff, version, capacity, len(buff))
    bits = _encoder.make_final_message(version, _ERROR_LEVEL, buff).getbits()
    base, places = _symbol(version)
    matrix = tuple(bytearray(row) for row in base)
    for (i, j, mask), bit in zip(places, bits, strict=True):
        matrix[i][j] = bit ^ mask
    return matrix


@functools.cache
def _symbol(version: int) -> tuple[tuple[bytes, ...], tuple[tuple[int, int, int], ...]]:
    """A symbol of this version without its data, and each data module (row, column, mask
    bit) in the order the bits are placed (ISO/IEC 18004:2015 7.7.3, as segno places them)."""
    size = _encoder.calc_matrix_size(version)
    matrix = _encoder.make_matrix(size, size)
    _encoder.add_finder_patterns(matrix, size, size)
    _encoder.add_alignment_patterns(matrix, size, size)
    places = []
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1  # the vertical timing pattern
        for vertical in range(size):
            for j in (right, right - 1):
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = size - 1 - vertical if upwards else vertical
                if matrix[i][j] == 0x2:
                    places.append((i, j, int((i + j) % 2 == 0)))  # mask 0: (i + j) mod 2 = 0
                    matrix[i][j] = 0x0
    _encoder.add_format_info(matrix, version, _ERROR_LEVEL, _MASK)
    _encoder.add_version_info(matrix, version)
    return tuple(bytes(row) for row in matrix), tuple(places)


def qr_path(token: str, x: float, y_top: float, size: float) -> bytes:
    """PDF operators that fill the QR code into the square at (x, y_top), in PDF points (y up).

    The rectangles are in modules, under one `cm` that scales them to the square: short
    integers to format and to store.
    """
    matrix = qr_matrix(token)
    count = len(matrix)
    module = size / count
    ops = [f"q 0 0 0 rg {module:.5f} 0 0 {module:.5f} {x:.3f} {y_top - size:.3f} cm"]
    for r, row in enumerate(matrix):
        y = count - 1 - r
        ops.extend(f"{m.start()} {y} {m.end() - m.start()} 1 re" for m in _RUN.finditer(row))
    ops.append("f Q")
    return "\n".join(ops).encode()
