"""An organiser prints one unit's badges four to an A4 sheet: picks the layout and the unit on
the badges page, downloads the PDF the way a browser saves it, and finds on disk a PDF of one
sheet per four delegates naming that unit; the whole meeting's A6 badges come one a page."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from tests.journeys.conftest import DESK, Person, Site, log_in


async def download(me: Person, into: Path) -> Path:
    """Press 生成PDF and save what the browser downloads into `into`."""
    # Rendering a unit's badges takes seconds, more on a loaded machine: wait as a person would.
    async with me.page.expect_download(timeout=300_000) as event:
        await me.page.click("form[action='/admin/badges.pdf'] button[type=submit]")
    saved = await event.value
    assert saved.suggested_filename.endswith(".pdf"), saved.suggested_filename
    path = into / saved.suggested_filename
    await saved.save_as(path)
    return path


def chosen(label: str) -> tuple[str, int]:
    """'某某公司（7人）' → ('某某公司', 7)."""
    found = re.fullmatch(r"(.+)（(\d+)人）", label.strip())
    assert found, label
    return found[1], int(found[2])


async def test_organiser_downloads_one_units_badges_four_to_a_sheet(
    site: Site, people, tmp_path: Path
) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/badges")
    assert await me.text("h1") == "代表证打印"
    options = me.page.locator("select[name=unit] option")
    labels = (await options.all_inner_texts())[1:]  # the first is 全部单位
    units = [chosen(label) for label in labels]
    # 全部类别 stays chosen (the form sends category= empty). A unit of five or more delegates, so that the four-up sheet has a second page.
    unit, n = next((u, k) for u, k in units if k > 4)
    await me.page.select_option("select[name=layout]", label="A4 每页4张（带裁切线）")
    await me.page.select_option("select[name=unit]", label=f"{unit}（{n}人）")
    pdf = PdfReader(await download(me, tmp_path))
    assert len(pdf.pages) == -(-n // 4)
    text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "").replace("\n", "")
    assert unit.replace(" ", "") in text
    others = [u for u, _ in units if u != unit and u not in unit]
    assert [u for u in others if u.replace(" ", "") in text] == []
    assert abs(float(pdf.pages[0].mediabox.width) - 210 / 25.4 * 72) < 1  # an A4 sheet
    # The page still offers the same choice after the download (nothing navigated away).
    assert await me.page.locator("select[name=unit]").input_value() == unit


async def test_organiser_downloads_one_categorys_badges_one_a_page(
    site: Site, people, tmp_path: Path
) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/badges")
    options = (await me.page.locator("select[name=category] option").all_inner_texts())[1:]
    label, n = min((chosen(o) for o in options if chosen(o)[1] > 0), key=lambda c: c[1])
    await me.page.select_option("select[name=layout]", label="A6 胸卡（每页1张）")
    await me.page.select_option("select[name=category]", label=f"{label}（{n}人）")
    pdf = PdfReader(await download(me, tmp_path))
    assert len(pdf.pages) == n
    assert abs(float(pdf.pages[0].mediabox.width) - 105 / 25.4 * 72) < 1
