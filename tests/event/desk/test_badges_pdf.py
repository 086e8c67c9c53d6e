"""Badge PDFs from the database, read back: pages, order, text, fonts, the QR code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from event.current import EventInfo
from event.desk import badges
from event.errors import InvalidInput
from event.tables import Registration
from tests.badges.pdftools import decode_qr, page_sizes_mm, page_texts, pdffonts
from tests.event.desk.desk_data import PEOPLE, add_people, add_person

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
ROOT = Path(__file__).resolve().parents[3]
ORDER = ["王伟", "李四", "丁一", "王五", "张三"]


async def test_a6_batch_has_a_page_per_badge_in_unit_and_stroke_order(event: EventInfo) -> None:
    await add_people(event.id)
    pdf, count = await badges.batch_pdf(event, layout="a6")
    texts = page_texts(pdf)
    assert (count, len(texts)) == (5, 5)
    units = {name: unit for name, unit, *_ in PEOPLE}
    for name, text in zip(ORDER, texts, strict=True):
        assert name in text and units[name] in text
    assert page_sizes_mm(pdf)[0] == (105.0, 148.0)


async def test_a4_4up_batch_puts_four_badges_on_a_sheet(event: EventInfo) -> None:
    await add_people(event.id)
    pdf, _ = await badges.batch_pdf(event, layout="a4-4up")
    texts = page_texts(pdf)
    assert (len(texts), page_sizes_mm(pdf)[0]) == (2, (210.0, 297.0))
    assert all(name in texts[0] for name in ORDER[:4]) and ORDER[4] in texts[1]


async def test_card_batch_prints_names_and_units(event: EventInfo) -> None:
    await add_people(event.id)
    pdf, _ = await badges.batch_pdf(event, layout="card", category="observer")
    texts = page_texts(pdf)
    assert len(texts) == 2
    assert "王伟" in texts[0] and "乙机床有限公司" in texts[0]
    assert "王五" in texts[1] and "甲重型机械股份有限公司" in texts[1]


async def test_badge_embeds_the_cjk_font_and_no_type3(event: EventInfo, tmp_path: Path) -> None:
    rid = await add_person(event.id, "欧阳明月", "洛阳华锐重型机械股份有限公司")
    fonts = pdffonts(await badges.single_pdf(event, rid), tmp_path)
    assert sorted(f["name"].split("+", 1)[1] for f in fonts) == [
        "Noto-Sans-CJK-SC", "Noto-Sans-CJK-SC-Bold",
    ]  # fmt: skip
    assert {(f["type"], f["emb"], f["sub"]) for f in fonts} == {("CID Type 0C", "yes", "yes")}


async def test_qr_decodes_to_the_checkin_token(event: EventInfo, tmp_path: Path) -> None:
    rid = await add_person(event.id, "张三", "甲公司", checkin_token="Qc40-desk-ZxY_0123456")
    assert decode_qr(await badges.single_pdf(event, rid, "card"), tmp_path) == [
        "Qc40-desk-ZxY_0123456"
    ]


async def test_name_with_html_prints_literally(event: EventInfo) -> None:
    rid = await add_person(event.id, "<b>王</b>&amp;", "甲公司<i>")
    (text,) = page_texts(await badges.single_pdf(event, rid))
    assert "<b>王</b>&amp;" in text and "甲公司<i>" in text


async def test_name_without_a_font_is_refused_with_badge_and_code_point(event: EventInfo) -> None:
    rid = await add_person(event.id, "王\ue000", "甲公司")
    with pytest.raises(InvalidInput) as caught:
        await badges.single_pdf(event, rid)
    number = (
        await Registration.select(Registration.badge_number).where(Registration.id == rid).first()
    )["badge_number"]
    assert caught.value.message == (
        f"代表证 {number:04d}（王\ue000）：字符「\ue000」（U+E000）"
        "没有可用字体，为免印错未生成，请安装含该字的字体或核对姓名"
    )


def _qcconf(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QCCONF_DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "event.cli", "badges", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


async def test_badges_command_writes_a_category_in_order(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    await add_people(event.id)
    out = tmp_path / "observers.pdf"
    done = _qcconf(db_url, "--out", str(out), "--category", "observer", "--layout", "card")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"已生成 2 张代表证（card）：{out}")
    texts = page_texts(out.read_bytes())
    assert ["王伟" in texts[0], "王五" in texts[1]] == [True, True]


async def test_badges_command_with_nobody_selected_says_so(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    done = _qcconf(db_url, "--out", str(tmp_path / "none.pdf"), "--category", "executive")
    assert (done.returncode, done.stderr) == (2, "错误：没有符合条件的有效登记，无法生成代表证\n")


async def test_badges_command_prints_the_others_and_names_the_unprintable_record(
    db_url: str, event: EventInfo, tmp_path: Path
) -> None:
    people = await add_people(event.id)
    rid = await add_person(event.id, "王\ue000", "甲公司")
    out = tmp_path / "all.pdf"
    done = _qcconf(db_url, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"无可用字体，代表证不生成：王\ue000（姓名含U+E000，请在 /admin/registrations/{rid} 修改）\n"
    )
    assert (
        done.stdout.startswith(f"已生成 {len(people)} 张代表证"),
        len(page_texts(out.read_bytes())),
    ) == (True, len(people))
