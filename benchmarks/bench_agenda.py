"""Agenda renderers on a synthetic full-size event (9 rooms, 3 days, 365 presentations, 650 people).

`run()` gives one row per measurement: {what, seconds, cpu_seconds, bytes, pages, of_plain}.
The first PDF render of a process also loads the fonts, so it is reported apart from a warm
render.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable

from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from event.programme.render.ics import render_calendar
from event.programme.render.model import Programme
from event.programme.render.pdf import ProgrammeRenderer
from event.programme.render.sample import synthetic_programme


def _timed(what: str, make: Callable[[], bytes | str]) -> dict[str, object]:
    start, cpu = time.perf_counter(), time.process_time()
    out = make()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    size = len(out.encode("utf-8") if isinstance(out, str) else out)
    return {"what": what, "seconds": round(seconds, 3), "cpu_seconds": round(cpu_seconds, 3),
            "bytes": size}  # fmt: skip


COLUMNS = ("what", "seconds", "cpu_seconds", "bytes", "pages", "of_plain", "cpu_of_plain")
# A full A4 page of 10 pt text: 45 lines of 45 characters (a handbook page holds as much),
# every line different (identical lines would be shaped once and flatter the baseline).
POOL = (
    "全国机械工业质量管理小组信得过班组品牌故事交流活动代表名单发表顺序会议日程主持人地点时间"
    "内容报到开幕式分会场成果课题单位降低提高缩短焊接装配合格率周期股份有限公司集团研究院厂"
)


def _line(n: int) -> str:
    return "".join(random.Random(n).choices(POOL, k=45))


def plain_pdf(pages: int) -> bytes:
    """The baseline: a plain WeasyPrint document of `pages` A4 pages of CJK text in the same
    font, with no table, header or outline — what any renderer pays per page."""
    html = (
        '<html lang="zh-CN"><style>@page { size: A4; margin: 20mm }'
        ' html { font: 10pt/1.5 "Noto Serif CJK SC" } p { margin: 0 }</style><body>'
        + "".join(
            '<section style="break-after: page">'
            + "".join(f"<p>{_line(page * 45 + n)}</p>" for n in range(45))
            + "</section>"
            for page in range(pages)
        )
        + "</body></html>"
    )
    return HTML(string=html).write_pdf(font_config=FontConfiguration())


def beside_plain(what: str, pdf: Callable[[], bytes]) -> list[dict[str, object]]:
    """Time `pdf`, then a plain render of as many pages in the same run. `of_plain` is the
    wall-time ratio (issue 17 target: at most 1.5), `cpu_of_plain` the ratio of this process's
    CPU time, steadier when other jobs share the machine."""
    start, cpu = time.perf_counter(), time.process_time()
    body = pdf()
    ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu
    pages = len(PdfReader(io.BytesIO(body)).pages)
    start, cpu = time.perf_counter(), time.process_time()
    plain_pdf(pages)
    plain, plain_cpu = time.perf_counter() - start, time.process_time() - cpu
    return [
        {"what": what, "seconds": round(ours, 3), "cpu_seconds": round(ours_cpu, 3),
         "bytes": len(body), "pages": pages, "of_plain": round(ours / plain, 2),
         "cpu_of_plain": round(ours_cpu / plain_cpu, 2)},
        {"what": f"plain WeasyPrint, {pages} full A4 pages of text, same font (same run)",
         "seconds": round(plain, 3), "cpu_seconds": round(plain_cpu, 3), "pages": pages},
    ]  # fmt: skip


def _label(programme: Programme) -> str:
    talks = sum(item.is_presentation for item in programme.items)
    return (
        f"{talks} presentations, {len(programme.rooms)} rooms, {len(programme.delegates)} delegates"
    )


def run() -> list[dict[str, object]]:
    """Render the full event's handbook and calendar and time each; then a handbook of another
    shape (half the talks, twice the delegates: more of the list, fewer table rows), so that
    the figure is not one of the demo's shape only."""
    programme = synthetic_programme()
    other = synthetic_programme(presentations=176, delegates=1300)
    renderer = ProgrammeRenderer()
    label = _label(programme)
    return [
        _timed(f"programme PDF, first in process ({label})", lambda: renderer.pdf(programme)),
        *beside_plain(f"programme PDF, warm ({label})", lambda: renderer.pdf(programme)),
        *beside_plain(f"programme PDF, warm ({_label(other)})", lambda: renderer.pdf(other)),
        _timed(
            "programme PDF, A5 booklet (imposed)", lambda: renderer.pdf(programme, "a5-booklet")
        ),
        _timed(f"programme HTML ({label})", lambda: renderer.html(programme)),
        _timed(
            f"whole-event ICS ({len(programme.items)} VEVENTs)",
            lambda: render_calendar(
                programme.name, programme.items, prodid="-//qcconf//agenda//ZH"
            ),
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
