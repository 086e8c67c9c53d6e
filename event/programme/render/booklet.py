"""A5 pages imposed two to an A4 landscape sheet for saddle stitching (骑马钉).

The page count is padded with blank pages to a multiple of 4. Sheet k (from 0) of an n-page
booklet carries, on its front, pages n−2k and 2k+1 (left, right) and, on its back, pages 2k+2
and n−2k−1: folded and nested, the sheets read 1, 2, …, n.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

A4_LANDSCAPE = (841.89, 595.28)  # points


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers, 1-based, of each printed side in order; 0 is a blank."""
    n = -(-pages // 4) * 4
    sides = []
    for k in range(n // 4):
        sides.append((n - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, n - 2 * k - 1))
    return [(left if left <= pages else 0, right if right <= pages else 0) for left, right in sides]


def _form(page: PageObject, writer: PdfWriter) -> IndirectObject:
    """`page` as a Form XObject of `writer`: its content and resources, drawn whole by `Do`
    (no content stream is parsed or rewritten, so imposing a long book stays cheap)."""
    form = DecodedStreamObject()
    contents = page.get_contents()
    form.set_data(contents.get_data() if contents is not None else b"")  # (an empty dict is falsy)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in page.mediabox),
        NameObject("/Resources"): page["/Resources"].clone(writer),
    })  # fmt: skip
    return writer._add_object(form.flate_encode())


def impose_saddle_stitch(pdf: bytes) -> bytes:
    """`pdf` (A5 portrait pages) as A4 landscape sheets, two pages per side, booklet order."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    width, height = A4_LANDSCAPE
    forms = [_form(page, writer) for page in reader.pages]
    for left, right in booklet_order(len(reader.pages)):
        side = writer.add_blank_page(width=width, height=height)
        names, ops = DictionaryObject(), []
        for number, x in ((left, 0.0), (right, width / 2)):
            if number:
                box = reader.pages[number - 1].mediabox
                scale = min((width / 2) / float(box.width), height / float(box.height))
                names[NameObject(f"/P{number}")] = forms[number - 1]
                ops.append(f"q {scale:.5f} 0 0 {scale:.5f} {x:.3f} 0 cm /P{number} Do Q")
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})
        content = DecodedStreamObject()
        content.set_data("\n".join(ops).encode("ascii"))
        side[NameObject("/Contents")] = writer._add_object(content)
    writer.add_metadata({k: str(v) for k, v in (reader.metadata or {}).items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
