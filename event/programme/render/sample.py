"""A deterministic synthetic programme of the full event's size, for tests, benchmarks and demos.

Shape (domain-practice §6): D1 opening in the 主会场 then parallel 分会场; D2 分会场 all day;
D3 brand stories and the closing ceremony. Nothing here is real: names and units are made up.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from event.programme.render.dates import BEIJING
from event.programme.render.model import PRESENTATION, SPEECH, AgendaItem, Delegate, Programme, Room

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔卜刁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红斌鹏辉玲海波宇浩凯文晨阳雪梅林峰鑫"
COMPANIES = (
    "中国第一重型机械集团", "徐工集团工程机械", "三一重工", "潍柴动力", "东方电气集团东方汽轮机",
    "哈尔滨电气集团", "上海电气集团", "中车株洲电力机车", "一汽解放汽车", "东风商用车",
    "中联重科", "柳工机械", "沈阳鼓风机集团", "大连重工", "太原重工", "西安西电开关电气",
    "中国船舶重工集团第七一二研究所", "广西玉柴机器", "陕西法士特齿轮", "洛阳LYC轴承",
    "许继电气", "山推工程机械", "杭州汽轮机", "江铃汽车", "北汽福田汽车", "宇通客车",
    "上汽通用五菱", "长城汽车", "中国兵器工业集团内蒙古北方重工业", "郑州煤矿机械集团",
)  # fmt: skip
SUFFIXES = ("股份有限公司", "有限公司", "有限责任公司", "集团有限公司")
VERBS = ("降低", "提高", "缩短", "减少", "提升")
OBJECTS = (
    "焊接缺陷率", "装配一次合格率", "齿轮加工周期", "涂装返修率", "铸件气孔缺陷",
    "电机装配工时", "液压阀泄漏率", "叶片加工精度超差率", "发动机试车故障率", "螺栓拧紧不合格率",
)  # fmt: skip
ROOM_NAMES = ("主会场", *(f"第{n}分会场" for n in "一二三四五六七八"))
CATEGORIES = ("质量管理小组", "质量信得过班组")
ORGANISERS = (
    "中国机械工业质量管理协会",
    "中国机械冶金建材工会全国委员会",
    "中国机械工业职工思想政治工作研究会",
)


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=BEIJING)


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _units(rng: random.Random, count: int) -> list[str]:
    units = [f"{c}{s}" for c in COMPANIES for s in SUFFIXES]
    rng.shuffle(units)
    return units[:count]


BLOCKS = ((0, 9, 45, 12, 0), (0, 14, 0, 17, 30), (1, 8, 30, 12, 0), (1, 14, 0, 17, 30))
SLOT = 15  # minutes per presentation, including the change-over minute


class _Builder:
    """Collects AgendaItems for one synthetic event; each method adds one part of it."""

    def __init__(self, rng: random.Random, days: list[date]) -> None:
        self.rng = rng
        self.days = days
        self.stamp = _at(days[0] - timedelta(days=10), 9, 0)
        self.units = _units(rng, 110)
        self.items: list[AgendaItem] = []

    def add(self, uid: str, title: str, start: datetime, minutes: int, **kw: object) -> None:
        end = start + timedelta(minutes=minutes)
        self.items.append(AgendaItem(uid, title, start, end, self.stamp, **kw))  # type: ignore[arg-type]

    def plenary(self) -> None:
        d0 = self.days[0] - timedelta(days=1)
        self.add("d0-reg", "报到，领取会议资料，提交发表课件", _at(d0, 9, 0), 600,
                 kind="registration", room_name="酒店大堂报到处", host="会务组")  # fmt: skip
        self.add("d1-open", "开幕式：领导致辞，工作报告", _at(self.days[0], 8, 30), 60,
                 kind="ceremony", room_name="主会场", host="协会领导")  # fmt: skip
        self.add("d3-close", "优秀成果发表演示及总结表彰大会", _at(self.days[2], 10, 45), 75,
                 kind="ceremony", room_name="主会场", host="协会会长")  # fmt: skip
        self.add(
            "d3-lunch", "午餐", _at(self.days[2], 12, 0), 60, kind="meal", room_name="酒店餐厅"
        )

    def room(self, r: int, room: str, first: int, count: int) -> None:
        """The four half-day sessions of one 分会场 and ``count`` presentations in them."""
        host, category = _name(self.rng), CATEGORIES[0] if r < 5 else CATEGORIES[1]
        slots = []
        for b, (d, h1, m1, h2, m2) in enumerate(BLOCKS):
            start, end = _at(self.days[d], h1, m1), _at(self.days[d], h2, m2)
            half = "上午" if h1 < 12 else "下午"
            self.add(f"s-{r}-{b}", f"分会场成果发表（{half}）", start, (end - start).seconds // 60,
                     kind="session", room_name=room, host=host)  # fmt: skip
            slots += [
                start + timedelta(minutes=SLOT * i)
                for i in range((end - start) // timedelta(minutes=SLOT))
            ]
        team = "QC小组" if category == CATEGORIES[0] else "班组"
        for number, t in enumerate(slots[:count], start=1):
            rng = self.rng
            self.add(f"p-{first + number:03d}", f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}", t, SLOT - 1,
                     kind=PRESENTATION, category=category, room_name=room, order=number,
                     team=f"{rng.choice(OBJECTS)[:2]}攻关{team}", organization=rng.choice(self.units),
                     presenters=tuple(_name(rng) for _ in range(rng.choice((1, 1, 2)))))  # fmt: skip

    def stories(self, speeches: int) -> None:
        t = _at(self.days[2], 8, 30)
        self.add("d3-stories", "质量品牌故事演讲", t, 10 * speeches, kind="session",
                 room_name="主会场", host=_name(self.rng))  # fmt: skip
        for s in range(speeches):
            self.add(f"story-{s + 1:02d}", f"质量品牌故事：匠心{self.rng.choice(OBJECTS)[:2]}",
                     t + timedelta(minutes=10 * s), 10, kind=SPEECH, category="质量品牌故事",
                     room_name="主会场", order=s + 1, organization=self.rng.choice(self.units),
                     presenters=(_name(self.rng),))  # fmt: skip


def synthetic_programme(
    *, presentations: int = 352, speeches: int = 13, delegates: int = 650, seed: int = 40
) -> Programme:
    """The full-size event: 9 rooms, 3 days, ~365 presentations and ~650 delegates."""
    rng = random.Random(seed)
    days = [date(2021, 8, 18) + timedelta(days=i) for i in range(3)]
    build = _Builder(rng, days)
    build.plenary()
    rooms = ROOM_NAMES[1:]
    per_room = -(-presentations // len(rooms))
    for r, room in enumerate(rooms):
        first = r * per_room
        build.room(r, room, first, max(0, min(per_room, presentations - first)))
    build.stories(speeches)
    people = [Delegate(_name(rng), rng.choice(build.units[:100])) for _ in range(delegates)]
    return Programme(
        name="全国机械工业质量信得过班组、质量管理小组和质量品牌故事交流活动",
        edition="第四十届",
        organisers=ORGANISERS,
        start_date=days[0],
        end_date=days[-1],
        venue=None,
        items=tuple(sorted(build.items, key=lambda i: (i.start, i.uid))),
        rooms=tuple(Room(n, location=f"会议中心{i + 1}号厅") for i, n in enumerate(ROOM_NAMES)),
        delegates=tuple(people),
        notes=("请代表凭代表证出席会议及用餐。", "发表人请于发表前一天将课件拷贝至所在分会场。"),
    )
