"""The award documents: results as .xlsx, the award list (获奖名单, 排名不分先后) and the
certificates (奖状, one A4 landscape page per awarded group) as PDF, and the judges' 评委证
through the badge renderer. Renderers take plain data; WeasyPrint may fetch nothing but files
of this wing's print folder (every other URL is refused)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from event.collation import NameOrder, name_key, unit_key
from event.excel import sheets_bytes
from event.judging.awards import Results
from event.judging.results import GRADES
from scheduling.panels.model import KIND_LABELS

PRINT = Path(__file__).resolve().parent / "templates" / "judging" / "print"
_env = Environment(loader=FileSystemLoader(PRINT), autoescape=select_autoescape(["html"]))


class PrintFetcher(URLFetcher):
    """Serve file: URLs inside PRINT only; refuse everything else (http, data, other files)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve()
        if parts.scheme != "file" or not path.is_relative_to(PRINT) or not path.is_file():
            raise ValueError(f"refused URL outside the judging print folder: {url}")
        return URLFetcherResponse(path.as_uri(), path.read_bytes())


@dataclass(frozen=True)
class Award:
    grade: str  # 一等 / 二等 / 三等
    kind: str  # its label, e.g. QC小组
    code: str
    title: str
    unit: str
    presenters: str
    note: str = ""  # where a tie stands (并列 under the event's tie rule), else empty


def award_list(res: Results, order: NameOrder | str = "unit") -> list[Award]:
    """Every awarded presentation by kind, grade, then unit (or the first presenter's
    姓氏笔画 when order is "strokes"): a list without ranks (排名不分先后)."""
    out = []
    for kind, ranked in res.by_kind.items():
        for r in ranked:
            if r.grade:
                t = res.talks[r.entry.presentation]
                note = r.note if r.tied else ""
                out.append(Award(r.grade, KIND_LABELS.get(kind, kind), t.code, t.title, t.unit,
                                 t.presenters, note))  # fmt: skip
    kinds = list(KIND_LABELS.values())

    def key(a: Award) -> tuple[object, ...]:
        within = (
            name_key(a.presenters or a.unit, "strokes") if order == "strokes" else unit_key(a.unit)
        )
        return (
            kinds.index(a.kind) if a.kind in kinds else 9,
            GRADES.index(a.grade),
            within,
            a.code,
        )

    return sorted(out, key=key)


def results_xlsx(res: Results) -> bytes:
    """One sheet per kind (rank, score, parts, grade, notes) and one per room, the best per
    room, the shortlist and the award list; each heading names the tie rule that applied."""
    headers = ("名次", "编号", "成果名称", "单位", "分会场", "得分", "评分份数", "等级", "说明")

    def rows(ranked: list) -> list[tuple[object, ...]]:
        return [(r.rank, r.entry.presentation, res.talks[r.entry.presentation].title, r.entry.unit,
                 r.entry.room, float(r.entry.score.mean), r.entry.score.count, r.grade,
                 "；".join(x for x in (r.note, r.entry.score.note) if x)) for r in ranked]  # fmt: skip

    rule = f"（同分规则：{res.tie_label}）"
    sheets: list[Any] = [(KIND_LABELS.get(k, k), headers, rows(v), f"{KIND_LABELS.get(k, k)}评分结果{rule}", None)
              for k, v in res.by_kind.items()]  # fmt: skip
    sheets += [(room, headers, rows(v), f"{room}排名{rule}", None) for room, v in res.by_room.items()]  # fmt: skip
    best = [r for ranked in res.best.values() for r in ranked]
    sheets += [("各分会场最佳发表", headers, rows(best), f"各分会场最佳发表{rule}", None),
               ("优秀成果演示候选", headers, rows(res.shortlist), f"优秀成果演示候选（最后一天）{rule}", None)]  # fmt: skip
    listed = [(a.kind, a.grade, a.code, a.title, a.unit, a.presenters, a.note) for a in award_list(res)]  # fmt: skip
    sheets.append(("获奖名单", ("类别", "等级", "编号", "成果名称", "单位", "发表人", "说明"), listed,
                   f"获奖名单（排名不分先后）{rule}", None))  # fmt: skip
    return sheets_bytes(sheets)


def _pdf(template: str, **context: object) -> bytes:
    html = _env.get_template(template).render(**context)
    document = HTML(string=html, base_url=PRINT.as_uri() + "/", url_fetcher=PrintFetcher())
    return document.write_pdf(font_config=FontConfiguration())


def award_list_pdf(event_name: str, awards: list[Award], tie_rule: str = "") -> bytes:
    """获奖名单, A4 portrait, grouped by kind and grade, 排名不分先后; `tie_rule` (its Chinese
    label) printed under the title, each award whose tie stands says so."""
    groups: dict[tuple[str, str], list[Award]] = {}
    for a in awards:
        groups.setdefault((a.kind, a.grade), []).append(a)
    return _pdf("award_list.html", event_name=event_name, groups=groups, tie_rule=tie_rule,
                notes=any(a.note for a in awards))  # fmt: skip


def certificates_pdf(
    event_name: str, organisers: list[str], awards: list[Award], day: date | None
) -> bytes:
    """One 奖状 per awarded group, A4 landscape, all in one PDF."""
    return _pdf("certificates.html", event_name=event_name, organisers=organisers, awards=awards,
                day=f"{day.year}年{day.month}月{day.day}日" if day else "")  # fmt: skip
