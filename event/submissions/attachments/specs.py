"""The attachments of notice 中机质协[2021]08号, field by field, in the forms' own words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from event import notice
from event.submissions.attachments.fields import Field as F

QC_RESULT_TYPES = ("现场型", "攻关型", "管理型", "服务型", "创新型")
TEAM_TYPES_DEFAULT = ("现场型", "管理型", "服务型")
STORY_CONTENT = ("品牌战略", "品牌体系", "品牌传播", "风险防范", "方法途径", "品牌文化")
STORY_BRAND = ("产品", "企业", "团队", "个人")
GENDERS = ("男", "女")
APPLICANT_KINDS = ("优秀企业", "优秀组织单位")
UNIT_KINDS = tuple(k.label for k in notice.UNIT_KINDS)


@dataclass(frozen=True, slots=True)
class Attachment:
    """One attachment: its number and title in the notice, and its fields in order."""

    kind: str
    number: str
    title: str
    fields: tuple[F, ...]
    title_fields: tuple[str, ...]  # what names the submission in lists
    category_field: str | None = None
    presented_field: str | None = None

    @classmethod
    def of(
        cls,
        kind: str,
        fields: tuple[F, ...],
        *,
        title_fields: tuple[str, ...],
        category_field: str | None = None,
        presented_field: str | None = None,
    ) -> Attachment:
        """The attachment of this submission kind, numbered and titled as in the notice."""
        record = notice.SUBMISSION_KIND[kind]
        return cls(
            kind,
            record.number,
            record.form_title,
            fields,
            title_fields,
            category_field,
            presented_field,
        )

    def field(self, name: str) -> F:
        return next(f for f in self.fields if f.name == name)


ORG = F("organization", "企业名称", required=True, help="与单位公章一致的全称")
PRESENTED = F("presented", "会上是否发表", "bool", help="填“是”的成果在会上发表并排入日程")
PRESENTER = (
    F("presenter_name", "发表人", max_length=50, help="会上发表者姓名（可后补）"),
    F("presenter_mobile", "发表人手机", "mobile"),
)

QC = Attachment.of("qc", (
    F("group_name", "QC小组名称", required=True, max_length=100),
    F("topic", "课题名称", required=True),
    PRESENTED,
    ORG,
    F("result_type", "成果类型", "choice", required=True, choices=QC_RESULT_TYPES,
      help="问题解决型（现场型、攻关型、管理型、服务型）或创新型"),
    F("address", "详细通讯地址", required=True),
    F("postcode", "邮编", "postcode", required=True),
    F("contact_department", "小组联系部门", max_length=100),
    F("contact_name", "联系人", required=True, max_length=50),
    F("contact_mobile", "手机", "mobile", required=True),
    F("advisor", "小组活动指导者", max_length=50),
    F("advisor_phone", "联系电话", "phone"),
    F("group_size", "小组人数", "int", required=True, minimum=1, maximum=100),
    F("description", "小组简介及主要活动过程与效果", "textarea", max_length=5000),
    *PRESENTER,
), title_fields=("group_name", "topic"), category_field="result_type", presented_field="presented")  # fmt: skip

TEAM_PARTS = (
    "班组成员组成，班组职责，主要工作内容、班组文化和愿景",
    "班组基础管理情况",
    "班组成员专业知识、技能培训、工具方法应用能力",
    "班组质量改进和创新能力",
    "班组管理特色、业绩及评价结果",
    "班组创建目标达成情况",
    "近三年取得荣誉情况，包括班组集体和个人荣誉等",
)

TEAM = Attachment.of("team", (
    F("team_name", "质量信得过班组名称", required=True, max_length=100),
    PRESENTED,
    ORG,
    F("address", "详细通讯地址", required=True),
    F("postcode", "邮编", "postcode", required=True),
    F("contact_department", "联系部门", max_length=100),
    F("phone", "电话", "phone"),
    F("fax", "传真", "phone"),
    F("contact_name", "联系人", required=True, max_length=50),
    F("contact_mobile", "手机", "mobile", required=True),
    F("email", "邮箱", "email", max_length=254),
    F("leader", "班组长", required=True, max_length=50),
    F("team_size", "班组人数", "int", required=True, minimum=1, maximum=500),
    F("team_type", "班组类型", "choice", required=True, choices=TEAM_TYPES_DEFAULT),
    F("completion_rate", "班组工作完成率%", "percent"),
    F("first_pass_rate", "产品/服务一次合格率%", "percent"),
    F("complaints", "年顾客投诉数", "int", minimum=0),
    F("incidents", "年质量、安全事故数", "int", minimum=0),
    F("participation_rate", "成员参与改进活动率%", "percent"),
    F("training_people", "年培训人数", "int", minimum=0),
    F("training_hours", "年培训时长（小时）", "decimal", minimum=0),
    *(F(f"part{i}", f"{i}. {text}", "textarea", max_length=3000) for i, text in enumerate(TEAM_PARTS, 1)),
    *PRESENTER,
), title_fields=("team_name",), category_field="team_type", presented_field="presented")  # fmt: skip

SPEAKER = (
    "speaker_name",
    "speaker_gender",
    "speaker_position",
    "speaker_mobile",
    "speaker_email",
    "speaker_wechat",
)

STORY = Attachment.of("story", (
    F("title", "故事名称", required=True),
    F("organization", "推荐单位名称", required=True, help="与单位公章一致的全称"),
    F("address_postcode", "地址及邮编"),
    F("contact_name", "联系人姓名", required=True, max_length=50),
    F("contact_mobile", "联系人手机", "mobile", required=True),
    F("contact_position", "部门职务", max_length=100),
    F("contact_email", "邮箱", "email", max_length=254),
    F("content_category", "内容类别", "choice", required=True, choices=STORY_CONTENT),
    F("brand_type", "品牌类型", "choice", required=True, choices=STORY_BRAND),
    F("summary", "故事主要特色简介", "textarea", required=True, max_length=200, help="200字以内"),
    F("speaker_name", "演讲人", max_length=50, help="拟参会演讲时填写本栏"),
    F("speaker_gender", "演讲人性别", "choice", choices=GENDERS),
    F("speaker_position", "演讲人部门职务", max_length=100),
    F("speaker_mobile", "演讲人手机", "mobile"),
    F("speaker_email", "演讲人邮箱", "email", max_length=254),
    F("speaker_wechat", "演讲人微信", max_length=64),
    F("opinion", "推荐部门意见", "textarea", max_length=500),
), title_fields=("title",), category_field="content_category")  # fmt: skip

NOMINATION = Attachment.of("nomination", (
    F("organization", "推荐单位名称", required=True),
    F("contact", "单位联系人", required=True, max_length=50),
    F("contact_phone", "联系人电话", "phone", required=True),
    F("nominee_name", "被推荐人姓名", required=True, max_length=50),
    F("nominee_gender", "性别", "choice", required=True, choices=GENDERS),
    F("nominee_position", "部门及岗位", required=True, max_length=100),
    F("achievements", "被推荐人工作业绩、参加机械工业各次交流及成绩介绍", "textarea", required=True, max_length=5000),
    F("declared_years", "自2016年以来参加交流活动的年份", help="如 2016、2018、2019；无系统记录时供组织者核实"),
), title_fields=("nominee_name",))  # fmt: skip

APPLICATION = Attachment.of("application", (
    F("applicant_kind", "申报类别", "choice", required=True, choices=APPLICANT_KINDS),
    F("organization", "申报单位名称", required=True),
    F("organization_kind", "单位类型", "choice", required=True, choices=UNIT_KINDS,
      help="优秀组织单位应为行业质量协会、企业集团或政府主管部门（行业办）"),
    F("address", "详细通讯地址", required=True),
    F("postcode", "邮编", "postcode", required=True),
    F("contact", "联系人", required=True, max_length=50),
    F("contact_phone", "联系电话", "phone", required=True),
    F("experience", "推进经验、事迹简介", "textarea", required=True, max_length=5000),
    F("recommender", "推荐单位"),
), title_fields=("organization",), category_field="applicant_kind")  # fmt: skip

SUMMARY = Attachment.of("summary", (
    F("organization", "单位名称", required=True),
    F("contact", "联系人", max_length=50),
    F("contact_phone", "联系电话", "phone"),
    F("basic_1", "一、基本情况 1. 年度小组活动开展的整体情况、重点创新工作等", "textarea", required=True, max_length=5000),
    F("basic_2", "一、基本情况 2. 成果发表会情况", "textarea", max_length=5000),
    F("experience_1", "二、推进经验和做法 1. 推进活动过程中采取的特色做法、措施和取得的效果", "textarea", required=True, max_length=5000),
    F("experience_2", "二、推进经验和做法 2. 组织宣贯《质量信得过班组建设规范》《质量管理小组活动准则》的相关活动和效果", "textarea", max_length=5000),
    F("experience_3", "二、推进经验和做法 3. 本企业、集团开展小组活动的突出事迹", "textarea", max_length=5000),
    F("problems_1", "三、存在问题及改进方向 1. 年度活动推进存在的问题或遇到的困难", "textarea", required=True, max_length=5000),
    F("problems_2", "三、存在问题及改进方向 2. 未来改进方向和拟采取的措施", "textarea", max_length=5000),
    F("problems_3", "三、存在问题及改进方向 3. 需要中机质协支持或对今后活动推进的建议", "textarea", max_length=5000),
), title_fields=("organization",))  # fmt: skip


class _Number(TypedDict):
    """The kind and lower bound shared by the statistics' counts and sums of money."""

    kind: str
    minimum: float


