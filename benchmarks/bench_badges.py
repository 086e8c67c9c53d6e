"""Badge rendering: 650 synthetic badges in each layout against a plain WeasyPrint render, and
one badge on demand.

`run()` returns one row per layout and one for a badge on demand. Each measurement runs in a
fresh Python process (so that its peak RSS is its own), warmed first as a long-running server
would be: the batch with one badge (its time includes starting the second worker process), the
baseline with one page. The baseline is a plain one-process WeasyPrint render of one simple
page per badge (its name and unit, at the badge's page size, in the same font): what laying
out the batch a fresh page each time would cost at least. Each layout is measured in ROUNDS
rounds of (baseline, batch), so that both see the same load; `ratio` is the median of the
rounds' batch / baseline, `ratios` lists them all; `cpu_ratio` compares the CPU time of
the same round (both processes of the batch), steadier when other programs load the machine.
`workers` is the number of processes the batch used (`badges.render.default_workers`: one
when other programs already keep the cores busy).

Targets (issue 17): ratio <= 0.75 for every layout, one badge on demand <= 100 ms warm.

    .venv/bin/python -m benchmarks.bench_badges
"""

from __future__ import annotations

import statistics
import time

from benchmarks.harness import in_fresh_process, peak_rss_mb

BADGES = 650
ROUNDS = 3
LAYOUTS = ("a6", "card", "a4-4up")

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建文辉力永宁海波鹏飞雪梅琳晨宇浩然志远思源晓东振国德胜"
_UNITS = (
    "中国一重集团有限公司",
    "哈尔滨电气集团有限公司",
    "中国第一汽车集团有限公司长春轿车厂总装车间",
    "徐工集团工程机械股份有限公司",
    "三一重工股份有限公司",
    "潍柴动力股份有限公司质量管理部",
    "上海电气集团股份有限公司上海汽轮机厂有限公司",
    "东方电气集团东方锅炉股份有限公司",
    "中国机械工业质量管理协会",
    "广西柳工机械股份有限公司",
    "杭州汽轮动力集团股份有限公司",
    "中车株洲电力机车有限公司",
)
MEETING_NAME = "第四十次全国机械工业质量信得过班组、质量管理小组和质量品牌故事交流活动"


def synthetic_badges(count: int = BADGES) -> list:
    """Deterministic badges: 2-4 character names, realistic units, every category."""
    from badges import CATEGORY_CODES, Badge

    categories = ("presenter", "presenter", *CATEGORY_CODES)  # presenters most often
    badges = []
    for i in range(count):
        surname = "欧阳" if i % 37 == 0 else _SURNAMES[i % len(_SURNAMES)]
        given = _GIVEN[(i * 7) % len(_GIVEN)] + ("" if i % 3 else _GIVEN[(i * 11) % len(_GIVEN)])
        category = categories[i % len(categories)]
        rooms: tuple[str, ...] = ()
        if category in ("presenter", "storyteller"):
            rooms = (f"第{i % 6 + 1}分会场 · 8月{18 + i % 2}日 {9 + i % 8}:{(i * 18) % 60:02d}",)
        badges.append(
            Badge(
                number=f"{i + 1:04d}",
                name=surname + given,
                unit=_UNITS[i % len(_UNITS)],
                category=category,
                role_label="",
                token=f"T{i:05d}-{(i * 2654435761) % 16**12:012x}",
                room_lines=rooms,
            )
        )
    return badges


