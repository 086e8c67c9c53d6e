"""The fixed choices of the notice, with their Chinese labels. A leaf module: imports nothing."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label."""

    @property
    def label(self) -> str:
        return LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class AttendeeCategory(LabelledEnum):
    """The eight attendee categories of section 四 of the notice."""

    presenter = "presenter"
    storyteller = "storyteller"
    quality_manager = "quality_manager"
    association = "association"
    executive = "executive"
    frontline = "frontline"
    award_rep = "award_rep"
    observer = "observer"


class OrganizationKind(LabelledEnum):
    enterprise = "enterprise"
    association = "association"
    group = "group"
    government = "government"


class Gender(LabelledEnum):
    male = "male"
    female = "female"


class RegistrationStatus(LabelledEnum):
    active = "active"
    cancelled = "cancelled"


class RoomType(LabelledEnum):
    single = "single"
    twin = "twin"
    shared = "shared"


class PresentationKind(LabelledEnum):
    qc = "qc"
    team = "team"
    story = "story"


class SubmissionKind(LabelledEnum):
    """The attachments a unit sends (附件三 is generated, not sent)."""

    qc = "qc"
    team = "team"
    story = "story"
    nomination = "nomination"
    application = "application"
    summary = "summary"
    statistics = "statistics"


class SubmissionStatus(LabelledEnum):
    received = "received"
    late = "late"
    accepted = "accepted"
    rejected = "rejected"


class Role(LabelledEnum):
    organiser = "organiser"
    staff = "staff"


LABELS: dict[StrEnum, str] = {
    AttendeeCategory.presenter: "优秀质量管理小组、质量信得过班组代表和成果发表者",
    AttendeeCategory.storyteller: "优秀故事作者、品牌委员和演讲者",
    AttendeeCategory.quality_manager: "企业各级质量管理人员",
    AttendeeCategory.association: "各地行业质协领导及主管人员",
    AttendeeCategory.executive: "行业企业及会员单位的经理、党委书记、工会主席、总工程师、总质量师、现场管理人员",
    AttendeeCategory.frontline: "一线员工、班组长（工段长）",
    AttendeeCategory.award_rep: "荣获质量奖企业代表",
    AttendeeCategory.observer: "质量信得过班组、质量管理小组观摩人员",
    OrganizationKind.enterprise: "企业",
    OrganizationKind.association: "行业质量协会",
    OrganizationKind.group: "企业集团",
    OrganizationKind.government: "政府主管部门",
    Gender.male: "男",
    Gender.female: "女",
    RegistrationStatus.active: "有效",
    RegistrationStatus.cancelled: "已取消",
    RoomType.single: "单间",
    RoomType.twin: "标间",
    RoomType.shared: "合住",
    PresentationKind.qc: "QC小组成果",
    PresentationKind.team: "质量信得过班组成果",
    PresentationKind.story: "质量品牌故事",
    SubmissionKind.qc: "附件一 QC小组成果",
    SubmissionKind.team: "附件二 质量信得过班组成果",
    SubmissionKind.story: "附件四 质量品牌故事",
    SubmissionKind.nomination: "附件五 优秀推进者推荐",
    SubmissionKind.application: "附件六 优秀企业、组织单位申报",
    SubmissionKind.summary: "附件七 工作总结",
    SubmissionKind.statistics: "附件八 活动概况统计表",
    SubmissionStatus.received: "按时收到",
    SubmissionStatus.late: "逾期待定",
    SubmissionStatus.accepted: "逾期已接受",
    SubmissionStatus.rejected: "未接受",
    Role.organiser: "组织者",
    Role.staff: "会务工作人员",
}

# Short labels for tables and badges, where the notice's full wording is too long.
SHORT_CATEGORY_LABELS: dict[AttendeeCategory, str] = {
    AttendeeCategory.presenter: "成果发表者",
    AttendeeCategory.storyteller: "演讲者",
    AttendeeCategory.quality_manager: "质量管理人员",
    AttendeeCategory.association: "质协代表",
    AttendeeCategory.executive: "企业领导",
    AttendeeCategory.frontline: "一线员工",
    AttendeeCategory.award_rep: "获奖企业代表",
    AttendeeCategory.observer: "观摩人员",
}
