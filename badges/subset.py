"""Compact font subsets for badge PDFs.

WeasyPrint 70 subsets each font keeping the glyph ids (its content streams name glyphs by id):
for Noto Sans CJK the subset still has an entry for every id up to the highest one used,
~0.5 MB per weight for a badge's twenty characters, and HarfBuzz takes 50-70 ms per weight to
make it. Noto Sans CJK's CFF is CID-keyed with CID = glyph id, and a PDF viewer finds the glyph
of a CID in a bare CID-keyed CFF font (`/FontFile3 /CIDFontType0C`, what Ghostscript and Adobe
embed) through the font's charset, which HarfBuzz keeps when it renumbers the glyphs. So the
compact subset (only the glyphs used, renumbered, as a bare CFF) draws the same glyphs, is
~5-10 KB and takes ~5 ms. (Left in its OpenType wrapper, as WeasyPrint embeds it, viewers
built on FreeType take the CIDs for glyph ids and draw the wrong glyphs.)

Within `compact_subsets()` (in this thread), WeasyPrint's subsetter does that for every font
where it is right: a CID-keyed CFF font whose subset names each glyph used by its own id as
CID (checked on the subset itself, with fontTools). Any other font (TrueType outlines, a
variable font, one with missing glyphs) is subset by WeasyPrint as usual. The PDF's font
dictionaries of the compact fonts are then corrected by `Compacted.fix`, to be called from a
finisher. Other documents of the process (the handbook) are not affected: the switch is a
ContextVar.

This wraps `weasyprint.pdf.fonts.Font.subset` and edits the font objects WeasyPrint 70 writes,
which are not public API: WeasyPrint is pinned (pyproject.toml), and tests/badges check the
fonts and the drawn glyphs of every layout.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pydyf

# Tables WeasyPrint drops from its subsets (no use in a PDF).
_DROP_TABLES = (
    b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT",
    b"SVG ",
)  # fmt: skip
_INSTALL = threading.Lock()
_ORIGINAL: list[Callable[..., None]] = []


class Compacted:
    """The fonts given a compact subset while a document was written (by PDF font name)."""

    def __init__(self) -> None:
        self.names: set[bytes] = set()

    def fix(self, pdf: pydyf.PDF) -> None:
        """Declares each compact font as what it is, a bare CID-keyed CFF font: WeasyPrint,
        seeing no OpenType header, wrote it as a TrueType (CIDFontType2) font."""
        for font in pdf.objects:
            if not (
                isinstance(font, pydyf.Dictionary)
                and font.get("Subtype") == "/CIDFontType2"
                and font.get("BaseFont") in self.names
            ):
                continue
            font["Subtype"] = "/CIDFontType0"
            del font["CIDToGIDMap"]  # only for TrueType fonts
            descriptor = pdf.objects[_number(font["FontDescriptor"])]
            reference = descriptor.pop("FontFile2")
            descriptor["FontFile3"] = reference
            stream = pdf.objects[_number(reference)]
            del stream.extra["Length1"]
            stream.extra["Subtype"] = "/CIDFontType0C"


_ACTIVE: contextvars.ContextVar[Compacted | None] = contextvars.ContextVar(
    "badges_compact_subsets", default=None
)


@contextlib.contextmanager
def compact_subsets() -> Iterator[Compacted]:
    """Within this block (in this thread), CID-keyed CFF fonts get compact subsets; the
    finisher of the document must call the `Compacted.fix` it yields."""
    _install()
    compacted = Compacted()
    token = _ACTIVE.set(compacted)
    try:
        yield compacted
    finally:
        _ACTIVE.reset(token)


def compact_cff(hb_face: Any, glyph_ids: set[int]) -> bytes | None:
    """The CFF table of the font of `hb_face` with only these glyphs (renumbered), or None
    when its glyphs' CIDs are not their ids (then only a subset keeping the ids is right)."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data

    hb = harfbuzz_subset
    subset_input = ffi.gc(hb.hb_subset_input_create_or_fail(), hb.hb_subset_input_destroy)
    glyphs = sorted(glyph_ids)
    harfbuzz.hb_set_add_sorted_array(
        hb.hb_subset_input_glyph_set(subset_input),
        ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs),
        len(glyphs),
    )
    hb.hb_subset_input_set_flags(
        subset_input,
        hb.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
        | hb.HB_SUBSET_FLAGS_DESUBROUTINIZE
        | hb.HB_SUBSET_FLAGS_NO_HINTING,
    )
    tags = sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in _DROP_TABLES)
    harfbuzz.hb_set_add_sorted_array(
        hb.hb_subset_input_set(subset_input, hb.HB_SUBSET_SETS_DROP_TABLE_TAG),
        ffi.new(f"hb_codepoint_t[{len(tags)}]", tags),
        len(tags),
    )
    face = ffi.gc(hb.hb_subset_or_fail(hb_face, subset_input), harfbuzz.hb_face_destroy)
    if face == ffi.NULL:
        return None
    return _cff_if_cids_are_ids(get_hb_object_data(face) or b"", glyph_ids)


def _cff_if_cids_are_ids(font: bytes, glyph_ids: set[int]) -> bytes | None:
    """The CFF table of an OpenType font if it is CID-keyed with a glyph of CID g for each
    id g used."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        ttfont = TTFont(io.BytesIO(font), lazy=True)
        if "CFF " not in ttfont or not hasattr(ttfont["CFF "].cff.topDictIndex[0], "ROS"):
            return None
        # fontTools names the glyphs of a CID-keyed font by CID: "cid01234".
        cids = {int(name[3:]) for name in ttfont.getGlyphOrder()[1:] if name.startswith("cid")}
        table: bytes = ttfont.reader["CFF "]
    except (TTLibError, ValueError, KeyError, AssertionError):
        return None
    return table if {g for g in glyph_ids if g} <= cids else None


def _subset(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
    compacted = _ACTIVE.get()
    if (
        compacted is not None
        and to_unicode
        and "CFF " in font.tables
        and "fvar" not in font.tables
        and not font.missing
        and (table := compact_cff(font.hb_face, set(to_unicode))) is not None
    ):
        font.file_content = table
        compacted.names.add(font.name)
        return
    _ORIGINAL[0](font, to_unicode, hinting)


def _number(reference: bytes | str) -> int:
    """The object number of an indirect reference ("12 0 R")."""
    return int(reference.split()[0])


def _install() -> None:
    with _INSTALL:
        if _ORIGINAL:
            return
        from weasyprint.pdf.fonts import Font

        _ORIGINAL.append(Font.subset)
        Font.subset = _subset
