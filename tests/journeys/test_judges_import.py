"""An organiser imports judges from Excel: downloads the roster template from the judges page,
fills it on disk as Excel would (the example row left in place), uploads it; a file with one bad
row is refused whole, naming the row and the column in Chinese, and nothing is stored; the
corrected file adds every judge to the roster.

These run on their own demo site: new judges would change the panels other journeys assign."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.journeys.conftest import DESK, Person, Site, demo_site, log_in

JUDGES = [
    ("杜明远", "北京市机械工业质量管理协会", "北京", "13911110001", "诊断师", "QC小组、质量信得过班组", "是"),
    ("宋佳宁", "上海重型机器厂有限公司", "上海", "13911110002", "", "品牌故事", "否"),
]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with demo_site(tmp_path_factory.mktemp("judges-import")) as built:
        yield built


async def the_template(me: Person, into: Path) -> Path:
    async with me.page.expect_download() as event:
        await me.page.click("text=下载评委名单模板")
    saved = await event.value
    assert saved.suggested_filename == "评委名单模板.xlsx"
    path = into / saved.suggested_filename
    await saved.save_as(path)
    return path


def filled(template: Path, rows: list[tuple[str, ...]], name: str) -> Path:
    wb = openpyxl.load_workbook(template)
    assert [c.value for c in wb.active[1]][:2] == ["姓名", "单位（全称）"]
    for row in rows:
        wb.active.append(row)
    path = template.with_name(name)
    wb.save(path)
    return path


async def upload(me: Person, path: Path) -> None:
    await me.page.set_input_files("form[action='/admin/judges/import'] input[type=file]", path)
    await me.click("form[action='/admin/judges/import'] button[type=submit]")


async def roster_size(me: Person) -> int:
    return int(re.fullmatch(r"评委名单（(\d+)人）", await me.text("h1"))[1])


async def test_organiser_imports_the_roster_from_the_excel_template(
    site: Site, people, tmp_path: Path
) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/judges/")
    before = await roster_size(me)
    template = await the_template(me, tmp_path)

    bad = [JUDGES[0], (*JUDGES[1][:3], "1391111", *JUDGES[1][4:])]  # a mobile of 7 digits
    await upload(me, filled(template, bad, "评委名单-有错.xlsx"))
    errors = await me.page.locator("#upload-errors li").all_inner_texts()
    # Row 1 is the heading, row 2 the example: the second judge is on row 4, the mobile in D.
    assert errors == [
        "第4行 D列（手机号码）：手机号码应为11位数字，以1开头（可带+86、空格或短横线）"
    ]
    assert await roster_size(me) == before
    assert JUDGES[0][0] not in await me.text("#roster")

    await upload(me, filled(template, JUDGES, "评委名单.xlsx"))
    assert me.page.url == f"{site.base}/admin/judges/"
    assert await roster_size(me) == before + 2
    first = await me.page.locator("#roster tr", has_text=JUDGES[0][0]).inner_text()
    second = await me.page.locator("#roster tr", has_text=JUDGES[1][0]).inner_text()
    assert "北京市机械工业质量管理协会" in first and "13911110001" in first
    assert "QC小组" in first and "质量信得过班组" in first and first.split("\t")[6] == "是"
    assert "品牌故事" in second and second.split("\t")[6] == "否"
    await me.goto(f"{site.base}/admin/audit")
    assert "导入评委名单" in await me.text("table")
