"""Finishing a badge PDF as WeasyPrint writes it (a `finisher`): shared parts, QR codes, sheets.

WeasyPrint writes the pages `badges.document` gives it: first one page per title with what
every badge of that title repeats (meeting, dates, title), then one page per badge. Here:

* each shared page becomes a form XObject, drawn onto each of its badges (over them, so that a
  card's white title can sit on its role band), and leaves the page list;
* each badge gets its QR code (`badges.qr`);
* for a sheet layout (`Sheet`), each badge page becomes a form XObject too, drawn scaled into
  its cell of a new sheet page, with cut marks in the margins.

All pages share WeasyPrint's one resources dictionary, so the forms use its fonts (one subset
of each per PDF) and are registered in its XObject dictionary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pydyf

from badges.layouts import LayoutSpec, Sheet
from badges.qr import PT_PER_MM, qr_path

#: Cut marks: 0.25 pt registration black, the usual hairline of printers' marks.
_MARK_WIDTH_PT = 0.25


def finisher(
    spec: LayoutSpec, shared_pages: int, badges: Sequence[tuple[int, str]]
) -> Callable[[Any, pydyf.PDF], None]:
    """A WeasyPrint finisher for a document of `shared_pages` shared pages, then one page per
    badge; `badges` gives each badge's shared page (its index) and check-in token."""

    def finish(_document: Any, pdf: pydyf.PDF) -> None:
        numbers = list(pdf.pages["Kids"][0::3])
        if len(numbers) != shared_pages + len(badges):
            raise RuntimeError(
                f"{len(badges)} badges laid out on {len(numbers) - shared_pages} pages"
            )
        reference = pdf.objects[numbers[0]]["Resources"]
        resources = pdf.objects[_number(reference)]
        for i, number in enumerate(numbers[:shared_pages]):
            resources["XObject"][f"Shared{i}"] = _as_form(pdf, pdf.objects[number])
        pages = [pdf.objects[number] for number in numbers[shared_pages:]]
        if spec.sheet is None:
            for page, badge in zip(pages, badges, strict=True):
                _finish_page(pdf, page, spec, badge)
            kept = numbers[shared_pages:]
        else:
            kept = _sheets(pdf, pages, spec, spec.sheet, badges, reference, resources)
        pdf.pages["Kids"] = pydyf.Array(v for number in kept for v in (number, 0, "R"))
        pdf.pages["Count"] = len(kept)

    return finish


def _number(reference: bytes | str) -> int:
    """The object number of an indirect reference ("12 0 R")."""
    return int(reference.split()[0])


def _as_form(pdf: pydyf.PDF, page: pydyf.Dictionary) -> bytes:
    """Turns a page's content stream into a form XObject of the page's size; empties the page
    (no longer in the page list). Returns the form's reference."""
    stream = pdf.objects[_number(page["Contents"])]
    stream.extra.update(
        {
            "Type": "/XObject",
            "Subtype": "/Form",
            "BBox": page["MediaBox"],
            "Resources": page["Resources"],
        }
    )
    page.clear()
    reference: bytes = stream.reference
    return reference


def _badge_ops(spec: LayoutSpec, shared: int, token: str) -> list[bytes]:
    """The shared parts and the QR code, in the badge frame's PDF coordinates."""
    bleed = spec.bleed_mm
    frame_height = spec.badge_mm[1] + 2 * bleed
    left, top = spec.qr_mm
    # Each form in q/Q: pdfminer (pdfplumber) otherwise keeps the form's last transformation
    # for what follows, and draws the QR code upside down.
    return [
        f"q /Shared{shared} Do Q".encode(),
        qr_path(
            token,
            (left + bleed) * PT_PER_MM,
            (frame_height - top - bleed) * PT_PER_MM,
            spec.qr_size_mm * PT_PER_MM,
        ),
    ]


def _finish_page(
    pdf: pydyf.PDF, page: pydyf.Dictionary, spec: LayoutSpec, badge: tuple[int, str]
) -> None:
    # The page's own drawing is wrapped in q/Q so that the rest is drawn in the default
    # coordinate system whatever state it left behind; all in the page's one stream (fewer
    # objects to write, and to copy when two processes' PDFs are merged).
    stream = pdf.objects[_number(page["Contents"])]
    stream.stream[:0] = [b"q"]
    stream.stream += [b"Q", *_badge_ops(spec, *badge)]


def _sheets(
    pdf: pydyf.PDF,
    pages: list[pydyf.Dictionary],
    spec: LayoutSpec,
    sheet: Sheet,
    badges: Sequence[tuple[int, str]],
    resources_reference: bytes,
    resources: pydyf.Dictionary,
) -> list[int]:
    """Each run of `spec.per_page` badge pages drawn into one new sheet page; their numbers."""
    for i, page in enumerate(pages):
        resources["XObject"][f"Badge{i}"] = _as_form(pdf, page)
    width, height = (size * PT_PER_MM for size in sheet.page_mm)
    frame_height = (spec.badge_mm[1] + 2 * spec.bleed_mm) * sheet.scale
    marks = _cut_marks(spec, sheet)
    numbers = []
    for first in range(0, len(pages), spec.per_page):
        ops = []
        for i, (left, top) in enumerate(sheet.cells_mm[: len(pages) - first]):
            x = (left - sheet.bleed_mm) * PT_PER_MM
            y = height - (top - sheet.bleed_mm + frame_height) * PT_PER_MM
            ops += [b"q", f"{sheet.scale:.6f} 0 0 {sheet.scale:.6f} {x:.3f} {y:.3f} cm".encode()]
            ops += [
                f"q /Badge{first + i} Do Q".encode(),
                *_badge_ops(spec, *badges[first + i]),
                b"Q",
            ]
        content = pydyf.Stream([*ops, marks], compress=True)
        pdf.add_object(content)
        page = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, round(width, 3), round(height, 3)]),
                "Contents": content.reference,
                "Resources": resources_reference,
            }
        )
        pdf.add_object(page)
        numbers.append(page.number)
    return numbers


def _cut_marks(spec: LayoutSpec, sheet: Sheet) -> bytes:
    """Marks extending every trim line of the sheet into the margins, clear of the bleed."""
    width, height = (size * sheet.scale for size in spec.badge_mm)
    xs = sorted({x for x, _ in sheet.cells_mm} | {x + width for x, _ in sheet.cells_mm})
    ys = sorted({y for _, y in sheet.cells_mm} | {y + height for _, y in sheet.cells_mm})
    near, far = sheet.mark_offset_mm, sheet.mark_offset_mm + sheet.mark_length_mm
    segments = [((x, ys[0] - far), (x, ys[0] - near)) for x in xs]
    segments += [((x, ys[-1] + near), (x, ys[-1] + far)) for x in xs]
    segments += [((xs[0] - far, y), (xs[0] - near, y)) for y in ys]
    segments += [((xs[-1] + near, y), (xs[-1] + far, y)) for y in ys]
    page_height = sheet.page_mm[1]
    ops = [f"{_MARK_WIDTH_PT} w 0 G"]
    for (x1, y1), (x2, y2) in segments:
        ops.append(
            f"{x1 * PT_PER_MM:.3f} {(page_height - y1) * PT_PER_MM:.3f} m "
            f"{x2 * PT_PER_MM:.3f} {(page_height - y2) * PT_PER_MM:.3f} l"
        )
    ops.append("S")
    return "\n".join(ops).encode()
