"""The hostile corpus in the PDFs (会议手册 and badges), read back with pypdf.

What is compared: the PDF's text with every whitespace character removed, against the value
with whitespace and the zero-width / bidi format characters (U+200B, U+200D, U+202E) removed.
Those draw nothing, so the PDF carries no glyph for them and text extraction cannot return
them; line wrapping in the PDF adds line breaks, hence no whitespace on either side. Every
character that does draw (tags, quotes, entities, emoji, rare CJK) must come back in order.
A right-to-left override is applied, as it asks: "\u202eevil" prints (and extracts) as "live",
and the override ends with its field. A character no installed font has (🏭) is never printed
as an empty box: the handbook prints 〓 in its place, the badge run leaves that badge out, and a
single reprint of it is refused with a Chinese message naming it.
"""

from __future__ import annotations

import re
import unicodedata
from io import BytesIO

import pypdf
from httpx import AsyncClient

from badges.glyphs import installed_coverage
from event.current import EventInfo
from event.enums import Role
from tests.event.hostile import (
    LONG_UNIT,
    NO_FONT,
    PRINTABLE,
    ROOM,
    SINGLE_LINE,
    page_text,
    sign_in,
    store_world,
)


def _drawn(value: str) -> str:
    """The characters of `value` as they print: no whitespace, no format characters (Cf), in
    visual order (reversed after a right-to-left override)."""
    drawn = "".join(c for c in value if not c.isspace() and unicodedata.category(c) != "Cf")
    return drawn[::-1] if value.startswith("\u202e") else drawn


def _pdf_text(body: bytes) -> str:
    reader = pypdf.PdfReader(BytesIO(body))
    return re.sub(r"\s", "", "".join(page.extract_text() for page in reader.pages))


def test_corpus_has_exactly_one_character_without_a_font() -> None:
    coverage = installed_coverage()
    chars = {c for v in SINGLE_LINE.values() for c in _drawn(v)}
    assert sorted(c for c in chars if ord(c) not in coverage) == [NO_FONT]


async def test_badges_print_hostile_names_and_units_literally(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event, programme=False)
    await sign_in(client, "zhang", Role.organiser)
    for key, value in PRINTABLE.items():
        response = await client.get(f"/desk/p/{world.registrations[key]}/badge.pdf")
        assert response.status_code == 200, (key, page_text(response.text)[0][-300:])
        assert _drawn(value) in _pdf_text(response.content), key


async def test_badge_with_a_character_no_font_has_is_refused_in_chinese(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event, programme=False)
    await sign_in(client, "zhang", Role.organiser)
    response = await client.get(f"/desk/p/{world.registrations['emoji']}/badge.pdf")
    assert response.status_code == 400
    assert "字符「🏭」（U+1F3ED）没有可用字体，为免印错未生成" in page_text(response.text)[0]


async def test_badge_run_with_only_unprintable_badges_is_refused_in_chinese(
    client: AsyncClient, event: EventInfo
) -> None:
    await store_world(client, event, programme=False)
    await sign_in(client, "zhang", Role.organiser)
    response = await client.get("/admin/badges.pdf?category=executive")
    assert response.status_code == 400
    assert "字符「🏭」（U+1F3ED）没有可用字体，为免印错未生成" in page_text(response.text)[0]


async def test_handbook_prints_hostile_titles_rooms_and_names_literally(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event, corpus=PRINTABLE)
    response = await client.get("/programme/handbook.pdf")
    assert response.status_code == 200
    text = _pdf_text(response.content)
    expected = [*PRINTABLE.values(), *(world.topics[k] for k in PRINTABLE), ROOM, LONG_UNIT]
    assert [v for v in expected if _drawn(v) not in text] == []


async def test_handbook_with_a_character_no_font_has_prints_a_placeholder(
    client: AsyncClient, event: EventInfo
) -> None:
    await store_world(client, event)
    response = await client.get("/programme/handbook.pdf")
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert ("👍〓" in text, "🏭" in text) == (True, False)
