"""Compact CJK subsets (badges.subset) draw exactly what WeasyPrint's own subsets draw."""

from __future__ import annotations

import contextlib
import io
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

import badges.document
from badges import render_badges
from badges.subset import Compacted
from tests.badges.conftest import BATCH, make_badge
from tests.badges.pdftools import pdffonts

# Ext. B 𪚥 is not in Noto Sans CJK: it comes from HanaMin, a TrueType font.
RARE = [*BATCH[:2], make_badge(33, "王𪚥")]


@contextlib.contextmanager
def _weasyprint_subsets() -> Iterator[Compacted]:
    yield Compacted()  # nothing compacted: WeasyPrint subsets every font


def _pixels(pdf: bytes, tmp_path: Path, name: str) -> list[Image.Image]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(tmp_path / name)], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob(f"{name}-*.png"))]


@pytest.mark.parametrize("layout", ["a6", "a4-4up"])
def test_compact_subsets_draw_the_same_pixels(meeting, tmp_path, monkeypatch, layout):
    compact = render_badges(RARE, meeting, layout, workers=1)
    monkeypatch.setattr(badges.document, "compact_subsets", _weasyprint_subsets)
    own = render_badges(RARE, meeting, layout, workers=1)
    pages = list(
        zip(_pixels(compact, tmp_path, "compact"), _pixels(own, tmp_path, "own"), strict=True)
    )
    assert len(pages) == (3 if layout == "a6" else 1)
    assert [ImageChops.difference(a, b).getbbox() for a, b in pages] == [None] * len(pages)
    assert len(compact) < len(own) / 4


def _pdfium_pixels(pdf: bytes) -> list[Image.Image]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.to_image(resolution=100).original.convert("L") for page in doc.pages]


def test_compact_subsets_draw_the_same_glyphs_in_pdfium(meeting, monkeypatch):
    # Chrome's renderer hints the bare CFF a little differently (a stem a pixel off here and
    # there); wrong glyphs differ over whole strokes: more than half of the ink, as seen.
    compact = _pdfium_pixels(render_badges(RARE, meeting, "a6", workers=1))
    monkeypatch.setattr(badges.document, "compact_subsets", _weasyprint_subsets)
    own = _pdfium_pixels(render_badges(RARE, meeting, "a6", workers=1))
    for a, b in zip(compact, own, strict=True):
        ink = _count(b, lambda v: v < 128)
        strong = _count(ImageChops.difference(a, b), lambda v: v > 64)
        assert strong < ink / 100, (strong, ink)


def _count(image: Image.Image, test: Callable[[int], bool]) -> int:
    return sum(n for value, n in enumerate(image.histogram()) if test(value))


def test_cff_fonts_are_bare_cid_fonts_and_truetype_keeps_its_subset(meeting, tmp_path):
    fonts = pdffonts(render_badges(RARE, meeting, "a6", workers=1), tmp_path)
    types = {f["name"].split("+", 1)[1]: (f["type"], f["emb"], f["sub"]) for f in fonts}
    assert types == {
        "Noto-Sans-CJK-SC": ("CID Type 0C", "yes", "yes"),
        "Noto-Sans-CJK-SC-Bold": ("CID Type 0C", "yes", "yes"),
        "HanaMinA-Bold": ("CID TrueType", "yes", "yes"),
    }


def test_compact_fonts_are_declared_as_bare_cff(meeting):
    # poppler sniffs the font file's type, so the declaration is checked on the objects.
    reader = PdfReader(io.BytesIO(render_badges(RARE, meeting, "a6", workers=1)))
    declared = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        cid_font = font.get_object()["/DescendantFonts"][0].get_object()
        descriptor = cid_font["/FontDescriptor"].get_object()
        files = {key: descriptor[key].get_object().get("/Subtype") for key in descriptor
                 if key.startswith("/FontFile")}  # fmt: skip
        name = str(cid_font["/BaseFont"]).split("+", 1)[1]
        declared[name] = (cid_font["/Subtype"], "/CIDToGIDMap" in cid_font, files)
    assert declared == {
        "Noto-Sans-CJK-SC": ("/CIDFontType0", False, {"/FontFile3": "/CIDFontType0C"}),
        "Noto-Sans-CJK-SC-Bold": ("/CIDFontType0", False, {"/FontFile3": "/CIDFontType0C"}),
        "HanaMinA-Bold": ("/CIDFontType2", True, {"/FontFile2": None}),
    }