def _child(layout: str, count: int) -> dict:
    """Runs in a fresh process: one warm-up badge, then the batch (or on-demand singles)."""
    import io

    from pypdf import PdfReader

    from badges import Meeting, render_badge, render_badges
    from badges.render import default_workers

    meeting = Meeting(MEETING_NAME, "2021年8月18日—20日")
    badges = synthetic_badges(count)
    render_badge(badges[0], meeting, "a6" if layout == "single" else layout)
    cpu_before = _cpu_seconds()
    if layout == "single":
        times = []
        for badge in badges[1:21]:
            start = time.perf_counter()
            render_badge(badge, meeting, "a6")
            times.append(time.perf_counter() - start)
        seconds, pages, renders = statistics.median(times), 1, len(times)
    else:
        workers = default_workers(count)  # what render_badges would choose
        start = time.perf_counter()
        pdf = render_badges(badges, meeting, layout, workers=workers)
        seconds = time.perf_counter() - start
        pages, renders = len(PdfReader(io.BytesIO(pdf)).pages), 1
    cpu = (_cpu_seconds() - cpu_before) / renders
    return {
        "layout": layout,
        "badges": 1 if layout == "single" else count,
        "workers": 1 if layout == "single" else workers,
        "seconds": round(seconds, 3),
        "pages_per_second": round(pages / seconds, 1),
        "cpu_seconds": round(cpu, 3),
        "peak_rss_mb": peak_rss_mb(),
    }


def plain_html(layout: str, badges: list) -> str:
    """One simple page per badge: its name and unit, at the badge's page size, in the font."""
    from badges.layouts import layout_spec

    width, height = layout_spec(layout).badge_mm
    style = (
        f"@page {{ size: {width}mm {height}mm; margin: 8mm }} "
        'html { font-family: "Noto Sans CJK SC" } section { break-after: page }'
    )
    pages = "".join(f"<section><h1>{b.name}</h1><p>{b.unit}</p></section>" for b in badges)
    return f'<html lang="zh-CN"><head><style>{style}</style></head><body>{pages}</body></html>'


def _baseline_child(layout: str, count: int) -> dict:
    """Runs in a fresh process: one simple page per badge, one document, one process."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    badges = synthetic_badges(count)
    HTML(string=plain_html(layout, badges[:1])).write_pdf(font_config=fonts)
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    HTML(string=plain_html(layout, badges)).write_pdf(font_config=fonts)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": _cpu_seconds() - cpu_before}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the second worker)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


COLUMNS = (
    "layout", "badges", "workers", "seconds", "baseline_seconds", "ratio", "ratios", "cpu_seconds",
    "baseline_cpu_seconds", "cpu_ratio", "pages_per_second", "peak_rss_mb", "ms",
)  # fmt: skip


def _layout_row(layout: str) -> dict:
    """ROUNDS rounds of (baseline, batch) in fresh processes; the median round's figures."""
    rounds = []
    for _ in range(ROUNDS):
        base = in_fresh_process("bench_badges", "_baseline_child", layout, BADGES)
        batch = in_fresh_process("bench_badges", "_child", layout, BADGES)
        rounds.append((batch["seconds"] / base["seconds"], base, batch))
    rounds.sort(key=lambda r: r[0])
    ratio, base, batch = rounds[len(rounds) // 2]
    return {
        **batch,
        "baseline_seconds": round(base["seconds"], 3),
        "ratio": round(ratio, 2),
        "ratios": " / ".join(f"{r:.2f}" for r, _, _ in rounds),
        "baseline_cpu_seconds": round(base["cpu_seconds"], 3),
        "cpu_ratio": round(batch["cpu_seconds"] / base["cpu_seconds"], 2),
    }


def run() -> list[dict]:
    """One row per layout (median of ROUNDS rounds against the baseline), and one for a badge
    on demand (warm, median of 20).

    cpu_seconds is the CPU time of both processes (a badge on demand: the mean of the 20), a
    steadier figure than the wall time on a shared machine. peak_rss_mb is the larger of the two
    processes' peaks (each renders about half the batch).
    """
    rows = [_layout_row(layout) for layout in LAYOUTS]
    single = in_fresh_process("bench_badges", "_child", "single", 21)
    single["layout"] = "a6, one badge on demand (warm)"
    single["ms"] = round(single["seconds"] * 1000, 1)
    rows.append(single)
    return rows


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
