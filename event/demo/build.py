"""`qcconf demo`: a synthetic, realistic event (domain-practice §7). Seeded, so runs repeat."""

from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from event.current import EventInfo, current_event
from event.demo.judges import load_judges
from event.demo.pools import (
    BLOCKS,
    BRANDS,
    COMPOUND_SURNAMES,
    DEPARTMENTS,
    GIVEN,
    INDUSTRIES,
    PLENARY,
    POSITIONS,
    PROVINCES,
    ROOMS,
    SIZES,
    SUFFIXES,
    SURNAMES,
    UNITS,
)  # fmt: skip
from event.demo.submissions import load_submissions
from event.enums import OrganizationKind, RegistrationStatus, Role, RoomType
from event.programme import agenda_items
from event.registration import service as registrations
from event.session import database
from event.settings import load_settings
from event.tables import Block, Event, Organization, Person, Room
from event.validators import CREDIT_ALPHABET, credit_check_char

EVENT_NAME = "第40次全国机械工业质量管理小组、质量信得过班组、质量品牌故事演讲交流活动"
ORGANISERS = (
    "中国机械工业质量管理协会\n中国机械冶金建材工会全国委员会\n中国机械工业职工思想政治工作研究会"
)
# Invented for the demo: the notice says 具体时间地点另行通知. Organisers edit them in 会议设置.
DEMO_VENUE = "（演示数据）洛阳市国际会议中心"


def demo_dates(today: date) -> tuple[date, date]:
    """(first meeting day, material deadline): a Wednesday about nine weeks ahead, and the
    deadline five weeks before it, so the demo can be tried out as a live event."""
    start = today + timedelta(days=63)
    start += timedelta(days=(2 - start.weekday()) % 7)
    return start, start - timedelta(days=35)


def credit_code(rng: random.Random, kind_prefix: str, region: str) -> str:
    body = "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
    first17 = f"{kind_prefix}{region}{body}"
    return first17 + credit_check_char(first17)


def person_name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))


def _units(rng: random.Random, size: str) -> list[dict]:
    n_enterprises, n_organising, n_provinces = UNITS[size]
    provinces = rng.sample(PROVINCES, n_provinces)
    units: list[dict] = []
    names: set[str] = set()
    while len(units) < n_enterprises:
        prov, region, post, city = rng.choice(provinces)
        name = f"{city}{rng.choice(BRANDS)}{rng.choice(INDUSTRIES)}{rng.choice(SUFFIXES)}"
        if name not in names:
            names.add(name)
            units.append(
                _unit(rng, name, OrganizationKind("enterprise"), "91", prov, region, post, city)
            )
    for prov, region, post, city in provinces[:n_organising]:
        kind = rng.choice(
            (OrganizationKind("association"),) * 3
            + (OrganizationKind("group"), OrganizationKind("government"))
        )
        name = {
            OrganizationKind("association"): f"{prov}机械工业质量管理协会",
            OrganizationKind(
                "group"
            ): f"中国{rng.choice(BRANDS)}{rng.choice(INDUSTRIES)}集团有限公司",
            OrganizationKind("government"): f"{prov}机械工业行业办公室",
        }[kind]
        if name not in names:
            names.add(name)
            prefix = {"association": "51", "group": "91", "government": "11"}[kind.value]
            units.append(_unit(rng, name, kind, prefix, prov, region, post, city))
    return units


def _unit(rng, name, kind, prefix, prov, region, post, city) -> dict:
    return {
        "name": name, "kind": kind.value, "province": prov,
        "address": f"{city}市{rng.choice(('经济技术开发区', '高新区', '工业园区'))}{rng.randint(1, 299)}号",
        "postcode": f"{post}{rng.randint(0, 9999):04d}", "credit_code": credit_code(rng, prefix, region),
    }  # fmt: skip


def _people(rng: random.Random, size: str, units: list[dict]) -> list[dict]:
    enterprises = [u for u in units if u["kind"] == "enterprise"]
    organising = [u for u in units if u["kind"] != "enterprise"] or enterprises
    mobiles: set[str] = set()
    people = []
    for category, count in SIZES[size].items():
        pool = organising if category == "association" else enterprises
        for _ in range(count):
            mobile = f"1{rng.choice('3456789')}{rng.randint(0, 10**9 - 1):09d}"
            while mobile in mobiles:
                mobile = f"1{rng.choice('3456789')}{rng.randint(0, 10**9 - 1):09d}"
            mobiles.add(mobile)
            people.append({"category": category, "unit": rng.choice(pool)["name"], "mobile": mobile,
                           "name": person_name(rng), "gender": rng.choice(("male", "male", "female")),
                           "department": rng.choice(DEPARTMENTS), "position": rng.choice(POSITIONS[category])})  # fmt: skip
    return people


