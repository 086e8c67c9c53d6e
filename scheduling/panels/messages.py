"""Chinese sentences for the panel rules that cannot hold, with the people and counts."""

from __future__ import annotations

from scheduling.panels.model import (
    KIND_LABELS,
    Judge,
    PanelConflict,
    PanelInstance,
    PanelRules,
    Session,
    eligible,
)

SHOWN = 8  # names listed before "等 N 名"


def names(judges: list[Judge]) -> str:
    """'张三、李四' (at most SHOWN names, then '等 N 名')."""
    shown = "、".join(j.name for j in judges[:SHOWN])
    return shown if len(judges) <= SHOWN else f"{shown}等 {len(judges)} 名"


def rules_text(rules: PanelRules) -> str:
    odd = "且为奇数" if rules.odd else ""
    return f"{rules.min_judges}–{rules.max_judges} 名{odd}"


def no_size(rules: PanelRules) -> PanelConflict:
    text = f"评委人数须为 {rules_text(rules)}，没有符合要求的人数，请修改评委组规则"
    return PanelConflict("size", text)


def _kind(session: Session) -> str:
    return KIND_LABELS.get(session.kind, session.kind)


def short_of_judges(inst: PanelInstance, session: Session) -> PanelConflict:
    """The session has fewer eligible judges than the smallest allowed panel."""
    able = [j for j in inst.judges if eligible(j, session)]
    own = [j for j in inst.judges if j.unit in session.units]
    unqualified = [
        j for j in inst.judges if session.kind not in j.kinds and j.unit not in session.units
    ]
    need = min(inst.rules.sizes())
    text = (
        f"{session.label}（{_kind(session)}）需要至少 {need} 名评委，但可评「{_kind(session)}」"
        f"且与本场发表单位无利益冲突的评委只有 {len(able)} 名"
        + (f"（{names(able)}）" if able else "")
        + f"；另有 {len(own)} 名来自本场发表单位"
        + (f"（{names(own)}）" if own else "")
        + f"，{len(unqualified)} 名未获该类资格"
    )
    return PanelConflict("size", text, session.id)


def no_leader(inst: PanelInstance, session: Session) -> PanelConflict:
    """No eligible judge of the session may lead."""
    able = [j for j in inst.judges if eligible(j, session)]
    text = (
        f"{session.label} 须有一名组长，但可评该场且无利益冲突的 {len(able)} 名评委中"
        "没有可任组长的评委"
    )
    return PanelConflict("leader", text, session.id)


def concurrent(
    inst: PanelInstance, moment: str, group: list[Session], need: int, able: list[Judge], what: str
) -> PanelConflict:
    """Sessions at one moment need more (leading) judges than can sit in any of them."""
    rooms = "、".join(s.room for s in group)
    text = (
        f"{moment} 同时进行 {len(group)} 个场次（{rooms}），至少共需 {need} 名{what}，"
        f"但能参加其中任一场的{what}只有 {len(able)} 名；一名评委不能同时在两个会场"
    )
    rule = "overlap" if what == "评委" else "leader"
    return PanelConflict(rule, text)


def pin_text(inst: PanelInstance, judge: str, session: str, why: str) -> PanelConflict:
    """A pin that breaks a rule on its own (unknown ids too)."""
    who = inst.judge(judge).label if inst.has_judge(judge) else f"不存在的评委 {judge}"
    where = inst.session(session).label if inst.has_session(session) else f"不存在的场次 {session}"
    return PanelConflict("pin", f"{who} 被固定在 {where}，但{why}", session, judge)


def joint(inst: PanelInstance, sessions: list[Session], moments: list[str]) -> PanelConflict:
    """A conflict found by the solver only: the sessions and moments it involves, and, when
    those sessions run at once, the few judges they all depend on."""
    where = "、".join(s.label for s in sessions) or "各场次"
    when = f"（同时进行的时段：{'、'.join(moments)}）" if moments else ""
    able = [j for j in inst.judges if any(eligible(j, s) for s in sessions)]
    need = min(inst.rules.sizes()) * len(sessions)
    at_once = all(a.overlaps(b) for a in sessions for b in sessions if a is not b)
    if sessions and at_once and len(able) < need:
        text = (
            f"{where} 同时进行，至少共需 {need} 名评委，但能评其中任一场"
            f"（有资格且无利益冲突）的评委只有 {len(able)} 名（{names(able)}）"
        )
    else:
        text = (
            f"{where}{when}各自都有足够的可用评委，但合在一起无法同时满足人数、组长、利益回避"
            "和不得同时出现在两个会场的规则"
        )
    return PanelConflict("joint", text, sessions[0].id if len(sessions) == 1 else None)
