"""Verified unit contacts: claim → approve → code from the local mailbox → the unit's pages;
a stranger who knows the unit's name sees nothing; five wrong codes lock; merging units."""

from __future__ import annotations

import re

from event.enums import Role
from event.messages.config import MessageConfig
from event.messages.delivery import Courier
from event.tables import (
    AuditEntry,
    Delegation,
    Message,
    Organization,
    Person,
    Presentation,
    Submission,
    UnitContact,
    UnitSignInCode,
)
from tests.factories import OTHER_UNIT, UNIT, delegation, login, qc, shown_errors

CLAIM = {"organization": UNIT, "name": "孙联系", "mobile": "13511112222", "email": ""}
SENT = "如果该手机号码或电子邮箱属于已批准的单位联系人，验证码已发送"


async def approved_contact(client) -> int:
    """A contact claimed on the public page and approved by an organiser (who stays logged in)."""
    await client.post("/unit/claim", data=CLAIM)
    await login(client, "zhang", Role.organiser)
    contact_id = (await UnitContact.select(UnitContact.id).first())["id"]
    await client.post(f"/admin/units/contacts/{contact_id}/decision", data={"decision": "approve"})
    return contact_id


async def code_from_local_mailbox(client) -> str:
    """Deliver the outbox to the local mailbox and read the code as an organiser sees it."""
    await Courier(MessageConfig(public_url="http://testserver")).drain()
    row = await Message.select(Message.id).where(Message.topic == "unit_contact.code").first()
    page = await client.get(f"/admin/messages/{row['id']}")
    return re.search(r"验证码是(\d{6})", page.text).group(1)


async def signed_in(client) -> None:
    await approved_contact(client)
    await client.post("/unit/login", data={"contact": CLAIM["mobile"]})
    code = await code_from_local_mailbox(client)
    answer = await client.post("/unit/login/code", data={"contact": CLAIM["mobile"], "code": code})
    assert (answer.status_code, answer.headers["location"]) == (303, "/unit")


async def test_a_claim_is_pending_and_grants_nothing(client) -> None:
    await client.post("/unit/claim", data=CLAIM)
    await client.post("/unit/login", data={"contact": CLAIM["mobile"]})
    row = await UnitContact.select(UnitContact.status, UnitContact.organization.name).first()
    assert (row, await UnitSignInCode.count()) == (
        {"status": "pending", "organization.name": UNIT},
        0,
    )


async def test_a_claim_with_a_wrong_mobile_names_the_field(client) -> None:
    answer = await client.post("/unit/claim", data=CLAIM | {"mobile": "12345"})
    assert (answer.status_code, list(shown_errors(answer.text)), await UnitContact.count()) == (
        400,
        ["mobile"],
        0,
    )


async def test_signed_in_contact_sees_the_units_delegations_and_submissions(client) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    sent = (await client.post("/api/submissions/qc", json=qc())).json()
    await signed_in(client)
    page = await client.get("/unit")
    found = ("钱代表" in page.text, "13700000001" in page.text, f"/s/{sent['token']}" in page.text,
             f"/d/{made['token']}" in page.text)  # fmt: skip
    assert (page.status_code, found) == (200, (True, True, True, True))


async def test_signed_in_contact_gets_the_units_summary_as_xlsx(client) -> None:
    await client.post("/api/submissions/qc", json=qc())
    await signed_in(client)
    answer = await client.get("/unit/summary?format=xlsx")
    audited = await AuditEntry.count().where(AuditEntry.action == "export.personal")
    assert (answer.status_code, answer.content[:2], audited) == (200, b"PK", 1)


async def test_the_code_request_answers_the_same_for_an_unknown_address(client) -> None:
    await approved_contact(client)
    known = await client.post("/unit/login", data={"contact": CLAIM["mobile"]})
    unknown = await client.post("/unit/login", data={"contact": "13900009999"})
    strip = lambda html: re.sub(r'value="[^"]*"', "", html)  # noqa: E731  (CSRF and the address differ)
    assert (known.status_code, unknown.status_code, SENT in known.text) == (200, 200, True)
    assert strip(known.text) == strip(unknown.text)


async def test_stranger_who_knows_the_unit_name_sees_nothing(client) -> None:
    await client.post("/api/delegations", json=delegation())
    await client.post("/unit/claim", data=CLAIM | {"mobile": "13988887777"})
    await client.post("/unit/login", data={"contact": "13988887777"})
    tried = await client.post("/unit/login/code", data={"contact": "13988887777", "code": "000000"})
    page = await client.get("/unit", headers={"accept": "text/html"})
    api = await client.get("/unit")
    shown = (tried.status_code, page.status_code, page.headers.get("location"), api.status_code)
    assert shown == (400, 302, "/unit/login", 401)


async def test_five_wrong_codes_lock_the_code(client) -> None:
    await approved_contact(client)
    await client.post("/unit/login", data={"contact": CLAIM["mobile"]})
    code = await code_from_local_mailbox(client)
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    for _ in range(5):
        await client.post("/unit/login/code", data={"contact": CLAIM["mobile"], "code": wrong})
    right = await client.post("/unit/login/code", data={"contact": CLAIM["mobile"], "code": code})
    assert (right.status_code, shown_errors(right.text)) == (
        400,
        {"code": "验证码错误次数过多，已失效，请重新获取验证码"},
    )