COUNT: _Number = {"kind": "int", "minimum": 0}
MONEY: _Number = {"kind": "decimal", "minimum": 0}
STATISTICS = Attachment.of("statistics", (
    F("organization", "填报单位", required=True),
    F("contact", "联系人", required=True, max_length=50),
    F("contact_phone", "电话", "phone", required=True),
    F("registered_team_total", "历年来已登记注册累计数：信得过班组（个）", required=True, **COUNT),
    F("registered_qc_total", "历年来已登记注册累计数：QC小组（个）", required=True, **COUNT),
    F("registered_team_year", "本年度已登记注册数：信得过班组（个）", required=True, **COUNT),
    F("registered_qc_year", "本年度已登记注册数：QC小组（个）", required=True, **COUNT),
    F("participants", "参加活动人数（含信组、QC、合理化建议等）", required=True, **COUNT),
    F("employees", "职工总数", required=True, kind="int", minimum=1),
    F("participation_rate", "本年度普及率%", "percent", help="可不填：由参加活动人数 / 职工总数 × 100% 计算"),
    F("active_team", "本年度坚持活动的小组数：信组（个）", **COUNT),
    F("active_qc", "本年度坚持活动的小组数：QC（个）", **COUNT),
    F("benefit_total", "历年来累计可计算的经济效益（万元）", **MONEY),
    F("benefit_year", "本年度可计算的经济效益（万元）", **MONEY),
    F("team_results", "本年度取得成果小组数：信组（个）", **COUNT),
    F("qc_results", "本年度取得成果小组数：QC（个）", **COUNT),
    F("team_result_rate", "本年度成果率：信组%", "percent", help="可不填：由取得成果小组数 / 信得过班组注册数 × 100% 计算"),
    F("qc_result_rate", "本年度成果率：QC%", "percent", help="可不填：由取得成果小组数 / QC小组注册数 × 100% 计算"),
    F("funding_team", "本年度活动经费投入：信组（万元）", **MONEY),
    F("funding_qc", "本年度活动经费投入：QC（万元）", **MONEY),
    F("rewards_team", "本年度企业对活动奖励费用：信组（万元）", **MONEY),
    F("rewards_qc", "本年度企业对活动奖励费用：QC（万元）", **MONEY),
    F("training_sessions", "培训交流次数", **COUNT),
    F("training_people", "培训交流人数", **COUNT),
    F("features", "本年度QC小组活动主要特点与建议", "textarea", max_length=3000),
    F("management_department", "群众性质量活动管理部门", max_length=100),
    F("management_contact", "管理部门联系人", max_length=50),  # the notice's second 联系人
    F("mobile", "手机", "mobile"),
    F("fax", "传真", "phone"),
    F("email", "邮箱或QQ", max_length=254),
    F("address", "通信地址"),
    F("postcode", "邮编", "postcode"),
), title_fields=("organization",))  # fmt: skip

ATTACHMENTS: dict[str, Attachment] = {
    a.kind: a for a in (QC, TEAM, STORY, NOMINATION, APPLICATION, SUMMARY, STATISTICS)
}
