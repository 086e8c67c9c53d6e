"""Reading rendered badge PDFs back: text, page sizes, fonts, and the QR code as a scanner would."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with all white space removed (letter-spacing shows up as spaces)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return ["".join((page.extract_text() or "").split()) for page in doc.pages]


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (round(float(p.mediabox.width) / MM, 1), round(float(p.mediabox.height) / MM, 1))
        for p in reader.pages
    ]


def pdffonts(pdf: bytes, tmp_path: Path) -> list[dict[str, str]]:
    """poppler's font table: name, type, emb, sub for every font of the file."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        name = line.split()[0]
        emb, sub, uni = line.split()[-5:-2]
        font_type = line[37:54].strip()
        rows.append({"name": name, "type": font_type, "emb": emb, "sub": sub, "uni": uni})
    return rows


def decode_qr(pdf: bytes, tmp_path: Path, page: int = 1) -> list[str]:
    """The QR payloads zbar reads on one page rendered at 200 dpi."""
    path = tmp_path / "badge.pdf"
    path.write_bytes(pdf)
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", str(page), "-l", str(page), "-singlefile",
         str(path), str(prefix)],
        check=True,
    )  # fmt: skip
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", f"{prefix}.png"], capture_output=True, text=True, check=False
    )
    return sorted(out.stdout.split())


def chars_of(pdf: bytes, text: str, page: int = 0) -> list[dict]:
    """pdfplumber's chars (with size and position) of the characters of `text` on a page."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [c for c in doc.pages[page].chars if c["text"] in text]