async def load_demo(size: str, *, if_empty: bool = False, seed: int = 40) -> int:
    """Fill the configured database with the demo event. Returns the exit status."""
    from event.migrate import migrate_async

    await migrate_async()
    async with database():
        if await Event.exists():
            if if_empty:
                print("数据库中已有会议，跳过演示数据。")
                return 0
            print("数据库中已有会议；演示数据只能载入空数据库（可删除 var/ 后重试）。")
            return 2
        rng = random.Random(seed)
        await _fill(rng, size)
        await load_submissions(rng, size, await current_event())
        await load_judges(random.Random(seed + 16), size, (await current_event()).id)
        await _plenary(await current_event())
        await _accounts()
    return 0


async def _fill(rng: random.Random, size: str) -> None:
    now = datetime.now(UTC)
    start, deadline = demo_dates(now.date())
    event_id = (await Event.insert(Event(
        name=EVENT_NAME, edition="第40次", notice_number="中机质协[2021]08号", organisers=ORGANISERS,
        material_deadline=deadline, starts_on=start, ends_on=start + timedelta(days=2),
        venue=DEMO_VENUE, timezone="Asia/Shanghai",
    )).returning(Event.id))[0]["id"]  # fmt: skip
    await Room.insert(
        *[Room(event=event_id, name=n, capacity=c, kinds=list(k)) for n, c, k in ROOMS[size]]
    )
    units = _units(rng, size)
    rows = await Organization.insert(*[Organization(**u, created_at=now) for u in units]).returning(
        Organization.id, Organization.name
    )
    org_ids = {r["name"]: r["id"] for r in rows}
    people = _people(rng, size, units)
    person_rows = await Person.insert(*[
        Person(name=p["name"], gender=p["gender"], organization=org_ids[p["unit"]], department=p["department"],
               position=p["position"], mobile=p["mobile"], email=f"demo{p['mobile'][-6:]}@example.com",
               created_at=now)
        for p in people
    ]).returning(Person.id, Person.mobile)  # fmt: skip
    person_ids = {r["mobile"]: r["id"] for r in person_rows}
    await registrations.bulk_insert(
        event_id, [_registration(rng, person_ids[p["mobile"]], p, start) for p in people]
    )
    await Block.insert(*[
        Block(event=event_id, code=code, day=start + timedelta(days=offset), start=time.fromisoformat(a),
              end=time.fromisoformat(b), label=label, key=f"{event_id}:{code}")
        for code, offset, a, b, label in BLOCKS[size]
    ])  # fmt: skip
    print(f"已载入演示会议：{len(units)}个单位，{len(people)}名代表，{len(ROOMS[size])}个会场。")


def _registration(
    rng: random.Random, person_id: int, p: dict, start: date
) -> tuple[int, dict[str, Any], bool]:
    cancelled = rng.random() < 0.02
    needs_room = rng.random() < 0.8
    arrival = start - timedelta(days=1)
    return person_id, dict(
        category=p["category"],
        status=(RegistrationStatus.cancelled if cancelled else RegistrationStatus.active).value,
        arrival_date=arrival, arrival_transport=rng.choice(("G", "D", "CA", "MU", "CZ")) + str(rng.randint(100, 9999)),
        needs_room=needs_room, room_type=rng.choice(list(RoomType)).value if needs_room else None,
        check_in=arrival if needs_room else None, check_out=start + timedelta(days=2) if needs_room else None,
        dietary=rng.choice(("", "", "", "", "清真", "素食")),
    ), not cancelled  # fmt: skip


async def _plenary(event: EventInfo) -> None:
    """The fixed programme around the sessions: 报到 the day before, opening, meals, awards."""
    assert event.starts_on is not None
    found = await Room.select(Room.id, Room.name).where(Room.event == event.id)
    rooms = {r["name"]: r["id"] for r in found}  # the demo's places that are rooms
    for offset, start, end, title, kind, location, host in PLENARY:
        form = agenda_items.ItemForm(
            day=event.starts_on + timedelta(days=offset), start=time.fromisoformat(start),
            end=time.fromisoformat(end), title=title, kind=kind, host=host,
            room=rooms.get(location), location="" if location in rooms else location,
        )  # fmt: skip
        await agenda_items.add(event.id, form, event.timezone)


async def _accounts() -> None:
    """Demo logins with random passwords, printed and kept in var/demo-accounts.txt."""
    from event.admin.accounts import add_account

    lines = []
    for username, role in (("organiser", Role.organiser), ("desk", Role.staff)):
        password = secrets.token_urlsafe(9)
        await add_account(username, password, role)
        lines.append(f"{username}\t{password}\t{role.label}")
    path = load_settings().data_dir / "demo-accounts.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)  # the passwords: for the owner only
    print("演示账号（用户名 / 密码）：\n" + "\n".join(lines) + f"\n已保存到 {path}")
