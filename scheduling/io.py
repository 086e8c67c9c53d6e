"""JSON in and out (the formats of SCHEDULING.md).

An invalid instance raises InstanceError naming the field and the id; the CLI turns it into
exit status 2.

Beyond SCHEDULING.md, an instance may carry an optional "plenary" list (absent or [] means
none, so older files read as before): the fixed items that hold a room for part of a block,

    "plenary": [{"title": "开幕式", "room": "R01", "block": "D1-AM",
                 "start": "08:30", "end": "09:30"}]

Sessions in that room and block use only the time they leave, back to back around them, and
validate.py refuses a presentation that overlaps one ("plenary_overlap"). A previous
schedule's assignments may carry "order" (1, 2, ...): a re-solve keeps it where it can.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from scheduling.model import (
    KINDS,
    Assignment,
    Block,
    Instance,
    Pin,
    Plenary,
    Presentation,
    Room,
    Schedule,
    Unscheduled,
)

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class InstanceError(ValueError):
    """The instance is invalid: `field` is a JSON path, `item_id` the id of the element."""

    def __init__(self, field: str, item_id: str | None, message: str) -> None:
        self.field = field
        self.item_id = item_id
        self.message = message
        where = f"{field}（{item_id}）" if item_id else field
        super().__init__(f"实例无效：{where}：{message}")


def _need(
    obj: dict[str, Any], key: str, kind: type | tuple[type, ...], path: str, item_id: str | None
) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise InstanceError(f"{path}.{key}", item_id, "缺少该字段")
    value = obj[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise InstanceError(f"{path}.{key}", item_id, f"类型错误：{value!r}")
    return value


def _ids(items: list[Any], path: str) -> list[str]:
    seen: set[str] = set()
    out = []
    for i, item in enumerate(items):
        item_id = _need(item, "id", str, f"{path}[{i}]", None)
        if item_id in seen:
            raise InstanceError(f"{path}[{i}].id", item_id, "id 重复")
        seen.add(item_id)
        out.append(item_id)
    return out


def _room(data: dict[str, Any], path: str) -> Room:
    rid = data["id"]
    kinds = _need(data, "kinds", list, path, rid)
    for kind in kinds:
        if kind not in KINDS:
            raise InstanceError(f"{path}.kinds", rid, f"未知类型 {kind!r}（应为 qc/team/story）")
    capacity = _need(data, "capacity", int, path, rid)
    if capacity < 0:
        raise InstanceError(f"{path}.capacity", rid, "容量不能为负")
    return Room(rid, str(data.get("name") or rid), capacity, tuple(kinds))


def _block(data: dict[str, Any], path: str) -> Block:
    bid = data["id"]
    start = _need(data, "start", str, path, bid)
    end = _need(data, "end", str, path, bid)
    for key, value in (("start", start), ("end", end)):
        if not _HHMM.match(value):
            raise InstanceError(f"{path}.{key}", bid, f"时间格式应为 HH:MM：{value!r}")
    block = Block(bid, str(data.get("day") or ""), start, end)
    if block.length <= 0:
        raise InstanceError(f"{path}.end", bid, "结束时间必须晚于开始时间")
    return block


def _presentation(
    data: dict[str, Any], path: str, rooms: set[str], blocks: set[str]
) -> Presentation:
    pid = data["id"]
    kind = _need(data, "kind", str, path, pid)
    if kind not in KINDS:
        raise InstanceError(f"{path}.kind", pid, f"未知类型 {kind!r}（应为 qc/team/story）")
    category = _need(data, "category", str, path, pid)
    minutes = _need(data, "minutes", int, path, pid)
    if minutes <= 0:
        raise InstanceError(f"{path}.minutes", pid, "时长必须为正整数")
    presenters = _need(data, "presenters", list, path, pid)
    if not all(isinstance(p, str) and p.strip() for p in presenters):
        raise InstanceError(f"{path}.presenters", pid, "发表人必须是非空的人员 id")
    audience = data.get("audience") or 0
    if not isinstance(audience, int) or audience < 0:
        raise InstanceError(f"{path}.audience", pid, "听众人数必须为非负整数")
    unavailable = data.get("unavailable_blocks") or []
    for bid in unavailable:
        if bid not in blocks:
            raise InstanceError(f"{path}.unavailable_blocks", pid, f"未知时段 {bid!r}")
    return Presentation(
        pid,
        str(data.get("title") or ""),
        kind,
        category,
        minutes,
        tuple(p.strip() for p in presenters),
        str(data.get("organization") or ""),
        audience,
        tuple(unavailable),
        _pin(data.get("pinned"), path, pid, rooms, blocks),
    )


def _pin(data: Any, path: str, pid: str, rooms: set[str], blocks: set[str]) -> Pin | None:
    if data is None:
        return None
    room = _need(data, "room", str, f"{path}.pinned", pid)
    block = _need(data, "block", str, f"{path}.pinned", pid)
    if room not in rooms:
        raise InstanceError(f"{path}.pinned.room", pid, f"未知分会场 {room!r}")
    if block not in blocks:
        raise InstanceError(f"{path}.pinned.block", pid, f"未知时段 {block!r}")
    return Pin(room, block)


def _previous(data: Any) -> tuple[Assignment, ...] | None:
    if data is None:
        return None
    items = _need(data, "assignments", list, "previous", None)
    out = []
    for i, a in enumerate(items):
        path = f"previous.assignments[{i}]"
        order = a.get("order") or 0
        if not isinstance(order, int) or isinstance(order, bool) or order < 0:
            raise InstanceError(f"{path}.order", None, "顺序必须为非负整数")
        out.append(
            Assignment(
                _need(a, "presentation", str, path, None),
                _need(a, "room", str, path, None),
                _need(a, "block", str, path, None),
                order=order,
            )
        )
    return tuple(out)


def _plenary(data: Any, rooms: dict[str, Room], blocks: dict[str, Block]) -> tuple[Plenary, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise InstanceError("plenary", None, "应为列表")
    out = []
    for i, item in enumerate(data):
        path = f"plenary[{i}]"
        title = str(item.get("title") or "") if isinstance(item, dict) else ""
        room = _need(item, "room", str, path, title or None)
        block = _need(item, "block", str, path, title or None)
        if room not in rooms:
            raise InstanceError(f"{path}.room", title or None, f"未知分会场 {room!r}")
        if block not in blocks:
            raise InstanceError(f"{path}.block", title or None, f"未知时段 {block!r}")
        times = [_need(item, key, str, path, title or None) for key in ("start", "end")]
        for key, value in zip(("start", "end"), times, strict=True):
            if not _HHMM.match(value):
                raise InstanceError(
                    f"{path}.{key}", title or None, f"时间格式应为 HH:MM：{value!r}"
                )
        b = blocks[block]
        if not b.start <= times[0] < times[1] <= b.end:
            raise InstanceError(
                f"{path}.end", title or None, f"应在时段 {b.start}–{b.end} 之内且结束晚于开始"
            )
        out.append(Plenary(title, room, block, times[0], times[1]))
    return tuple(out)


def instance_from_dict(data: dict[str, Any]) -> Instance:
    """Parse and validate an instance; raises InstanceError naming the field and the id."""
    if not isinstance(data, dict):
        raise InstanceError("$", None, "实例必须是 JSON 对象")
    raw_rooms = _need(data, "rooms", list, "$", None)
    raw_blocks = _need(data, "blocks", list, "$", None)
    raw_pres = _need(data, "presentations", list, "$", None)
    room_ids = set(_ids(raw_rooms, "rooms"))
    block_ids = set(_ids(raw_blocks, "blocks"))
    _ids(raw_pres, "presentations")
    rooms = tuple(_room(r, f"rooms[{i}]") for i, r in enumerate(raw_rooms))
    blocks = tuple(_block(b, f"blocks[{i}]") for i, b in enumerate(raw_blocks))
    pres = tuple(
        _presentation(p, f"presentations[{i}]", room_ids, block_ids) for i, p in enumerate(raw_pres)
    )
    return Instance(
        str(data.get("name") or ""),
        rooms,
        blocks,
        pres,
        str(data.get("timezone") or "Asia/Shanghai"),
        _previous(data.get("previous")),
        _plenary(data.get("plenary"), {r.id: r for r in rooms}, {b.id: b for b in blocks}),
    )


def load_instance(path: str | Path) -> Instance:
    """Read an instance file; raises InstanceError (also for unreadable JSON)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InstanceError("$", None, f"无法读取实例文件：{exc}") from exc
    return instance_from_dict(data)


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The instance in the JSON form of SCHEDULING.md."""

    def pres(p: Presentation) -> dict[str, Any]:
        d = asdict(p)
        d["presenters"] = list(p.presenters)
        d["unavailable_blocks"] = list(p.unavailable_blocks)
        return d

    previous = None
    if instance.previous is not None:
        previous = {
            "assignments": [
                {"presentation": a.presentation, "room": a.room, "block": a.block}
                | ({"order": a.order} if a.order else {})
                for a in instance.previous
            ]
        }
    out = {
        "name": instance.name,
        "timezone": instance.timezone,
        "rooms": [dict(asdict(r), kinds=list(r.kinds)) for r in instance.rooms],
        "blocks": [asdict(b) for b in instance.blocks],
        "presentations": [pres(p) for p in instance.presentations],
        "previous": previous,
    }
    if instance.plenary:
        out["plenary"] = [asdict(item) for item in instance.plenary]
    return out


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    """The schedule in the JSON form of SCHEDULING.md plus the "explanation" key."""
    explanation = None
    if schedule.explanation:
        explanation = {"conflicts": [_drop_none(asdict(c)) for c in schedule.explanation]}
    return {
        "assignments": [asdict(a) for a in schedule.assignments],
        "unscheduled": [asdict(u) for u in schedule.unscheduled],
        "stats": asdict(schedule.stats) if schedule.stats else None,
        "explanation": explanation,
    }


def schedule_from_dict(data: dict[str, Any]) -> Schedule:
    """Read a schedule back (stats and explanation are not restored)."""
    assignments = tuple(
        Assignment(
            a["presentation"],
            a["room"],
            a["block"],
            a.get("start", ""),
            a.get("end", ""),
            a.get("order", 0),
        )
        for a in data.get("assignments", [])
    )
    unscheduled = tuple(
        Unscheduled(u["presentation"], u.get("reason", "")) for u in data.get("unscheduled", [])
    )
    return Schedule(assignments, unscheduled)


def dump_schedule(schedule: Schedule, path: str | Path) -> None:
    """Write the schedule as UTF-8 JSON (Chinese unescaped, stable key order)."""
    text = json.dumps(schedule_to_dict(schedule), ensure_ascii=False, indent=1)
    Path(path).write_text(text + "\n", encoding="utf-8")
