"""An organiser sets how QC results are graded on the results page: after a judge has scored
two QC results on the phone (one full marks, one about half), thresholds in the wrong order are
named and not kept, thresholds in order grade the two 一等 and 三等, and quotas (one 一等, no
二等, one 三等) give the same grades by rank; each rule is read back in its form.

These run on their own demo site: they publish a programme and score results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.journeys.conftest import DESK, PHONE, Person, Site, demo_site, log_in, solve_from_page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with demo_site(tmp_path_factory.mktemp("award-grades")) as built:
        yield built


async def programme_with_panels(me: Person, site: Site) -> None:
    """Solve and publish through the pages, then assign the panels by the one press."""
    await solve_from_page(me, site)
    await me.goto(f"{site.base}/admin/publication")
    me.page.once("dialog", lambda dialog: dialog.accept())
    await me.click("#publish")
    await me.goto(f"{site.base}/admin/judges/panels")
    await me.click("form[action='/admin/judges/assign'] button[type=submit]")


async def qc_sheets(phone: Person, me: Person, site: Site) -> list[str]:
    """The first judge on the roster who hears two QC results: their sheets' addresses."""
    await me.goto(f"{site.base}/admin/judges/")
    links = await me.page.locator("table.list a", has_text="打开").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    for href in links:
        await phone.goto(f"{site.base}{href}")
        qc = await phone.page.locator("a.button[href*='/p/QC-']").evaluate_all(
            "links => links.map(a => a.href)"
        )
        if len(qc) >= 2:
            return qc[:2]
    raise AssertionError("no judge hears two QC results")


async def score(phone: Person, sheet: str, share: float) -> int:
    """Fill every item with `share` of its maximum (rounded down), submit; the total."""
    await phone.goto(sheet)
    total = 0
    for field in await phone.page.locator("form.sheet input[type=number]").all():
        points = int(int(await field.get_attribute("max") or "0") * share)
        await field.fill(str(points))
        total += points
    await phone.click("form.sheet button[type=submit]")
    assert await phone.text("#locked") == f"评分表已提交并锁定：{total} 分"
    return total


async def set_rule(me: Person, mode: str, first: str, second: str, third: str) -> None:
    form = me.page.locator("#rule-qc")
    await form.locator("select[name=mode]").select_option(label=mode)
    for name, value in (("first", first), ("second", second), ("third", third)):
        await form.locator(f"input[name={name}]").fill(value)
    await me.click("#rule-qc button[type=submit]")


async def grades(me: Person) -> dict[str, str]:
    """Mean → grade, as the QC table shows them."""
    rows = await me.page.locator("#kind-qc tbody tr").all()
    cells = [await r.locator("td").all_inner_texts() for r in rows]
    return {c[5].strip(): c[7].strip() for c in cells}


async def test_organiser_grades_qc_results_by_thresholds_then_by_quotas(site: Site, people) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/judges/panels")
    await programme_with_panels(me, site)
    phone = await people(PHONE)
    full, half = await qc_sheets(phone, me, site)
    high, low = await score(phone, full, 1.0), await score(phone, half, 0.5)
    assert (high, 40 <= low <= 50) == (100, True)

    await me.goto(f"{site.base}/admin/judging/results")
    assert await me.page.locator("#kind-qc tbody tr").count() == 2
    await set_rule(me, "按分数线", "60", "90", "30")
    assert await me.text("#rule-qc #err-second") == "分数线应为一等 ≥ 二等 ≥ 三等"
    assert await me.page.locator("#rule-qc input[name=second]").input_value() == "90"
    await me.goto(f"{site.base}/admin/judging/results")
    assert await me.page.locator("#rule-qc input[name=first]").input_value() == ""

    await set_rule(me, "按分数线", "90", "60", "30")
    assert me.page.url == f"{site.base}/admin/judging/results"
    assert await grades(me) == {"100.00": "一等", f"{low}.00": "三等"}  # means to 0.01
    assert await me.page.locator("#rule-qc input[name=first]").input_value() == "90"

    await set_rule(me, "按名额", "1", "0", "1")
    shown = await grades(me)
    assert sorted(shown.values()) == ["一等", "三等"]
    assert shown[max(shown, key=float)] == "一等"
    form = me.page.locator("#rule-qc")
    assert await form.locator("select[name=mode] option:checked").inner_text() == "按名额"
    await me.goto(f"{site.base}/admin/audit")
    assert "QC小组按名额评定：一等1、二等0、三等1" in await me.text("table")