async def test_a_code_opens_once(client) -> None:
    await approved_contact(client)
    await client.post("/unit/login", data={"contact": CLAIM["mobile"]})
    code = await code_from_local_mailbox(client)
    await client.post("/unit/login/code", data={"contact": CLAIM["mobile"], "code": code})
    again = await client.post("/unit/login/code", data={"contact": CLAIM["mobile"], "code": code})
    assert again.status_code == 400


async def test_a_disabled_contact_is_signed_out(client) -> None:
    contact_id = await approved_contact(client)
    await client.post("/unit/login", data={"contact": CLAIM["mobile"]})
    code = await code_from_local_mailbox(client)
    await client.post("/unit/login/code", data={"contact": CLAIM["mobile"], "code": code})
    await UnitContact.update({UnitContact.status: "disabled"}).where(UnitContact.id == contact_id)
    page = await client.get("/unit", headers={"accept": "text/html"})
    assert (page.status_code, page.headers.get("location")) == (302, "/unit/login")


async def test_merge_moves_people_delegations_submissions_and_contacts(client) -> None:
    await client.post("/api/delegations", json=delegation(organization=OTHER_UNIT))
    await client.post("/api/submissions/qc", json=qc(organization=OTHER_UNIT))
    await client.post("/unit/claim", data=CLAIM | {"organization": OTHER_UNIT})
    await client.post("/api/submissions/qc", json=qc(group_name="第二小组", topic="另一个课题"))
    ids = {
        r["name"]: r["id"] for r in await Organization.select(Organization.id, Organization.name)
    }
    await login(client, "zhang", Role.organiser)
    pair = {"keep": str(ids[UNIT]), "drop": str(ids[OTHER_UNIT])}
    preview = await client.post("/admin/units/merge", data=pair)
    assert preview.status_code == 200 and await Organization.count() == 2  # nothing moved yet
    shown = re.sub(r"<[^>]+>", " ", preview.text)
    assert f"将“{OTHER_UNIT}”并入“{UNIT}”" in shown
    assert re.search(r"人员：\s*\d+", shown) and re.search(r"发表：\s*1\b", shown), shown
    answer = await client.post("/admin/units/merge", data=pair | {"confirm": "1"})
    left = [
        await t.count().where(t.organization != ids[UNIT])
        for t in (Person, Delegation, Submission, Presentation, UnitContact)
    ]
    names = [r["name"] for r in await Organization.select(Organization.name)]
    audited = await AuditEntry.count().where(AuditEntry.action == "unit.merge")
    assert await Presentation.count().where(Presentation.organization == ids[UNIT]) == 2
    assert (answer.status_code, left, names, audited) == (303, [0, 0, 0, 0, 0], [UNIT], 1)


async def test_merging_a_unit_into_itself_is_refused(client) -> None:
    await client.post("/api/submissions/qc", json=qc())
    org = (await Organization.select(Organization.id).first())["id"]
    await login(client, "zhang", Role.organiser)
    answer = await client.post("/admin/units/merge", data={"keep": str(org), "drop": str(org)})
    assert (answer.status_code, "请选择两个不同的单位" in answer.text) == (400, True)


async def test_organiser_creates_an_approved_contact(client) -> None:
    await login(client, "zhang", Role.organiser)
    answer = await client.post("/admin/units/contacts", data=CLAIM)
    row = await UnitContact.select(UnitContact.status, UnitContact.created_by).first()
    assert (answer.status_code, row["status"], row["created_by"].startswith("组织者 zhang")) == (
        303,
        "approved",
        True,
    )


async def test_an_address_opens_one_unit_only(client) -> None:
    await login(client, "zhang", Role.organiser)
    await client.post("/admin/units/contacts", data=CLAIM)
    answer = await client.post("/admin/units/contacts", data=CLAIM | {"organization": OTHER_UNIT})
    shown = shown_errors(answer.text)
    assert (answer.status_code, shown, await UnitContact.count()) == (
        400, {"mobile": "该手机号码或电子邮箱已是另一位单位联系人的登录方式"}, 1)  # fmt: skip


async def test_approving_a_claim_on_a_taken_mobile_is_refused(client) -> None:
    contact_id = await approved_contact(client)
    await client.post("/unit/claim", data=CLAIM | {"organization": OTHER_UNIT})
    second = (await UnitContact.select(UnitContact.id).where(UnitContact.id != contact_id).first())[
        "id"
    ]
    answer = await client.post(
        f"/admin/units/contacts/{second}/decision", data={"decision": "approve"}
    )
    status = (await UnitContact.select(UnitContact.status).where(UnitContact.id == second).first())[
        "status"
    ]
    assert (answer.status_code, status) == (400, "pending")


async def test_the_audit_page_filters_unit_contact_entries(client) -> None:
    await approved_contact(client)
    page = await client.get("/admin/audit?entity=unit_contact")
    assert (
        page.status_code,
        "unit_contact.claim" in page.text,
        "unit_contact.approve" in page.text,
    ) == (200, True, True)
