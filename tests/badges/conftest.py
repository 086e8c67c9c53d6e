from __future__ import annotations

import pytest

from badges import Badge, Meeting

MEETING_NAME = "第四十次全国机械工业质量信得过班组、质量管理小组和质量品牌故事交流活动"


@pytest.fixture(scope="session")
def meeting() -> Meeting:
    return Meeting(MEETING_NAME, "2021年8月18日—20日")


def make_badge(number: int, name: str, unit: str = "中国一重集团有限公司", **kwargs) -> Badge:
    fields = {
        "category": "quality_manager",
        "role_label": "",
        "token": f"QC40-{number:04d}-7f3a9c",
        "room_lines": (),
    }
    fields.update(kwargs)
    return Badge(number=f"{number:04d}", name=name, unit=unit, **fields)


BATCH = [
    make_badge(1, "王伟", category="presenter", room_lines=("第二分会场 · 8月18日 14:20",)),
    make_badge(2, "黄雅静", "中国机械工业质量管理协会", category="storyteller"),
    make_badge(3, "欧阳明轩", "徐工集团工程机械股份有限公司", category="judge"),
    make_badge(4, "李娜", "三一重工股份有限公司", category="observer"),
    make_badge(5, "张建国", "潍柴动力股份有限公司", category="staff"),
    make_badge(6, "赵敏", "哈尔滨电气集团有限公司", category="award_rep"),
]
