"""The notice's vocabulary, written once (notice 中机质协[2021]08号, see ../shared/DOMAIN.md).

Every label a person sees for an attendee category, a presentation kind, an attachment, a unit kind
or a badge layout comes from here: `enums.py` derives its enums from these records, and the forms,
lists, badges, programme and CLI take their labels from them. A ninth category or a new badge
layout is one record below. A leaf module: imports nothing of the project.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    """An attendee category of section 四: `label` is the notice's own wording."""

    code: str
    label: str
    short: str  # lists, tables, the desk: one short name everywhere
    badge: str  # the role band of the badge
    colour: str  # the band's colour, #RRGGBB (domain-practice.md §4)


@dataclass(frozen=True, slots=True)
class PresentationKind:
    """What is presented on stage, and where it comes from."""

    code: str
    label: str  # QC小组成果
    short: str  # QC小组 (room kinds, grids)
    prefix: str  # the presentation code's prefix: QC-0012
    session_title: str  # QC小组成果发表
    slot_minutes: int  # the default slot
    attachment: str  # the submission kind that feeds it


@dataclass(frozen=True, slots=True)
class SubmissionKind:
    """An attachment a unit sends (附件三 is generated from 附件一/二, not sent)."""

    code: str
    number: str  # 附件一
    title: str  # QC小组成果
    form_title: str  # the attachment's own heading

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True, slots=True)
class UnitKind:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class BadgeLayout:
    code: str
    label: str


CATEGORIES: tuple[Category, ...] = (
    Category("presenter", "优秀质量管理小组、质量信得过班组代表和成果发表者", "成果发表者", "发表人", "#E8590C"),
    Category("storyteller", "优秀故事作者、品牌委员和演讲者", "演讲者", "演讲人", "#C2255C"),
    Category("quality_manager", "企业各级质量管理人员", "质量管理人员", "质量管理人员", "#C92A2A"),
    Category("association", "各地行业质协领导及主管人员", "行业质协代表", "行业质协代表", "#6741D9"),
    Category(
        "executive",
        "行业企业及会员单位的经理、党委书记、工会主席、总工程师、总质量师、现场管理人员",
        "企业领导", "企业领导", "#B07A00",
    ),
    Category("frontline", "一线员工、班组长（工段长）", "一线员工", "一线员工", "#0C8599"),
    Category("award_rep", "荣获质量奖企业代表", "获奖企业代表", "获奖企业代表", "#A0522D"),
    Category("observer", "质量信得过班组、质量管理小组观摩人员", "观摩人员", "观摩人员", "#2F9E44"),
)  # fmt: skip

PRESENTATION_KINDS: tuple[PresentationKind, ...] = (
    PresentationKind("qc", "QC小组成果", "QC小组", "QC", "QC小组成果发表", 15, "qc"),
    PresentationKind("team", "质量信得过班组成果", "质量信得过班组", "TM", "质量信得过班组成果发表", 15, "team"),
    PresentationKind("story", "质量品牌故事", "品牌故事", "ST", "质量品牌故事演讲", 10, "story"),
)  # fmt: skip

SUBMISSION_KINDS: tuple[SubmissionKind, ...] = (
    SubmissionKind("qc", "附件一", "QC小组成果", "全国机械工业优秀质量管理小组成果表"),
    SubmissionKind("team", "附件二", "质量信得过班组成果", "全国机械工业优秀质量信得过班组成果表"),
    SubmissionKind("story", "附件四", "质量品牌故事", "企业文化、班组文化、质量品牌故事推荐表"),
    SubmissionKind("nomination", "附件五", "优秀推进者推荐", "全国机械工业群众性质量活动优秀推进者推荐表"),
    SubmissionKind(
        "application", "附件六", "优秀企业、组织单位申报",
        "全国机械工业群众性质量活动优秀企业、优秀组织单位申报表",
    ),
    SubmissionKind("summary", "附件七", "工作总结", "群众性质量活动工作总结"),
    SubmissionKind("statistics", "附件八", "活动概况统计表", "全国机械工业群众性质量活动概况统计表"),
)  # fmt: skip

UNIT_KINDS: tuple[UnitKind, ...] = (
    UnitKind("enterprise", "企业"),
    UnitKind("association", "行业质量协会"),
    UnitKind("group", "企业集团"),
    UnitKind("government", "政府主管部门"),
)

BADGE_LAYOUTS: tuple[BadgeLayout, ...] = (
    BadgeLayout("a6", "A6 胸卡（每页1张）"),
    BadgeLayout("card", "CR80 卡片（每页1张）"),
    BadgeLayout("a4-4up", "A4 每页4张（带裁切线）"),
)

# Internal roles that wear a badge but do not register through the public form.
STAFF_BADGE = ("staff", "工作人员", "#495057", "工作证")
JUDGE_BADGE = ("judge", "评委", "#1864AB", "评委证")

CATEGORY = {c.code: c for c in CATEGORIES}
PRESENTATION_KIND = {k.code: k for k in PRESENTATION_KINDS}
SUBMISSION_KIND = {k.code: k for k in SUBMISSION_KINDS}
UNIT_KIND = {k.code: k for k in UNIT_KINDS}
BADGE_LAYOUT = {k.code: k for k in BADGE_LAYOUTS}


def category_label(code: str) -> str:
    """The short name of an attendee category (the one shown in lists, pages and badges' lists)."""
    return CATEGORY[code].short
